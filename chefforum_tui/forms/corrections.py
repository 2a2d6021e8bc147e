"""Corrections to an approved referat: the approved text stays, the correction is added."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field


def correction(port: MeetingPort) -> None:
    if port.meeting is None:
        return
    state = port.meeting.state
    numbers = state.item_numbers()
    options: list[tuple[str, Any]] = [
        ("Hele mødet", ""),
        *[(f"Punkt {numbers[i.id]}: {i.title}", str(i.id)) for i in state.active_items()],
    ]
    mid, actor = port.meeting_id, port.actor
    port.form(
        "Tilføj en rettelse til det godkendte referat",
        [
            Field("item", "Vedrører", "select", str(port.item_id or ""), options),
            Field("reason", "Begrundelse"),
            Field("text", "Rettelsen", "area"),
        ],
        lambda v: port.save(
            lambda minutes: minutes.add_correction(
                mid,
                actor,
                reason=v["reason"],
                text=v["text"],
                item=UUID(v["item"]) if v["item"] else None,
            ),
            lambda _: port.notify("Rettelsen er tilføjet."),
        ),
        submit="Tilføj",
    )
