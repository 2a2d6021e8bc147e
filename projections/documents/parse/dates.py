"""Dates, clock times and moments as a Danish referat prints them ("20. maj 2026 kl. 09:05")."""

from __future__ import annotations

import re
from datetime import date, datetime

from projections.documents.parse.tokens import fail
from projections.documents.referat import LOCAL
from projections.documents.render import layout as lo

CLOCK = r"\d{1,2}[:.]\d{2}"
DAY = r"(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<year>\d{4})"
_MOMENT = re.compile(rf"^{DAY} kl\. (?P<clock>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)$", re.IGNORECASE)


def day_of(match: re.Match[str], line: int) -> date:
    """The date in a match of DAY."""
    month = match.group("month").casefold()
    if month not in lo.MONTHS:
        raise fail(line, f"ukendt måned '{match.group('month')}'")
    try:
        return date(int(match.group("year")), lo.MONTHS.index(month) + 1, int(match.group("day")))
    except ValueError:
        raise fail(line, f"'{match.group(0)}' er ikke en gyldig dato") from None


def clock(text: str | None, line: int) -> str | None:
    """'9.05' or '09:05' as '09:05'."""
    if text is None:
        return None
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    if hours > 23 or minutes > 59:
        raise fail(line, f"'{text}' er ikke et klokkeslæt")
    return f"{hours:02d}:{minutes:02d}"


def moment(text: str, line: int) -> datetime:
    """'11. marts 2026 kl. 09:05' in Danish local time."""
    match = _MOMENT.match(text)
    if not match:
        raise fail(line, f"forventede et tidspunkt som '11. marts 2026 kl. 09:05', fik '{text}'")
    day = day_of(match, line)
    parts = [int(p) for p in match.group("clock").split(":")]
    hours, minutes, seconds = (*parts, 0)[:3]
    if hours > 23 or minutes > 59 or seconds > 59:
        raise fail(line, f"'{match.group('clock')}' er ikke et klokkeslæt")
    return datetime(day.year, day.month, day.day, hours, minutes, seconds, tzinfo=LOCAL)
