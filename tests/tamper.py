# Over 400 lines: the alterations, the commands run on them and their judge belong together.
"""The tamper matrix: copies of a store altered behind the program's back, and what
`verify` (without and with a checkpoint) and a few commands say about each.

Used by tests/integration/test_tamper_matrix.py (which asserts: every alteration of the
events is found given a checkpoint, every damaged read model is repaired, no command ever
raises) and by bench/tamper_matrix.py (which prints the matrix for the note).

The commands run in this process through the CLI's main(), their output captured, so a
traceback shows as an exception caught here (outcome "TRACEBACK").
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg

from chefforum_tui.cli import main
from projections.documents.referat import digest
from projections.store.chain import GENESIS, Chain, StoredRow
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


# -- raw access, as someone with the database's files or its owner's login ---------------


def sql(store: Store, sqlite_sql: str, pg_sql: str, params: tuple[object, ...] = ()) -> None:
    if store.kind == "postgres":
        with pg(store) as conn:
            conn.execute(pg_sql, params)
    else:
        with closing(sqlite3.connect(store.where)) as db, db:
            db.execute(sqlite_sql, params)


@contextlib.contextmanager
def pg(store: Store) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    schema = parse_qs(urlparse(store.where).query)["schema"][0]
    with psycopg.connect(store.where.split("?")[0], autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        conn.execute("SET session_replication_role = replica")  # past the triggers
        yield conn


def events_table(store: Store) -> str:
    return "chefforum_events" if store.kind == "postgres" else "stored_events"


def nid(store: Store) -> str:
    return "notification_id" if store.kind == "postgres" else "rowid"


def first_of(store: Store, topic: str) -> int:
    minutes = open_minutes(store.where, create=False)
    try:
        for n in minutes.recorder.select_notifications(start=1, limit=100_000):
            if n.topic == f"chefforum:{topic}":
                return n.id
    finally:
        minutes.close()
    raise AssertionError(topic)


def rows(store: Store) -> list[StoredRow]:
    minutes = open_minutes(store.where, create=False)
    try:
        return list(minutes.recorder.stored_rows(1, 100_000))  # type: ignore[attr-defined]
    finally:
        minutes.close()


def rechain_without_key(store: Store) -> None:
    """Recompute the whole chain as plain SHA-256: all an attacker without the key can."""
    chain = Chain()
    link, new = GENESIS, []
    for row in rows(store):
        link = chain.link(link, row.hash)
        new.append((row.notification_id, row.originator_id, row.originator_version, row.hash, link))
    sql(store, "DELETE FROM chefforum_chain", "DELETE FROM chefforum_chain")
    for values in new:
        sql(
            store,
            "INSERT INTO chefforum_chain VALUES (?, ?, ?, ?, ?)",
            "INSERT INTO chefforum_chain VALUES (%s, %s, %s, %s, %s)",
            values,
        )


# -- the alterations --------------------------------------------------------------------


def edit_event(store: Store) -> None:
    n = first_of(store, "DecisionRecorded")
    t = events_table(store)
    sql(
        store,
        f"UPDATE {t} SET state = CAST(replace(CAST(state AS TEXT), 'godkendt', 'forkastet') "
        "AS BLOB) WHERE rowid = ?",
        f"UPDATE {t} SET state = convert_to(replace(convert_from(state, 'UTF8'), 'godkendt', "
        "'forkastet'), 'UTF8') WHERE notification_id = %s",
        (n,),
    )


def edit_as_text(store: Store) -> None:
    """sqlite3's replace() on a BLOB stores TEXT."""
    n = first_of(store, "DecisionRecorded")
    sql(
        store,
        "UPDATE stored_events SET state = replace(state, 'godkendt', 'forkastet') WHERE rowid = ?",
        "",
        (n,),
    )


def delete_event(store: Store) -> None:
    n = first_of(store, "RemarkAdded")
    sql(
        store,
        "DELETE FROM stored_events WHERE rowid = ?",
        "DELETE FROM chefforum_events WHERE notification_id = %s",
        (n,),
    )


