"""What a save does inside the user's wait, counted, not timed: no WAL checkpoint in the
saving commit (SQLite), the checkpoint made afterwards by the store's own thread, and a
meeting loaded without eventsourcing's per-event Protocol check."""

from __future__ import annotations

import gc
import shutil
import sqlite3
import time
from abc import ABCMeta
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from eventsourcing.domain import CanMutateProtocol
from eventsourcing.sqlite import SQLiteApplicationRecorder

from domain.application import Minutes
from projections.store.connect import open_minutes
from projections.store.sqlite.connection import WAL_FALLBACK_PAGES

ACTOR = "Test"


def events_in_file_alone(db: Path, copy: Path) -> int:
    """Events in the database file without its write-ahead log: those checkpointed."""
    shutil.copyfile(db, copy)
    with closing(sqlite3.connect(copy)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM stored_events").fetchone()[0])
        except sqlite3.OperationalError:  # not even the table is in the file yet
            return 0


def test_saves_leave_the_checkpoint_to_the_quiet_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("projections.store.sqlite.connection.WAL_QUIET", 0.3)
    db = tmp_path / "events.db"
    minutes = open_minutes(str(db))
    try:
        recorder = minutes.recorder
        assert isinstance(recorder, SQLiteApplicationRecorder)
        connection = recorder.datastore.pool.get_connection()
        try:
            pages = connection._sqlite_conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        finally:
            recorder.datastore.pool.put_connection(connection)
        assert pages == WAL_FALLBACK_PAGES
        meeting_id = minutes.schedule(ACTOR, "Udvalget", date(2026, 5, 20))
        for n in range(30):
            minutes.add_item(meeting_id, ACTOR, f"Punkt {n}")
        saved = minutes.recorder.max_notification_id() or 0
        # Right after the saves: in the WAL, not yet in the database file.
        assert events_in_file_alone(db, tmp_path / "early.db") < saved
        deadline = time.monotonic() + 10
        while events_in_file_alone(db, tmp_path / "late.db") < saved:
            assert time.monotonic() < deadline, "the quiet store was never checkpointed"
            time.sleep(0.1)
    finally:
        minutes.close()


def test_loading_a_meeting_checks_no_protocol_per_event(
    sqlite_minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id = sqlite_minutes.schedule(ACTOR, "Udvalget", date(2026, 5, 20))
    for n in range(5):
        sqlite_minutes.add_item(meeting_id, ACTOR, f"Punkt {n}")
    checks = [0]
    original = type(CanMutateProtocol).__instancecheck__

    def counting(cls: ABCMeta, instance: object) -> bool:
        if cls is CanMutateProtocol:
            checks[0] += 1
        return bool(original(cls, instance))

    monkeypatch.setattr(type(CanMutateProtocol), "__instancecheck__", counting)
    meeting = sqlite_minutes.get(meeting_id)
    assert len(meeting.state.items) == 5
    assert checks[0] == 0


def test_a_kept_meeting_is_brought_up_to_date_and_never_handed_out(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = open_minutes(store), open_minutes(store)
    try:
        meeting_id = mine.schedule(ACTOR, "Udvalget", date(2026, 5, 20))
        for n in range(120):  # past a snapshot: a load anew decodes it and replays the rest
            mine.add_item(meeting_id, ACTOR, f"Punkt {n}")
        mine.flush_snapshots()
        mine.get(meeting_id)
        decoded = [0]
        to_domain_event = type(mine.mapper).to_domain_event
        assert mine.snapshots is not None
        readers = (mine.mapper, mine.snapshots.mapper)  # not the copy's own mapper

        def counting(mapper: object, stored: object) -> object:
            decoded[0] += mapper in readers
            return to_domain_event(mapper, stored)

        monkeypatch.setattr(type(mine.mapper), "to_domain_event", counting)
        # Loaded again: no snapshot and no event decoded from the store.
        first = mine.get(meeting_id)
        assert decoded[0] == 0
        # A change in memory, never saved, is not in the next load.
        first.add_item(ACTOR, "Aldrig gemt")
        assert len(mine.get(meeting_id).state.items) == 120
        # Another writer's save is: only its event is read.
        theirs.add_item(meeting_id, ACTOR, "Fra en anden")
        decoded[0] = 0
        again = mine.get(meeting_id)
        assert [i.title for i in again.state.items][-1] == "Fra en anden"
        assert decoded[0] == 1
        assert again.version == theirs.get(meeting_id).version
    finally:
        mine.close()
        theirs.close()


def test_the_heap_at_the_first_open_is_out_of_the_collectors_way(sqlite_minutes: Minutes) -> None:
    # A full collection (every few hundred saves) walks only what came after.
    assert gc.get_freeze_count() > 1000


def test_a_forums_roles_changed_elsewhere_govern_the_next_save(store: str) -> None:
    mine, theirs = open_minutes(store), open_minutes(store)
    try:
        mine.schedule(ACTOR, "Udvalget", date(2026, 5, 20))
        found = mine.forum("Udvalget")
        assert found is not None and "Anna" not in found.state.roles
        theirs.change_roles(ACTOR, "Udvalget", "Anna", "secretary", True)
        found = mine.forum("Udvalget")
        assert found is not None and found.state.roles.get("Anna") == ["secretary"]
        # A role granted in memory and never saved is not in the next load.
        found.grant(ACTOR, "Bo", "secretary")
        again = mine.forum("Udvalget")
        assert again is not None and "Bo" not in again.state.roles
    finally:
        mine.close()
        theirs.close()
