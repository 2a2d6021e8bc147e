"""Meeting time: every time of a meeting is in its forum's zone, never the machine's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput

DEFAULT_ZONE = "Europe/Copenhagen"


def zone(name: str | None = None) -> ZoneInfo:
    """The zone of a meeting (its forum's; Copenhagen unless the forum says otherwise)."""
    return ZoneInfo(name or DEFAULT_ZONE)


def now_in(name: str | None = None, clock: Callable[[], datetime] | None = None) -> datetime:
    """The present moment in the meeting's zone (clock: an aware UTC now, for tests)."""
    current = clock() if clock is not None else datetime.now(UTC)
    return current.astimezone(zone(name))


def clock_time(name: str | None = None, clock: Callable[[], datetime] | None = None) -> time:
    """The wall-clock time in the meeting's zone, to the minute, as a header shows it."""
    return now_in(name, clock).time().replace(second=0, microsecond=0)


def typed_date(text: str) -> date | None:
    """A date as typed, 2026-05-20; blank is none."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"'{text}' er ikke en dato som 2026-05-20.") from None
