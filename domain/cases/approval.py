"""Use cases of approval: members sign the referat (the first signature locks it), and
approved minutes take corrections, never changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, time
from uuid import UUID

from domain.cases.base import ItemRef, UseCases, item_id_of
from domain.meeting.aggregate import Meeting
from domain.meeting.corrections import header_correction
from domain.meeting.state import MeetingState

# Renders the referat as it stands and hashes it: the domain does not know the document.
Digest = Callable[[MeetingState], str]


class ApprovalCases(UseCases):
    def sign_minutes(
        self,
        meeting_id: UUID,
        actor: str,
        by: str,
        digest: Digest,
        reservation: str | None = None,
        at: datetime | None = None,
        transcribed: bool = False,
        recorded_by: str | None = None,
        via: str | None = None,
    ) -> None:
        """One member signs the referat as it stands (`digest` renders and hashes it: the
        domain does not know the document); the first signature locks the minutes. The
        chair or a secretary may record a member's signature given on paper: the minutes
        then say who recorded it."""
        self.change(
            meeting_id,
            lambda m: m.approve(
                actor,
                by,
                reservation,
                at=at,
                digest=digest(m.state),
                transcribed=transcribed,
                recorded_by=recorded_by,
                via=via,
            ),
        )

    def correct_header(
        self,
        meeting_id: UUID,
        actor: str,
        *,
        reason: str,
        start: time | None = None,
        end: time | None = None,
        place: str | None = None,
        attendance: Mapping[str, str] | None = None,
    ) -> None:
        """After approval: a correction to the meeting as a whole that says which time,
        place or attendance was wrong and what is right (the header itself stays)."""

        def command(m: Meeting) -> None:
            text = header_correction(
                m.state, start=start, end=end, place=place, attendance=attendance
            )
            m.add_correction(actor, reason=reason, text=text)

        self.change(meeting_id, command)

    def add_correction(
        self,
        meeting_id: UUID,
        actor: str,
        *,
        reason: str,
        text: str,
        item: ItemRef | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.add_correction(
                actor,
                reason=reason,
                text=text,
                item_id=item_id_of(m, item) if item is not None else None,
                by=by,
                at=at,
            ),
        )
