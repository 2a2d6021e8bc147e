"""The stores the tamper matrix alters: a meeting through its whole life in SQLite or
PostgreSQL, copies of an SQLite store (also one taken while its write-ahead log held the
newest events), and the environment a command runs in against one."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg

from projections.documents.referat import digest
from projections.store.checkpoints import CHECKPOINTS_VAR, FILE_NAME
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting

CHAIN_KEY = "dGFtcGVyLW1hdHJpeC1rZXktMDEyMzQ1Njc4OWFiY2Q="  # a test key, base64 of 32 bytes
MEETING_PREFIX_LEN = 8


@dataclass(frozen=True)
class Store:
    """A store to alter: its location, its checkpoint file, and its kind."""

    where: str
    checkpoints: Path
    kind: str  # "sqlite" or "postgres"
    meeting: str  # the meeting's id prefix, as a user names it
    keyed: bool

    @property
    def env(self) -> dict[str, str]:
        env = {CHECKPOINTS_VAR: str(self.checkpoints), "CHEFFORUM_ACTOR": SECRETARY}
        if self.keyed:
            env["CHEFFORUM_CHAIN_KEY"] = CHAIN_KEY
        return env


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    drop = [k for k in os.environ if k.startswith("CHEFFORUM_") and k not in values]
    dropped = {k: os.environ.pop(k) for k in drop}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        os.environ.update(dropped)


def build(where: str, checkpoints: Path, kind: str, *, keyed: bool = True) -> Store:
    """A meeting through its whole life, a snapshot, approved last (the approval writes
    the newest checkpoint), read models caught up."""
    store = Store(where, checkpoints, kind, "", keyed)
    with environment(store.env):
        minutes = open_minutes(where)
        try:
            mid, _ = full_meeting(minutes)
            minutes.take_snapshot(mid)
            minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
            minutes.read_models.meetings()  # type: ignore[union-attr]
        finally:
            minutes.close()
    return Store(where, checkpoints, kind, mid.hex[:MEETING_PREFIX_LEN], keyed)


def copy_sqlite(base: Store, folder: Path) -> Store:
    folder.mkdir(parents=True)
    for path in Path(base.where).parent.iterdir():
        if path.name.startswith("events.db") or path.name == FILE_NAME:
            shutil.copy2(path, folder / path.name)
    return Store(str(folder / "events.db"), folder / FILE_NAME, base.kind, base.meeting, base.keyed)


def wal_copy(base_folder: Path, folder: Path, kind_keyed: bool) -> Store:
    """A store copied while its write-ahead log held the newest events (the approval):
    everything before is checkpointed into the file, the rest is only in the -wal."""
    base_folder.mkdir(parents=True)
    where = str(base_folder / "events.db")
    store = Store(where, base_folder / FILE_NAME, "sqlite", "", kind_keyed)
    with environment(store.env):
        minutes = open_minutes(where)
        try:
            mid, _ = full_meeting(minutes)
            minutes.read_models.meetings()  # type: ignore[union-attr]
            with closing(sqlite3.connect(where)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)  # the log's only commit
            # Copied with the store open: its last connection has not folded the log in.
            folder.mkdir(parents=True)
            for path in base_folder.iterdir():
                shutil.copy2(path, folder / path.name)
        finally:
            minutes.close()
    return Store(str(folder / "events.db"), folder / FILE_NAME, "sqlite", mid.hex[:8], kind_keyed)


def drop_schema(server: str, where: str) -> None:
    schema = parse_qs(urlparse(where).query)["schema"][0]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
