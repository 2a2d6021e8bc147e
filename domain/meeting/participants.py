"""The meeting's participants: who they are, their attendance and why they were away,
and who did not take part in one item (afbud, fraværende, inhabil).

A part of the Meeting aggregate (domain.meeting.part).
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID, uuid4

from domain.errors import NotFound, RuleViolation
from domain.meeting.events.decisions import ItemAbsenceRecorded
from domain.meeting.events.participants import (
    AbsenceReasonRecorded,
    AttendanceRecorded,
    ParticipantAdded,
    ParticipantChanged,
    ParticipantRemoved,
)
from domain.meeting.member_links import email_address
from domain.meeting.part import MeetingPart
from domain.meeting.state import ABSENCE_REASONS, ATTENDANCES, ROLES, ItemAbsence, Participant
from domain.text import line, nfc_opt, one_of, required


class Participants(MeetingPart):
    def participant(self, ref: UUID | str) -> Participant:
        """A participant by id or by name."""
        if isinstance(ref, UUID):
            found = self.state.find_participant(ref)
            if found is not None:
                return found
        else:
            name = line(ref, "Deltagerens navn")
            for p in self.state.participants:
                if p.name == name:
                    return p
        raise NotFound(f"Deltageren '{ref}' findes ikke på mødet.")

    def add_participant(
        self,
        actor: str,
        name: str,
        *,
        title: str | None = None,
        party: str | None = None,
        role: str = "member",
        attendance: str = "present",
        substitute_for: str | None = None,
        email: str | None = None,
    ) -> UUID:
        self._check_editable()
        name = required(name, "Deltagerens navn")
        if any(p.name == name for p in self.state.participants):
            raise RuleViolation(f"{name} er allerede deltager i mødet.")
        one_of(role, ROLES, "rolle")
        one_of(attendance, ATTENDANCES, "fremmøde")
        participant = Participant(
            id=uuid4(),
            name=name,
            title=nfc_opt(title, "Deltagerens titel"),
            party=nfc_opt(party, "Deltagerens parti"),
            role=role,  # type: ignore[arg-type]
            attendance=attendance,  # type: ignore[arg-type]
            substitute_for=nfc_opt(substitute_for, "Hvem stedfortræderen er for"),
            email=email_address(email),
        )
        self.trigger_event(ParticipantAdded, actor=actor, participant=participant)
        return participant.id

    def change_participant(
        self,
        actor: str,
        participant_id: UUID,
        *,
        name: str,
        title: str | None,
        party: str | None,
        role: str,
    ) -> None:
        self._check_editable()
        current = self.participant(participant_id)
        name = required(name, "Deltagerens navn")
        if any(p.name == name and p.id != participant_id for p in self.state.participants):
            raise RuleViolation(f"{name} er allerede deltager i mødet.")
        one_of(role, ROLES, "rolle")
        changed = Participant(
            id=current.id,
            name=name,
            title=nfc_opt(title, "Deltagerens titel"),
            party=nfc_opt(party, "Deltagerens parti"),
            role=role,  # type: ignore[arg-type]
            attendance=current.attendance,
            substitute_for=current.substitute_for,
            email=current.email,
        )
        if changed != current:
            self.trigger_event(ParticipantChanged, actor=actor, participant=changed)

    def remove_participant(self, actor: str, participant_id: UUID) -> None:
        self._check_editable()
        self.participant(participant_id)
        self.trigger_event(ParticipantRemoved, actor=actor, participant_id=participant_id)

    def record_attendance(
        self,
        actor: str,
        participant_id: UUID,
        attendance: str,
        substitute_for: str | None = None,
    ) -> None:
        self._check_editable()
        current = self.participant(participant_id)
        one_of(attendance, ATTENDANCES, "fremmøde")
        substitute_for = nfc_opt(substitute_for, "Hvem stedfortræderen er for")
        if substitute_for == current.name:
            raise RuleViolation("En deltager kan ikke være stedfortræder for sig selv.")
        if (current.attendance, current.substitute_for) != (attendance, substitute_for):
            self.trigger_event(
                AttendanceRecorded,
                actor=actor,
                participant_id=participant_id,
                attendance=attendance,
                substitute_for=substitute_for,
            )

    def record_absence_reason(self, actor: str, participant_id: UUID, reason: str | None) -> None:
        """Why a participant was away from the whole meeting: ferie, sygdom, andet, ..."""
        self._check_editable()
        current = self.participant(participant_id)
        reason = nfc_opt(reason)
        if reason is not None and current.attendance == "present":
            raise RuleViolation(
                f"{current.name} er til stede; en fraværsgrund gælder afbud og fravær."
            )
        if reason != current.absence_reason:
            self.trigger_event(
                AbsenceReasonRecorded,
                actor=actor,
                participant_id=participant_id,
                reason=reason,
            )

    def record_item_absence(
        self,
        actor: str,
        item_id: UUID,
        name: str,
        reason: str | None = None,
        substitute: str | None = None,
        known: Collection[str] = (),
    ) -> None:
        """Record that a participant did not take part in one item (afbud, fraværende,
        inhabil); `known` names others who may be absent without being participants (the
        forum's members)."""
        self._check_editable()
        item = self._active_item(item_id)
        outside = line(name, "Navnet")
        name = outside if outside in known else self.participant(name).name
        one_of(reason, ABSENCE_REASONS, "fraværsgrund")
        absence = ItemAbsence(
            name=name,
            reason=reason,  # type: ignore[arg-type]
            substitute=nfc_opt(substitute, "Stedfortræderen"),
        )
        if absence.substitute == name:
            raise RuleViolation("En deltager kan ikke være stedfortræder for sig selv.")
        if absence not in item.absent:
            self.trigger_event(ItemAbsenceRecorded, actor=actor, item_id=item_id, absence=absence)
