"""Dates, clock times and moments in every way Danish minutes write them: "20. maj 2026",
"Mandag den 05. december 2016", "5. dec. 2016", "07.04.2022", "7/4 2022", "2022-04-07",
"kl. 17:30", "Kl. 18.30", "kl. 9", "17:30 - 19:45", "fra kl. 16.00 til kl. 18.30"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from projections.documents.parse.report import fail
from projections.documents.referat import LOCAL
from projections.documents.render import printed_dates

CLOCK = r"\d{1,2}[:.]\d{2}"
# The export's own form, kept for the signatures and earlier decisions it writes.
DAY = r"(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<year>\d{4})"
_MOMENT = re.compile(rf"^{DAY} kl\. (?P<clock>\d{{1,2}}:\d{{2}}(?::\d{{2}})?)$", re.IGNORECASE)

_MONTH_WORD = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zæøå]*\.?"
_WEEKDAY = r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)"
_WORDED = re.compile(
    rf"(?<![\w.])(?P<d>\d{{1,2}})\.?\s*(?P<m>{_MONTH_WORD})\s*(?P<y>\d{{4}})(?!\d)", re.IGNORECASE
)
_NUMERIC = re.compile(
    r"(?<![\w.:/-])(?P<d>\d{1,2})\s*(?P<sep>[.\-/])\s*(?P<m>\d{1,2})\s*(?:(?P=sep)|\s|-)\s*"
    r"(?P<y>\d{4}|\d{2})(?![\w:])"
)
_ISO = re.compile(r"(?<![\w.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")
# A clock time: "kl. 17", "kl 17.30", or hours and minutes on their own ("17:30").
_CLOCK = re.compile(
    r"(?:\bkl\.?\s*(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?(?![\d.:]\d)"
    r"|(?<![\d.:])(?P<h2>\d{1,2})[:.](?P<m2>\d{2})(?![\d.:]\d))",
    re.IGNORECASE,
)
_ENDING = re.compile(r"slut|hævet|ophørt", re.IGNORECASE)


def _month(word: str) -> int | None:
    stem = word.casefold().rstrip(".")[:3]
    return next(
        (i for i, m in enumerate(printed_dates.MONTHS, start=1) if m.startswith(stem)), None
    )


@dataclass(frozen=True)
class Found:
    day: date
    start: int  # where in the text the date was written
    end: int


def find_date(text: str) -> Found | None:
    """The first date written in the text, in any of the common forms."""
    best: Found | None = None
    for pattern in (_WORDED, _NUMERIC, _ISO):
        for match in pattern.finditer(text):
            month = _month(match["m"]) if pattern is _WORDED else int(match["m"])
            year = int(match["y"])
            year += 2000 if year < 100 else 0
            try:
                day = date(year, month or 0, int(match["d"]))
            except ValueError:
                continue
            if best is None or match.start() < best.start:
                best = Found(day, match.start(), match.end())
            break
    return best


def bad_date(text: str) -> str | None:
    """The first thing written like a date that is no date ("31-02-2026"), when the text
    has no valid date."""
    if find_date(text) is not None:
        return None
    for pattern in (_WORDED, _NUMERIC, _ISO):
        match = pattern.search(text)
        if match:
            return match.group(0).strip()
    return None


def find_clocks(text: str) -> list[str]:
    """The clock times written in the text, as 'HH:MM'."""
    out: list[str] = []
    for match in _CLOCK.finditer(text):
        hours = int(match["h1"] or match["h2"])
        minutes = int(match["m1"] or match["m2"] or 0)
        if hours <= 23 and minutes <= 59:
            out.append(f"{hours:02d}:{minutes:02d}")
    return out


@dataclass(frozen=True)
class When:
    day: date | None
    start: str | None
    end: str | None


def find_when(text: str) -> When:
    """Date, start and end as a header writes them ("Mandag den 05. december 2016 Kl.
    18:30", "07.04.2022, kl. 17:30-19:45", "Sluttidspunkt: 19:30")."""
    found = find_date(text)
    rest = text[: found.start] + " " + text[found.end :] if found else text
    clocks = find_clocks(rest)
    day = found.day if found else None
    if len(clocks) == 1 and _ENDING.search(rest):
        return When(day, None, clocks[0])
    return When(day, clocks[0] if clocks else None, clocks[1] if len(clocks) > 1 else None)


def without_date(text: str) -> str:
    """The text with its date (and a weekday and "den"/"d." before it) taken out."""
    found = find_date(text)
    if not found:
        return text.strip()
    before = re.sub(
        rf"(?:[,\s-]*\b{_WEEKDAY})?(?:[,\s]*\b(?:den|d\.))?[,\s–-]*$",
        "",
        text[: found.start],
        flags=re.IGNORECASE,
    )
    after = re.sub(
        r"^[,\s]*(?:kl\.?\s*" + CLOCK + r"(?:\s*[-–]\s*" + CLOCK + r")?)?",
        "",
        text[found.end :],
        flags=re.IGNORECASE,
    )
    return f"{before} {after}".strip(" ,–-")


def day_of(match: re.Match[str], line: int) -> date:
    """The date in a match of DAY."""
    month = _month(match.group("month"))
    if month is None:
        raise fail(line, f"ukendt måned '{match.group('month')}'")
    try:
        return date(int(match.group("year")), month, int(match.group("day")))
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
