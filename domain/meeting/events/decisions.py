"""The events of what became of an item: its decision, votes and motions, who was absent
from it, and the remarks to the protocol."""

from __future__ import annotations

from uuid import UUID

import msgspec

from domain.meeting.events.base import MeetingEvent, item_of
from domain.meeting.state import Decision, ItemAbsence, MeetingState, Motion, Remark, Vote


class DecisionRecorded(MeetingEvent):
    TOPIC = "chefforum:DecisionRecorded"
    item_id: UUID
    text: str

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        current = item.decision or Decision(text="")
        decision = msgspec.structs.replace(current, text=self.text)
        item.decision = decision if self.text or decision.votes or decision.motions else None


class VotesRecorded(MeetingEvent):
    TOPIC = "chefforum:VotesRecorded"
    item_id: UUID
    votes: tuple[Vote, ...]

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        current = item.decision or Decision(text="")
        decision = msgspec.structs.replace(current, votes=self.votes)
        item.decision = decision if decision.text or self.votes or decision.motions else None


class MotionsRecorded(MeetingEvent):
    """The votes on an item's motions, in the order they were taken."""

    TOPIC = "chefforum:MotionsRecorded"
    item_id: UUID
    motions: tuple[Motion, ...]

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        current = item.decision or Decision(text="")
        decision = msgspec.structs.replace(current, motions=self.motions)
        item.decision = decision if decision.text or decision.votes or self.motions else None


class ItemAbsenceRecorded(MeetingEvent):
    TOPIC = "chefforum:ItemAbsenceRecorded"
    item_id: UUID
    absence: ItemAbsence

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        item.absent = [a for a in item.absent if a.name != self.absence.name]
        item.absent.append(self.absence)


class RemarkAdded(MeetingEvent):
    """A protocol remark, such as a member's dissent (mindretalsudtalelse)."""

    TOPIC = "chefforum:RemarkAdded"
    item_id: UUID
    remark: Remark

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).remarks.append(self.remark)


class RemarkWithdrawn(MeetingEvent):
    """A protocol remark or minority statement taken back before approval."""

    TOPIC = "chefforum:RemarkWithdrawn"
    item_id: UUID
    position: int
    by: str  # whose remark it was: they (or a secretary) may withdraw it

    def apply_to(self, state: MeetingState) -> None:
        del item_of(state, self.item_id).remarks[self.position]
