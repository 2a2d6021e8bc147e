"""The events of the meeting as a whole: its details and facts, its lifecycle, its approval
and corrections."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from eventsourcing.domain import Aggregate

from domain.meeting.events.base import MeetingEvent
from domain.meeting.state import Approval, Correction, DocumentKind, MeetingKind, MeetingState


class MeetingScheduled(Aggregate.Created):
    TOPIC = "chefforum:MeetingScheduled"
    actor: str
    forum: str
    date: date
    organisation: str | None
    start: time | None
    end: time | None
    place: str | None
    first_number: int

    def apply(self, aggregate: Any) -> None:
        aggregate.state = MeetingState(
            forum=self.forum,
            date=self.date,
            organisation=self.organisation,
            start=self.start,
            end=self.end,
            place=self.place,
            first_number=self.first_number,
        )


class DetailsChanged(MeetingEvent):
    TOPIC = "chefforum:DetailsChanged"
    forum: str
    date: date
    organisation: str | None
    start: time | None
    end: time | None
    place: str | None
    first_number: int

    def apply_to(self, state: MeetingState) -> None:
        state.forum = self.forum
        state.date = self.date
        state.organisation = self.organisation
        state.start = self.start
        state.end = self.end
        state.place = self.place
        state.first_number = self.first_number
        state.renumbered()


class MeetingFactsChanged(MeetingEvent):
    """The kind of meeting and document, remarks to the whole meeting, its time zone."""

    TOPIC = "chefforum:MeetingFactsChanged"
    kind: MeetingKind
    document: DocumentKind
    remarks: str | None
    time_zone: str
    template: tuple[str, ...]

    def apply_to(self, state: MeetingState) -> None:
        state.kind = self.kind
        state.document = self.document
        state.remarks = self.remarks
        state.time_zone = self.time_zone
        state.template = list(self.template)


class CaseLabelSet(MeetingEvent):
    """The label the minutes print before each case number, or none."""

    TOPIC = "chefforum:CaseLabelSet"
    label: str | None

    def apply_to(self, state: MeetingState) -> None:
        state.case_label = self.label


class AgendaPublished(MeetingEvent):
    TOPIC = "chefforum:AgendaPublished"

    def apply_to(self, state: MeetingState) -> None:
        state.status = "published"


class MeetingStarted(MeetingEvent):
    TOPIC = "chefforum:MeetingStarted"
    start: time | None

    def apply_to(self, state: MeetingState) -> None:
        state.status = "started"
        if self.start is not None:
            state.start = self.start


class MeetingEnded(MeetingEvent):
    TOPIC = "chefforum:MeetingEnded"
    end: time | None

    def apply_to(self, state: MeetingState) -> None:
        state.status = "ended"
        if self.end is not None:
            state.end = self.end


class MinutesApproved(MeetingEvent):
    """One member's sign-off; the first one locks the minutes.

    `digest` is the SHA-256 of the referat that was signed, so `verify` can show that
    today's projection of that version still gives the same text.
    """

    TOPIC = "chefforum:MinutesApproved"
    # Version 2 tells a signature transcribed from an earlier record (an import of
    # approved minutes, which a secretary may do) from one given in this system.
    class_version = 2
    approval: Approval
    digest: str | None
    transcribed: bool

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["transcribed"] = False

    def apply_to(self, state: MeetingState) -> None:
        state.status = "approved"
        state.approvals.append(self.approval)


class CorrectionAdded(MeetingEvent):
    TOPIC = "chefforum:CorrectionAdded"
    correction: Correction

    def apply_to(self, state: MeetingState) -> None:
        state.corrections.append(self.correction)