def delete_newest(store: Store) -> None:
    """The newest event (the approval) and its chain row: the chain is whole, only shorter."""
    t, i = events_table(store), nid(store)
    for statement in (
        f"DELETE FROM {t} WHERE {i} = (SELECT max({i}) FROM {t})",
        "DELETE FROM chefforum_chain WHERE notification_id = "
        "(SELECT max(notification_id) FROM chefforum_chain)",
    ):
        sql(store, statement, statement)


def insert_event(store: Store) -> None:
    n = first_of(store, "RemarkAdded")
    t, i = events_table(store), nid(store)
    statement = (
        f"INSERT INTO {t} (originator_id, originator_version, topic, state) "
        f"SELECT originator_id, 999, topic, state FROM {t} WHERE {i} = "
    )
    sql(store, statement + "?", statement + "%s", (n,))


def reorder_events(store: Store) -> None:
    a = first_of(store, "VotesRecorded")
    b = first_of(store, "ItemAbsenceRecorded")
    t, i = events_table(store), nid(store)
    found = {r.notification_id: r.originator_version for r in rows(store)}
    va, vb = found[a], found[b]
    for frm, to in ((va, -1), (vb, va), (-1, vb)):
        sql(
            store,
            f"UPDATE {t} SET originator_version = ? WHERE originator_version = ? AND {i} IN (?, ?)",
            f"UPDATE {t} SET originator_version = %s WHERE originator_version = %s "
            f"AND {i} IN (%s, %s)",
            (to, frm, a, b),
        )


def rewrite_and_rechain(store: Store) -> None:
    """Alter an event and recompute the chain without the key."""
    edit_event(store)
    rechain_without_key(store)


def truncate_empty(store: Store) -> None:
    if store.kind == "postgres":
        with pg(store) as conn:
            conn.execute("TRUNCATE chefforum_events, chefforum_chain")
        return
    Path(store.where).write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(store.where + suffix).unlink(missing_ok=True)


def truncate_half(store: Store) -> None:
    path = Path(store.where)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    for suffix in ("-wal", "-shm"):
        Path(store.where + suffix).unlink(missing_ok=True)


def not_sqlite(store: Store) -> None:
    Path(store.where).write_bytes(b"Dette er ikke en database.\n" * 100)
    for suffix in ("-wal", "-shm"):
        Path(store.where + suffix).unlink(missing_ok=True)


def delete_wal(store: Store) -> None:
    wal = Path(store.where + "-wal")
    assert wal.exists() and wal.stat().st_size > 0, "the copy has no write-ahead log"
    wal.unlink()
    Path(store.where + "-shm").unlink(missing_ok=True)


