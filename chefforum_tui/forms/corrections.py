"""Corrections to an approved referat: the approved text stays, the correction is added.

A correction concerns the meeting, one item, or the meeting's header (the times, the
place, who attended): the header is never edited after approval either, so a wrong time
is corrected by a correction that says what it was and what it is (correct_header).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from chefforum_tui.forms.lifecycle import parse_clock
from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from domain.meeting.state import ATTENDANCE_LABELS

HEADER = "header"


def correction(port: MeetingPort) -> None:
    if port.meeting is None:
        return
    state = port.meeting.state
    numbers = state.item_numbers()
    options: list[tuple[str, Any]] = [
        ("Hele mødet", ""),
        ("Mødets tider, sted og fremmøde", HEADER),
        *[(f"Punkt {numbers[i.id]}: {i.title}", str(i.id)) for i in state.active_items()],
    ]
    mid, actor = port.meeting_id, port.actor

    def add(v: dict[str, Any]) -> None:
        if v["item"] == HEADER:
            correct_header(port, v["reason"])
            return
        port.save(
            lambda minutes: minutes.add_correction(
                mid,
                actor,
                reason=v["reason"],
                text=v["text"],
                item=UUID(v["item"]) if v["item"] else None,
            ),
            lambda _: port.notify("Rettelsen er tilføjet."),
        )

    port.form(
        "Tilføj en rettelse til det godkendte referat",
        [
            Field("item", "Vedrører", "select", str(port.item_id or ""), options),
            Field("reason", "Begrundelse"),
            Field("text", "Rettelsen (ved mødets tider, sted og fremmøde: næste skridt)", "area"),
        ],
        add,
        submit="Videre / tilføj",
    )


def correct_header(
    port: MeetingPort, reason: str = "", typed: dict[str, Any] | None = None
) -> None:
    """The header as approved, to be corrected: only what is changed is corrected."""
    if port.meeting is None:
        return
    state = port.meeting.state
    mid, actor = port.meeting_id, port.actor
    attendance: list[tuple[str, Any]] = [(label, a) for a, label in ATTENDANCE_LABELS.items()]
    given = typed or {
        "reason": reason,
        "start": f"{state.start:%H:%M}" if state.start else "",
        "end": f"{state.end:%H:%M}" if state.end else "",
        "place": state.place or "",
    }
    fields = [
        Field("reason", "Begrundelse", value=given["reason"]),
        Field("start", "Start (TT:MM)", value=given["start"]),
        Field("end", "Slut (TT:MM)", value=given["end"]),
        Field("place", "Mødested", value=given["place"]),
        *[
            Field(f"person-{n}", f"Fremmøde: {p.name}", "select", p.attendance, attendance)
            for n, p in enumerate(state.participants)
        ],
    ]

    def record(v: dict[str, Any]) -> None:
        try:
            start, end = parse_clock(v["start"]), parse_clock(v["end"])
        except ValueError:
            port.notify("Klokkeslæt skrives som 16:05.", severity="error")
            correct_header(port, typed=v)
            return
        changed = {
            p.name: v[f"person-{n}"]
            for n, p in enumerate(state.participants)
            if v[f"person-{n}"] != p.attendance
        }
        port.save(
            lambda minutes: minutes.correct_header(
                mid,
                actor,
                reason=v["reason"],
                start=start if start != state.start else None,
                end=end if end != state.end else None,
                place=v["place"] if v["place"] != (state.place or "") else None,
                attendance=changed,
            ),
            lambda _: port.notify("Rettelsen af mødets oplysninger er tilføjet."),
        )

    port.form("Ret mødets tider, sted og fremmøde", fields, record, submit="Tilføj rettelse")
