"""The alterations of the tamper matrix (TAMPERS): the events, their chain, the files
of an SQLite store, snapshots and read models, each changed behind the program's back."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from projections.store.connect import open_minutes
from tests.tamper.raw import events_table, first_of, nid, pg, rechain_without_key, rows, sql
from tests.tamper.store import Store, environment


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