def cut_wal(store: Store) -> None:
    wal = Path(store.where + "-wal")
    data = wal.read_bytes()
    assert data, "the copy has no write-ahead log"
    wal.write_bytes(data[: len(data) // 2])
    Path(store.where + "-shm").unlink(missing_ok=True)


def drop_chain(store: Store) -> None:
    sql(store, "DROP TABLE chefforum_chain", "DROP TABLE chefforum_chain")


def bad_snapshot(store: Store) -> None:
    sql(
        store,
        "UPDATE stored_snapshots SET state = CAST('{ikke json' AS BLOB)",
        "UPDATE chefforum_snapshots SET state = convert_to('{ikke json', 'UTF8')",
    )


def forget_identity(store: Store) -> None:
    """The store's row gone and the chain recomputed without the key."""
    sql(store, "DELETE FROM chefforum_store", "DELETE FROM chefforum_store")
    rewrite_and_rechain(store)


def position_reset(store: Store) -> None:
    sql(
        store,
        "UPDATE tracking SET notification_id = 0",
        "UPDATE rm_tracking SET notification_id = 0",
    )


def position_ahead(store: Store) -> None:
    sql(
        store,
        "UPDATE tracking SET notification_id = 1000000000",
        "UPDATE rm_tracking SET notification_id = 1000000000",
    )


def position_garbage(store: Store) -> None:
    """Not a number (SQLite keeps what it is given); on PostgreSQL the row is deleted."""
    sql(
        store,
        "UPDATE tracking SET notification_id = 'zz'",
        "DELETE FROM rm_tracking",
    )


def rows_missing(store: Store) -> None:
    sql(
        store,
        "DELETE FROM rm_audit WHERE position > 10",
        "DELETE FROM rm_audit WHERE position > 10",
    )


def status_forged(store: Store) -> None:
    """The meeting list's row says the approved minutes are only a published agenda."""
    statement = "UPDATE rm_meetings SET status = 'published'"
    sql(store, statement, statement)


def log_forged(store: Store) -> None:
    """Who made a change, as `chefforum log` shows it, changed in the audit read model."""
    statement = (
        "UPDATE rm_audit SET actor = 'Mallory', description = 'Mallory ændrede' WHERE position = 5"
    )
    sql(store, statement, statement)


def snapshot_forged(store: Store) -> None:
    """A snapshot (taken by the program) altered so that it reads well but says something
    the events do not."""
    scheduled = next(r for r in rows(store) if r.topic == "chefforum:MeetingScheduled")
    with environment(store.env):
        minutes = open_minutes(store.where)
        try:
            minutes.take_snapshot(uuid.UUID(scheduled.originator_id))
        finally:
            minutes.close()
    sql(
        store,
        "UPDATE stored_snapshots SET state = CAST(replace(CAST(state AS TEXT), "
        "'Udvalgsværelse 2', 'Kælderen') AS BLOB)",
        "UPDATE chefforum_snapshots SET state = convert_to(replace(convert_from(state, "
        "'UTF8'), 'Udvalgsværelse 2', 'Kælderen'), 'UTF8')",
    )


def identity_changed_newest_deleted(store: Store) -> None:
    """The store's id changed (every checkpoint line then looks like another store's),
    then the newest event (the approval) deleted with its chain row."""
    statement = "UPDATE chefforum_store SET id = 'ffffffffffffffffffffffffffffffff'"
    sql(store, statement, statement)
    delete_newest(store)


@dataclass(frozen=True)
class Tamper:
    name: str  # Danish, as printed
    alter: Callable[[Store], None]
    kinds: tuple[str, ...] = ("sqlite", "postgres")
    events: bool = True  # the events (or their chain) altered: verify must find it
    # verify finds it also without a checkpoint given (its own file, or a replay). A read
    # model altered: found, and the commands answer as before (False: the commands repair
    # it, verify has nothing to say).
    found: bool = False
    keyed: bool = True
    wal: bool = False  # needs a copy taken while the write-ahead log held the newest events

    @property
    def slug(self) -> str:
        return self.alter.__name__ + ("" if self.keyed else "_unkeyed")


TAMPERS = (
    Tamper("hændelse ændret", edit_event),
    Tamper("hændelse ændret af replace() (TEXT)", edit_as_text, ("sqlite",)),
    Tamper("hændelse slettet", delete_event),
    Tamper("nyeste hændelse og kæderække slettet", delete_newest),
    Tamper("hændelse indsat", insert_event),
    Tamper("hændelser byttet om", reorder_events),
    Tamper("ændret + kæde regnet om uden nøgle", rewrite_and_rechain),
    Tamper("ændret + kæde regnet om (lager uden nøgle)", rewrite_and_rechain, keyed=False),
    Tamper("identitetsrække slettet + kæde regnet om", forget_identity),
    Tamper("hashkæden slettet (tabel)", drop_chain),
    Tamper("lageret tømt (0 byte / TRUNCATE)", truncate_empty),
    Tamper("filen skåret til det halve", truncate_half, ("sqlite",)),
    Tamper("filen er ikke SQLite", not_sqlite, ("sqlite",)),
    Tamper("-wal slettet", delete_wal, ("sqlite",), wal=True),
    Tamper("-wal skåret til det halve", cut_wal, ("sqlite",), wal=True),
    Tamper("snapshot er ikke JSON", bad_snapshot),
    Tamper("læsemodel: position nulstillet", position_reset, events=False),
    Tamper("læsemodel: position foran hændelserne", position_ahead, events=False),
    Tamper("læsemodel: position ødelagt", position_garbage, events=False),
    Tamper("læsemodel: rækker slettet", rows_missing, events=False, found=True),
    Tamper("læsemodel: status ændret", status_forged, events=False, found=True),
    Tamper("læsemodel: log forfalsket", log_forged, events=False, found=True),
    Tamper("snapshot forfalsket (læsbart)", snapshot_forged),
    Tamper(
        "identitet ændret + nyeste hændelse slettet", identity_changed_newest_deleted, found=True
    ),
)


# -- running the commands ---------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    code: int | None  # None: an exception escaped main()
    line: str  # the first line said (stderr first), or the exception
    text: str = ""  # all it wrote to standard output

    @property
    def traceback(self) -> bool:
        return self.code is None or "Traceback" in self.line

    def __str__(self) -> str:
        code = "TRACEBACK" if self.code is None else str(self.code)
        return f"{code}: {self.line}"


def run(argv: list[str]) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException as e:  # what the user would see as a traceback
        return Outcome(None, f"{type(e).__name__}: {e}")
    said = (err.getvalue().strip() or out.getvalue().strip()).splitlines()
    return Outcome(code, said[0] if said else "", out.getvalue())


COMMANDS = (
    "verify",
    "verify --checkpoint",
    "meetings",
    "export",
    "search",
    "log",
    "rebuild",
    "correct",
)


def commands(store: Store, folder: Path) -> dict[str, Outcome]:
    """Each command on the altered store, as a user runs it (the checkpoint file beside
    it), except "verify": without any checkpoint."""
    db = ["--db", store.where]
    result: dict[str, Outcome] = {}
    with environment({**store.env, CHECKPOINTS_VAR: str(folder / "no-checkpoints.txt")}):
        result["verify"] = run([*db, "verify"])
    with environment(store.env):
        result["verify --checkpoint"] = run([*db, "verify", "--checkpoint", str(store.checkpoints)])
        result["meetings"] = run([*db, "meetings"])
        result["export"] = run([*db, "export", store.meeting, "-o", str(folder / "referat.txt")])
        result["search"] = run([*db, "search", "budgetopfølgning"])
        result["log"] = run([*db, "log", store.meeting])
        result["rebuild"] = run([*db, "rebuild"])
        correction = ["--reason", "Stavefejl", "--text", "Rettet."]
        result["correct"] = run([*db, "correct", store.meeting, *correction])  # a write, last
    return result


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


Matrix = dict[tuple[str, str], dict[str, Outcome]]


def prepare(
    tamper: Tamper, kind: str, here: Path, bases: dict[tuple[str, bool], Store], pg_server: str
) -> Store:
    """The store to alter for a tamper: a fresh PostgreSQL schema, a copy taken while the
    write-ahead log held the newest events, or a copy of an SQLite store built once."""
    if kind == "postgres":
        here.mkdir(parents=True)
        where = f"{pg_server}?schema=t_tamper_{uuid.uuid4().hex[:10]}"
        return build(where, here / FILE_NAME, kind, keyed=tamper.keyed)
    if tamper.wal:
        return wal_copy(here.with_name(here.name + "-base"), here, tamper.keyed)
    key = (kind, tamper.keyed)
    if key not in bases:
        base_folder = here.parent / f"base-{kind}-{'key' if tamper.keyed else 'plain'}"
        base_folder.mkdir(parents=True)
        bases[key] = build(
            str(base_folder / "events.db"), base_folder / FILE_NAME, kind, keyed=tamper.keyed
        )
    return copy_sqlite(bases[key], here)


def matrix(folder: Path, pg_server: str | None, only: tuple[str, ...] = ()) -> Matrix:
    """Every tamper on every kind of store it applies to: {(tamper, kind): outcomes}."""
    result: Matrix = {}
    bases: dict[tuple[str, bool], Store] = {}
    for n, tamper in enumerate(TAMPERS):
        if only and tamper.name not in only:
            continue
        for kind in tamper.kinds:
            if kind == "postgres" and pg_server is None:
                continue
            store = prepare(tamper, kind, folder / f"{n:02d}-{kind}", bases, pg_server or "")
            try:
                tamper.alter(store)
                result[(tamper.name, kind)] = commands(store, folder / f"{n:02d}-{kind}")
            finally:
                if kind == "postgres":
                    drop_schema(pg_server or "", store.where)
    return result


def drop_schema(server: str, where: str) -> None:
    schema = parse_qs(urlparse(where).query)["schema"][0]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def table(result: Matrix) -> str:
    """The matrix as Markdown: one row per tamper and store, a cell per command."""
    lines = [
        "| ændring | lager | " + " | ".join(COMMANDS) + " |",
        "|---|---|" + "---|" * len(COMMANDS),
    ]
    for (name, kind), outcomes in result.items():
        cells = [_cell(outcomes[c]) for c in COMMANDS]
        lines.append(f"| {name} | {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(outcome: Outcome) -> str:
    """An outcome in a few words: the exit code and what was said, without the places."""
    if outcome.code is None:
        return f"TRACEBACK {outcome.line[:40]}"
    if outcome.code == 0:
        return "0 OK"
    text = outcome.line.removeprefix("chefforum: ")
    for pattern in (
        r" (/\S*)?events\.db\b| postgresql://\S+|\s*\([^)]*\)",  # places, asides
        r"^(FEJL|fejl|afvist): (Lageret (er beskadiget: )?)?",
        r"^hændelse nr\. \d+, (møde \w+ position -?\d+: )?|^møde \w+ position -?\d+: ",
    ):
        text = re.sub(pattern, "", text)
    text = text if len(text) <= 48 else text[:47] + "…"
    return f"{outcome.code} {text}".replace("|", "/")


def judged(tamper: Tamper, outcomes: dict[str, Outcome]) -> list[str]:
    """What is wrong with the outcomes of a tamper (empty: as it should be).

    An alteration of the events is found by verify given a checkpoint (exit 1, one line);
    a damaged read model is repaired: verify content, every command answering with the
    meeting in its answer. No command ever raises."""
    wrong = [f"{name}: {o}" for name, o in outcomes.items() if o.traceback]
    if tamper.events:
        checked = outcomes["verify --checkpoint"]
        if checked.code != 1 or not checked.line.startswith("chefforum: FEJL"):
            wrong.append(f"not found given a checkpoint: {checked}")
        found = outcomes["verify"]  # without a checkpoint, where it must be found too
        if tamper.found and (found.code != 1 or not found.line.startswith("chefforum: FEJL")):
            wrong.append(f"not found without a checkpoint: {found}")
        wrong += [f"{n}: {o}" for n, o in outcomes.items() if o.code not in (0, 1, 2)]
        return wrong
    verifies = ("verify", "verify --checkpoint") if tamper.found else ()
    for name in verifies:
        if outcomes[name].code != 1 or not outcomes[name].line.startswith("chefforum: FEJL"):
            wrong.append(f"{name} did not find it: {outcomes[name]}")
    wrong += [f"{n}: {o}" for n, o in outcomes.items() if o.code != 0 and n not in verifies]
    if "Økonomiudvalget" not in outcomes["meetings"].text:
        wrong.append("the meeting list lost the meeting")
    if "Budgetopfølgning" not in outcomes["search"].text:
        wrong.append("search lost the item")
    if len(outcomes["log"].text.splitlines()) < 30:
        wrong.append("the log lost changes")
    return wrong
