"""The cost of verify, of a meeting's snapshots and of the rebuild grows no faster than the
store or the meeting: guarded by what is counted (memory, events applied, bytes stored),
never by time."""

from __future__ import annotations

import random
import tracemalloc
from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

import pytest

from bench.synthetic import ACTOR, ordinary
from domain.application import Minutes, replay
from domain.meeting.aggregate import Meeting
from domain.meeting.events.base import MeetingEvent
from domain.meeting.events.meeting import MeetingScheduled
from projections.readmodels.runner import MEETING_TOPICS, ReadModels
from projections.tools.verification import reads
from projections.tools.verify import verify


def add_meetings(minutes: Minutes, first: int, count: int) -> None:
    rng = random.Random(first)
    for n in range(first, first + count):
        minutes.save_meeting(ordinary(rng, n))
    minutes.flush_snapshots()


def verify_peak(minutes: Minutes) -> int:
    """verify's peak of allocated memory, in bytes (it must find nothing)."""
    tracemalloc.start()
    try:
        problem, summary = verify(minutes)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problem is None, summary
    return peak


def test_verify_memory_stays_flat_as_the_store_doubles(
    minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches far smaller than the store, so that holding the store would show.
    monkeypatch.setattr(reads, "BATCH", 100)
    add_meetings(minutes, 0, 6)
    small = verify_peak(minutes)
    add_meetings(minutes, 6, 6)
    double = verify_peak(minutes)
    add_meetings(minutes, 12, 12)
    quadruple = verify_peak(minutes)
    events = minutes.recorder.max_notification_id()
    assert events is not None and events > 24 * 200
    # Holding the events (or a replay per snapshot) would double and quadruple the peak;
    # what grows is a few numbers per meeting (its last version, its snapshots' versions).
    assert double < small * 1.25, (small, double)
    assert quadruple < small * 1.5, (small, quadruple)


def test_verify_applies_each_event_once_however_many_snapshots(
    minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    mid = minutes.schedule(ACTOR, "Chefforum", date(2026, 5, 20))
    item = minutes.change(mid, lambda m: m.add_item(ACTOR, "Punkt"))
    for n in range(400):  # eight snapshots (every 50 events)
        minutes.change(
            mid,
            partial(
                Meeting.write_section,
                actor=ACTOR,
                item_id=item,
                heading="Resumé",
                text=f"Udgave {n}",
            ),
        )
    minutes.flush_snapshots()
    assert minutes.snapshots is not None
    assert len(list(minutes.snapshots.get(mid))) == 8
    applied: list[int] = []
    for cls in (MeetingEvent, MeetingScheduled):
        original = cls.apply

        def counted(event: Any, aggregate: Any, original: Any = original) -> None:
            applied.append(event.originator_version)
            original(event, aggregate)

        monkeypatch.setattr(cls, "apply", counted)
    problem, summary = verify(minutes)
    assert problem is None, summary
    assert sorted(applied) == list(range(1, 403))  # once each, not from 1 per snapshot


def test_a_snapshot_that_disagrees_is_found_in_the_same_pass(minutes: Minutes) -> None:
    mid = minutes.schedule(ACTOR, "Chefforum", date(2026, 5, 20))
    item = minutes.change(mid, lambda m: m.add_item(ACTOR, "Punkt"))
    for n in range(120):
        minutes.change(
            mid,
            partial(
                Meeting.write_section,
                actor=ACTOR,
                item_id=item,
                heading="Resumé",
                text=f"Udgave {n}",
            ),
        )
    minutes.flush_snapshots()
    # A snapshot of version 100 that holds the state of version 99.
    assert minutes.snapshots is not None
    wrong = minutes.get(mid, version=99)
    snapshot = type(wrong).Snapshot.take(wrong)
    stored = minutes.snapshots.mapper.to_stored_event(snapshot)
    minutes.snapshots.recorder.insert_events([type(stored)(mid, 101, stored.topic, stored.state)])
    problem, _ = verify(minutes)
    assert problem is not None
    assert (problem.meeting_id, problem.version) == (mid.hex, 101)
    assert problem.what == "snapshottet svarer ikke til hændelserne"


def grown_meeting(minutes: Minutes, items: int) -> UUID:
    """A meeting whose agenda grows one saved item at a time (three events each)."""
    meeting = Meeting.schedule(actor=ACTOR, forum=f"Byrådet {items}", date=date(2026, 1, 5))
    minutes.save_meeting(meeting)
    for k in range(items):
        item = meeting.add_item(ACTOR, f"Punkt {k}")
        meeting.draft_recommendation(ACTOR, item, "Direktionen", [f"at godkende sag {k}"])
        meeting.write_section(ACTOR, item, "Sagsfremstilling", f"Sagen om nr. {k}. " * 8)
        minutes.save_meeting(meeting)
    minutes.flush_snapshots()
    return meeting.id


def stored_bytes(minutes: Minutes, meeting_id: UUID) -> int:
    """The bytes of the meeting's events and snapshots."""
    assert minutes.snapshots is not None
    events = minutes.recorder.select_events(meeting_id)
    snapshots = minutes.snapshots.recorder.select_events(meeting_id)
    return sum(len(e.state) for e in [*events, *snapshots])


def test_a_meetings_stored_bytes_grow_linearly_with_its_items(minutes: Minutes) -> None:
    small = stored_bytes(minutes, grown_meeting(minutes, 150))
    large = stored_bytes(minutes, grown_meeting(minutes, 600))
    # A snapshot of the whole meeting every 50 events would make this about 10.
    assert large <= 4.5 * small, large / small


def test_rebuild_applies_each_event_once(minutes: Minutes, monkeypatch: pytest.MonkeyPatch) -> None:
    add_meetings(minutes, 0, 4)
    events = sum(minutes.get(mid).version for mid in minutes.meeting_ids())
    applied: list[int] = []
    original = MeetingEvent.apply

    def counted(event: Any, aggregate: Any) -> None:
        applied.append(1)
        original(event, aggregate)

    monkeypatch.setattr(MeetingEvent, "apply", counted)
    read_models = ReadModels.of(minutes)
    assert read_models.rebuild() == events
    assert len(applied) == events - 4  # each event but the four MeetingScheduled, once
    monkeypatch.undo()
    assert len(read_models.audit()) == events


def row_bytes(row: Any) -> int:
    values = row.values() if isinstance(row, dict) else tuple(row)  # psycopg's, sqlite3's
    return sum(len(str(value).encode()) for value in values if value is not None)


def test_the_audit_read_model_is_no_larger_than_the_events_it_describes(
    minutes: Minutes,
) -> None:
    add_meetings(minutes, 0, 4)
    read_models = ReadModels.of(minutes)
    read_models.rebuild()
    events = minutes.recorder.select_notifications(1, 10_000, topics=MEETING_TOPICS)
    audit_rows = read_models.view.audit(None)
    assert len(audit_rows) == len(events)
    assert sum(row_bytes(row) for row in audit_rows) <= sum(len(e.state) for e in events)
    # What the rows refer to is read back as the text it was.
    entries = read_models.audit()
    rewritten = [e for e in entries if e.kind == "SectionWritten" and e.before]
    assert rewritten and all(e.before and not e.before.startswith("\x1f") for e in rewritten)
    by_text = {(e.meeting_id, e.after) for e in entries}
    assert all((e.meeting_id, e.before) in by_text for e in rewritten)


def test_a_snapshot_is_written_after_the_save_not_during_it(
    minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("domain.snapshots.QUIET", 60.0)  # the store never quiet enough
    monkeypatch.setattr("domain.snapshots.PATIENCE", 60.0)
    mid = minutes.schedule(ACTOR, "Chefforum", date(2026, 5, 20))
    item = minutes.change(mid, lambda m: m.add_item(ACTOR, "Punkt"))
    for n in range(48):  # the 50th event makes a snapshot due
        minutes.change(
            mid,
            partial(
                Meeting.write_section,
                actor=ACTOR,
                item_id=item,
                heading="Resumé",
                text=f"Tekst {n}",
            ),
        )
    assert minutes.snapshots is not None
    assert list(minutes.snapshots.get(mid)) == []  # the save returned before its write
    minutes.flush_snapshots()
    assert [s.originator_version for s in minutes.snapshots.get(mid)] == [50]
    assert minutes.get(mid).state == replayed(minutes, mid).state


def replayed(minutes: Minutes, mid: UUID) -> Any:
    return replay(None, minutes.events.get(mid))


def test_importing_numbers_the_agenda_once_not_once_per_item(
    minutes: Minutes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from domain.meeting import state as state_module
    from projections.documents import interchange as ix
    from projections.documents.render.export import render
    from projections.importing.document import import_document

    counted: list[int] = []
    original = state_module._Numbers.__init__

    def counting(self: Any, items: int) -> None:
        counted.append(items)
        original(self, items)

    for size in (60, 240):
        meeting = Meeting.schedule(actor=ACTOR, forum=f"Byrådet {size}", date=date(2026, 2, 2))
        for k in range(size):
            item = meeting.add_item(ACTOR, f"Punkt {k}", number=str(k + 1), closed=k % 7 == 0)
            meeting.write_section(ACTOR, item, "Sagsfremstilling", f"Sag {k}.")
        doc, _ = ix.with_lf(ix.decode(render(meeting.state, "json")))
        monkeypatch.setattr(state_module._Numbers, "__init__", counting)
        counted.clear()
        import_document(minutes, doc, ACTOR)
        monkeypatch.undo()
        # Numbering every item once per item (renumbering after each) would be `size` times.
        assert len(counted) <= 3, (size, len(counted))
