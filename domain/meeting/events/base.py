"""The base of every change to a meeting, and the item an event is about."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.meeting.state import Item, MeetingState


def item_of(state: MeetingState, item_id: UUID) -> Item:
    return state.item(item_id)


class MeetingEvent(Aggregate.Event):
    """Base of every change to a meeting: who made it (timestamp is inherited)."""

    TOPIC = "chefforum:MeetingEvent"
    actor: str

    def apply(self, aggregate: Any) -> None:
        self.apply_to(aggregate.state)

    def apply_to(self, state: MeetingState) -> None:
        raise NotImplementedError
