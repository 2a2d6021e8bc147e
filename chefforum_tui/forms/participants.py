"""The participant list: add a participant, edit one (details, attendance) or remove one."""

from __future__ import annotations

from typing import Any

from chefforum_tui.forms.decisions import candidates
from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from chefforum_tui.widgets.people import PersonPicker, picker
from domain.meeting.state import ATTENDANCE_LABELS, ROLE_LABELS, ROLES, Participant


def _role(value: str) -> Field:
    return Field("role", "Rolle", "select", value, [(ROLE_LABELS[r], r) for r in ROLES])


def _attendance(value: str) -> Field:
    options = [(label, a) for a, label in ATTENDANCE_LABELS.items()]
    return Field("attendance", "Fremmøde", "select", value, options)


def _substitute_for(port: MeetingPort, value: str) -> Field:
    """The member a substitute stands in for, chosen by typing."""
    return Field(
        "substitute_for",
        "Stedfortræder for (valgfrit)",
        value=value,
        widget=picker(PersonPicker, candidates(port)),
    )


def add_participant(port: MeetingPort) -> None:
    mid, actor = port.meeting_id, port.actor
    port.form(
        "Ny deltager",
        [
            Field("name", "Navn"),
            Field("title", "Titel", placeholder="f.eks. Direktør for Teknik"),
            Field("party", "Parti", placeholder="f.eks. A"),
            _role("member"),
            _attendance("present"),
            _substitute_for(port, ""),
        ],
        lambda v: port.save(
            lambda minutes: minutes.add_participant(
                mid,
                actor,
                v["name"],
                title=v["title"] or None,
                party=v["party"] or None,
                role=v["role"],
                attendance=v["attendance"],
                substitute_for=v["substitute_for"] or None,
            )
        ),
        submit="Tilføj",
    )


def edit_participant(port: MeetingPort, person: Participant) -> None:
    """Name, title, party, role and attendance of one participant, or their removal."""
    mid, actor, pid = port.meeting_id, port.actor, person.id

    def record(v: dict[str, Any]) -> None:
        if v["remove"]:
            port.save(lambda minutes: minutes.remove_participant(mid, actor, pid))
            return
        port.save(
            lambda minutes: minutes.edit_participant(
                mid,
                actor,
                pid,
                name=v["name"],
                title=v["title"] or None,
                party=v["party"] or None,
                role=v["role"],
                attendance=v["attendance"],
                substitute_for=v["substitute_for"] or None,
            )
        )

    port.form(
        f"Deltager: {person.name}",
        [
            Field("name", "Navn", value=person.name),
            Field("title", "Titel", value=person.title or ""),
            Field("party", "Parti", value=person.party or ""),
            _role(person.role),
            _attendance(person.attendance),
            _substitute_for(port, person.substitute_for or ""),
            Field("remove", "Fjern deltageren fra mødet", "check", False),
        ],
        record,
    )
