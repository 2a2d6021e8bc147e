"""`chefforum start` and `end` without --at record the time now in the meeting's zone, as
the TUI offers it; a meeting kept on another day than its own records no time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from chefforum_tui.cli import main
from domain.clock import now_in
from projections.store.connect import open_minutes

ACTOR = "Karen Dahl"


def cli(db: str, *args: str) -> None:
    assert main(["--db", db, "--actor", ACTOR, *args]) == 0, args


def held(db: str, forum: str, day: date, *start: str) -> str:
    """A meeting of `forum` on `day` with its agenda out, started (with `start` given)."""
    ref = f"{forum}/{day.isoformat()}"
    cli(db, "new", forum, day.isoformat())
    cli(db, "publish", ref)
    cli(db, "start", ref, *start)
    return ref


def header(db: str, ref: str) -> tuple[time | None, time | None]:
    minutes = open_minutes(db)
    try:
        state = minutes.get(minutes.resolve(ref)).state
        return state.start, state.end
    finally:
        minutes.close()


def minute(at: datetime) -> time:
    return at.time().replace(second=0, microsecond=0)


def test_start_and_end_without_at_record_now_in_the_meetings_zone(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    before = now_in()  # Copenhagen, the forum's zone
    started = held(db, "Chefforum", before.date())
    ended = held(db, "Økonomiudvalget", before.date(), "--at", "00:00")
    cli(db, "end", ended)
    after = now_in()
    if after.date() != before.date():
        return  # midnight passed meanwhile: the day changed under the test
    start, _ = header(db, started)
    assert start is not None and minute(before) <= start <= minute(after)
    began, end = header(db, ended)
    assert began == time(0)
    assert end is not None and minute(before) <= end <= minute(after)


def test_a_meeting_kept_on_another_day_gets_no_time(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    ref = held(db, "Chefforum", now_in().date() - timedelta(days=3))
    cli(db, "end", ref)
    assert header(db, ref) == (None, None)


def test_the_clock_is_read_in_the_meetings_zone(tmp_path: Path) -> None:
    minutes = open_minutes(str(tmp_path / "events.db"))
    try:
        # 14:05 UTC on a summer day is 16:05 in Copenhagen, 10:05 in New York.
        clock = lambda: datetime(2026, 9, 2, 14, 5, tzinfo=UTC)  # noqa: E731
        for forum, zone, local in (
            ("Chefforum", "Europe/Copenhagen", time(16, 5)),
            ("Havneudvalget", "America/New_York", time(10, 5)),
        ):
            mid = minutes.schedule(ACTOR, forum, date(2026, 9, 2))
            minutes.set_meeting_facts(mid, ACTOR, time_zone=zone)
            minutes.add_item(mid, ACTOR, "Budget")
            minutes.publish_agenda(mid, ACTOR)
            minutes.start_meeting_now(mid, ACTOR, clock)
            later = lambda: datetime(2026, 9, 2, 15, 35, tzinfo=UTC)  # noqa: E731
            minutes.end_meeting_now(mid, ACTOR, later)
            state = minutes.get(mid).state
            assert (state.start, state.end) == (local, time(local.hour + 1, 35)), forum
    finally:
        minutes.close()
