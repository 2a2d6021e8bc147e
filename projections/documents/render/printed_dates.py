"""How a printed referat words dates and times, in Danish: "20. maj 2026",
"Onsdag d. 20. maj 2026 kl. 09:00-11:00", "20-05-2026" in the title line."""

from __future__ import annotations

from datetime import date, datetime

from projections.documents import interchange as ix
from projections.documents.referat import local

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(day: date) -> str:
    """20. maj 2026"""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """Onsdag d. 20. maj 2026"""
    return f"{WEEKDAYS[day.weekday()].capitalize()} d. {long_date(day)}"


def short_date(day: date) -> str:
    """20-05-2026, as in the title line."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def meeting_when(m: ix.Meeting) -> str:
    """Onsdag d. 20. maj 2026 kl. 09:00-11:00"""
    text = weekday_date(m.date)
    if m.start and m.end:
        return f"{text} kl. {m.start}-{m.end}"
    if m.start:
        return f"{text} kl. {m.start}"
    if m.end:
        return f"{text}, slut kl. {m.end}"
    return text


def moment(at: datetime, time_zone: str | None = None) -> str:
    """11. marts 2026 kl. 09:05 in the meeting's local time (seconds only when there are any)."""
    here = local(at, time_zone)
    clock = f"{here:%H:%M:%S}" if here.second else f"{here:%H:%M}"
    return f"{long_date(here.date())} kl. {clock}"
