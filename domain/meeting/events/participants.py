"""The events of the participants: who they are, and their attendance."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec

from domain.meeting.events.base import MeetingEvent
from domain.meeting.state import Attendance, MeetingState, Participant


class ParticipantAdded(MeetingEvent):
    TOPIC = "chefforum:ParticipantAdded"
    participant: Participant

    def apply_to(self, state: MeetingState) -> None:
        state.add_participant(self.participant)


class ParticipantChanged(MeetingEvent):
    TOPIC = "chefforum:ParticipantChanged"
    participant: Participant

    def apply_to(self, state: MeetingState) -> None:
        state.replace_participant(self.participant)


class ParticipantRemoved(MeetingEvent):
    TOPIC = "chefforum:ParticipantRemoved"
    participant_id: UUID

    def apply_to(self, state: MeetingState) -> None:
        state.remove_participant(self.participant_id)


class AttendanceRecorded(MeetingEvent):
    TOPIC = "chefforum:AttendanceRecorded"
    # Version 1 knew no substitutes; stored v1 payloads are upcast on reading.
    class_version = 2
    participant_id: UUID
    attendance: Attendance
    substitute_for: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["substitute_for"] = None

    def apply_to(self, state: MeetingState) -> None:
        found = state.find_participant(self.participant_id)
        if found is not None:
            state.replace_participant(
                msgspec.structs.replace(
                    found, attendance=self.attendance, substitute_for=self.substitute_for
                )
            )


class AbsenceReasonRecorded(MeetingEvent):
    """Why a participant was excused or absent from the whole meeting (ferie, sygdom)."""

    TOPIC = "chefforum:AbsenceReasonRecorded"
    participant_id: UUID
    reason: str | None

    def apply_to(self, state: MeetingState) -> None:
        found = state.find_participant(self.participant_id)
        if found is not None:
            state.replace_participant(msgspec.structs.replace(found, absence_reason=self.reason))
