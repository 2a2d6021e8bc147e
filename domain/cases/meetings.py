"""Use cases of the meeting as a whole: its details, its lifecycle (the agenda published,
the meeting started and ended), its facts, and its participants and their attendance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any
from uuid import UUID

from domain.cases.base import UseCases
from domain.clock import now_in
from domain.meeting.aggregate import Meeting


class MeetingCases(UseCases):
    # -- the meeting as a whole ---------------------------------------------------------
    def change_details(self, meeting_id: UUID, actor: str, **details: Any) -> None:
        """Forum, date, organisation, start, end, place, first number; `clear` empties."""
        self.change(meeting_id, lambda m: m.change_details(actor, **details))

    def publish_agenda(self, meeting_id: UUID, actor: str) -> None:
        self.change(meeting_id, lambda m: m.publish_agenda(actor))

    def start_meeting(self, meeting_id: UUID, actor: str, at: time | None = None) -> None:
        self.change(meeting_id, lambda m: m.start(actor, at))

    def end_meeting(self, meeting_id: UUID, actor: str, at: time | None = None) -> None:
        self.change(meeting_id, lambda m: m.end(actor, at))

    def start_meeting_now(
        self, meeting_id: UUID, actor: str, clock: Callable[[], datetime] | None = None
    ) -> None:
        """Start the meeting at the clock's time in the meeting's zone; on another day
        than the meeting's (a meeting kept after the fact) no time rather than a wrong one."""
        self.change(meeting_id, lambda m: m.start(actor, _clock_on_the_day(m, clock)))

    def end_meeting_now(
        self, meeting_id: UUID, actor: str, clock: Callable[[], datetime] | None = None
    ) -> None:
        """End the meeting at the clock's time in the meeting's zone; a clock on another
        day or not past the recorded start (a meeting kept after the fact) records no end
        time rather than a wrong one."""

        def end(m: Meeting) -> None:
            now, start = _clock_on_the_day(m, clock), m.state.start
            m.end(actor, now if now is None or start is None or now > start else None)

        self.change(meeting_id, end)

    def set_meeting_facts(self, meeting_id: UUID, actor: str, **facts: Any) -> None:
        """Kind (ordinært, ekstraordinært, tillæg), document, remarks, time_zone;
        clear_remarks empties the remarks."""
        self.change(meeting_id, lambda m: m.set_facts(actor, **facts))

    def set_case_label(self, meeting_id: UUID, actor: str, label: str | None) -> None:
        self.change(meeting_id, lambda m: m.set_case_label(actor, label))

    # -- participants -------------------------------------------------------------------

    def add_participant(self, meeting_id: UUID, actor: str, name: str, **details: Any) -> UUID:
        """Title, party, role, attendance and substitute_for may be given."""
        return self.change(meeting_id, lambda m: m.add_participant(actor, name, **details))

    def change_participant(
        self, meeting_id: UUID, actor: str, participant_id: UUID, **details: Any
    ) -> None:
        self.change(meeting_id, lambda m: m.change_participant(actor, participant_id, **details))

    def edit_participant(
        self,
        meeting_id: UUID,
        actor: str,
        participant_id: UUID,
        *,
        name: str,
        title: str | None,
        party: str | None,
        role: str,
        attendance: str,
        substitute_for: str | None = None,
    ) -> None:
        """Change a participant's details and attendance together, in one save."""

        def edit(m: Meeting) -> None:
            m.change_participant(
                actor, participant_id, name=name, title=title, party=party, role=role
            )
            m.record_attendance(actor, participant_id, attendance, substitute_for)

        self.change(meeting_id, edit)

    def remove_participant(self, meeting_id: UUID, actor: str, participant_id: UUID) -> None:
        self.change(meeting_id, lambda m: m.remove_participant(actor, participant_id))

    def record_attendance(
        self,
        meeting_id: UUID,
        actor: str,
        participant_id: UUID,
        attendance: str,
        substitute_for: str | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_attendance(actor, participant_id, attendance, substitute_for),
        )

    def record_absence_reason(
        self, meeting_id: UUID, actor: str, participant: UUID | str, reason: str | None
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_absence_reason(actor, m.participant(participant).id, reason),
        )


def _clock_on_the_day(m: Meeting, clock: Callable[[], datetime] | None) -> time | None:
    """The wall-clock time in the meeting's zone, to the minute, on the meeting's day."""
    now = now_in(m.state.time_zone, clock)
    return now.time().replace(second=0, microsecond=0) if now.date() == m.state.date else None
