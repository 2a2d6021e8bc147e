"""The wording of a correction to the meeting's header after approval: the approved
header is never edited, so a corrected time, place or attendance is added as a
correction to the meeting as a whole, saying what it was and what it is."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time

from domain.errors import RuleViolation
from domain.meeting.state import ATTENDANCE_LABELS, ATTENDANCES, MeetingState
from domain.text import nfc_opt


def _clock(value: time | None) -> str:
    return f"kl. {value:%H:%M}" if value is not None else "intet klokkeslæt"


def header_correction(
    state: MeetingState,
    *,
    start: time | None = None,
    end: time | None = None,
    place: str | None = None,
    attendance: Mapping[str, str] | None = None,
) -> str:
    """One sentence per header field that changes; refused when nothing does."""
    lines: list[str] = []
    new_start = start if start is not None else state.start
    new_end = end if end is not None else state.end
    if new_start is not None and new_end is not None and new_start >= new_end:
        raise RuleViolation(
            f"Mødet kan ikke slutte ({new_end:%H:%M}) før det begynder ({new_start:%H:%M})."
        )
    if start is not None and start != state.start:
        lines.append(f"Mødets start rettes fra {_clock(state.start)} til {_clock(start)}.")
    if end is not None and end != state.end:
        lines.append(f"Mødets afslutning rettes fra {_clock(state.end)} til {_clock(end)}.")
    place = nfc_opt(place, "Mødestedet")
    if place is not None and place != state.place:
        lines.append(f"Mødestedet rettes fra {state.place or 'intet'} til {place}.")
    for name, value in (attendance or {}).items():
        person = next(
            (p for p in state.participants if p.name == nfc_opt(name, "Deltagerens navn")), None
        )
        if person is None:
            raise RuleViolation(f"Deltageren '{name}' findes ikke på mødet.")
        if value not in ATTENDANCES:
            raise RuleViolation(f"Ukendt fremmøde '{value}'; brug en af: {', '.join(ATTENDANCES)}.")
        if value != person.attendance:
            lines.append(
                f"Fremmøde for {person.name} rettes fra {ATTENDANCE_LABELS[person.attendance]} "
                f"til {ATTENDANCE_LABELS[value]}."
            )
    if not lines:
        raise RuleViolation("Rettelsen ændrer intet i mødets oplysninger.")
    return "\n".join(lines)
