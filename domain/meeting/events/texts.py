"""The events of an item's texts: its Indstilling, its sections and earlier decisions."""

from __future__ import annotations

from uuid import UUID

import msgspec

from domain.meeting.events.base import MeetingEvent, item_of
from domain.meeting.state import EarlierDecision, MeetingState, Recommendation, Section


class RecommendationDrafted(MeetingEvent):
    TOPIC = "chefforum:RecommendationDrafted"
    item_id: UUID
    recommendation: Recommendation | None

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).recommendation = self.recommendation


class RecommendationPlaced(MeetingEvent):
    """Where the Indstilling prints among the item's sections: after the first `at`."""

    TOPIC = "chefforum:RecommendationPlaced"
    item_id: UUID
    at: int

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).recommendation_at = self.at


class SectionWritten(MeetingEvent):
    """A section's text written; a new heading is inserted at `position`."""

    TOPIC = "chefforum:SectionWritten"
    item_id: UUID
    heading: str
    text: str
    position: int

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        section = Section(heading=self.heading, text=self.text)
        for index, existing in enumerate(item.sections):
            if existing.heading == self.heading:
                item.sections[index] = msgspec.structs.replace(existing, text=self.text)
                return
        item.sections.insert(self.position, section)


class SectionRemoved(MeetingEvent):
    TOPIC = "chefforum:SectionRemoved"
    item_id: UUID
    heading: str

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        item.sections = [s for s in item.sections if s.heading != self.heading]


class SectionPlacedAfterDecision(MeetingEvent):
    """A section printed after (or again before) the Beslutning."""

    TOPIC = "chefforum:SectionPlacedAfterDecision"
    item_id: UUID
    heading: str
    after_decision: bool

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        item.sections = [
            msgspec.structs.replace(s, after_decision=self.after_decision)
            if s.heading == self.heading
            else s
            for s in item.sections
        ]


class EarlierDecisionRecorded(MeetingEvent):
    TOPIC = "chefforum:EarlierDecisionRecorded"
    item_id: UUID
    earlier: EarlierDecision

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).earlier_decisions.append(self.earlier)
