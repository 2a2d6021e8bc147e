"""Where the events live: an SQLite file (default events.db) or a PostgreSQL URL, the
environment eventsourcing opens it with, and the files a store keeps there."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import ParseResult, parse_qs, unquote, urlparse

from domain.errors import ChefforumError
from projections.config import MAX_PATH, ConfigError, checked_path, regular_file
from projections.store.checkpoints import default_path
from projections.store.cipher import cipher_env

DEFAULT_DB = "events.db"


class StoreError(ChefforumError):
    """The store could not be opened."""


def location(given: str | None = None) -> str:
    """--db, else CHEFFORUM_DB, else events.db in the working directory."""
    return given or os.environ.get("CHEFFORUM_DB") or DEFAULT_DB


def _postgres_port(url: ParseResult) -> str:
    try:
        port = url.port
    except ValueError:  # not a number, or out of range
        port = -1
    if port is not None and not 1 <= port <= 65535:
        raise ConfigError(
            "Porten i PostgreSQL-adressen (--db eller CHEFFORUM_DB) skal være et tal fra 1 "
            "til 65535."
        )
    return str(port or 5432)


def is_postgres(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def store_env(where: str) -> dict[str, str]:
    """eventsourcing's environment for a store location."""
    if not is_postgres(where):
        path = checked_path(where, "Lagerets sti (--db eller CHEFFORUM_DB)")
        if path.is_dir():
            raise StoreError(f"{where} er en mappe, ikke en databasefil.")
        if not path.parent.exists():
            raise StoreError(f"Mappen {path.parent} findes ikke.")
        regular_file(path, "Lageret (--db eller CHEFFORUM_DB)")  # not a device or a FIFO
        return {
            # WAL journal, and each commit synced to disk (see DurableSQLiteFactory).
            "PERSISTENCE_MODULE": "projections.store.sqlite.connection:DurableSQLiteFactory",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "10",
            "APPLICATION_RECORDER_TOPIC": "projections.store.sqlite.recorder:ChainedSQLiteRecorder",
            **cipher_env(),
        }
    if len(where) > MAX_PATH:
        raise ConfigError("PostgreSQL-adressen (--db eller CHEFFORUM_DB) er for lang.")
    url = urlparse(where)
    query = parse_qs(url.query)
    env = {
        "PERSISTENCE_MODULE": "projections.store.postgres.connection:DeadlinePostgresFactory",
        "POSTGRES_DBNAME": unquote(url.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": _postgres_port(url),
        "POSTGRES_USER": unquote(url.username or "") or os.environ.get("USER", "postgres"),
        "POSTGRES_PASSWORD": unquote(url.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_LOCK_TIMEOUT": "10",
        "APPLICATION_RECORDER_TOPIC": "projections.store.postgres.recorder:ChainedPostgresRecorder",
        **cipher_env(),
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env


def own_files(given: str | None) -> list[Path]:
    """The files a store keeps at its location: an SQLite file with its write-ahead log,
    shared memory and journal, and its checkpoint file (for an export, which must not
    write over any of them)."""
    where = location(given)
    found = [default_path(where)]
    if not is_postgres(where):
        found += [Path(where + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    return found


def is_own_file(given: str | None, path: Path) -> bool:
    """Whether path is (or links to) one of the store's own files."""
    target = path.resolve()
    for own in own_files(given):
        if own.resolve() == target:
            return True
        try:
            if own.exists() and path.exists() and own.samefile(path):
                return True
        except OSError:
            continue
    return False
