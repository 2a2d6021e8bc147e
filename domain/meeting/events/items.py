"""The events of the agenda's items: added, changed, moved, withdrawn, postponed, carried in."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.meeting.events.base import MeetingEvent, item_of
from domain.meeting.state import Item, ItemKind, ItemLink, MeetingState


class ItemAdded(MeetingEvent):
    TOPIC = "chefforum:ItemAdded"
    item_id: UUID
    title: str
    position: int
    number: str | None
    case_number: str | None
    kind: ItemKind | None
    duration_minutes: int | None
    closed: bool
    supplementary: bool

    def apply_to(self, state: MeetingState) -> None:
        state.insert_item(
            self.position,
            Item(
                id=self.item_id,
                title=self.title,
                number=self.number,
                case_number=self.case_number,
                kind=self.kind,
                duration_minutes=self.duration_minutes,
                closed=self.closed,
                supplementary=self.supplementary,
            ),
        )


class ItemRetitled(MeetingEvent):
    TOPIC = "chefforum:ItemRetitled"
    item_id: UUID
    title: str

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).title = self.title


class ItemFieldsChanged(MeetingEvent):
    TOPIC = "chefforum:ItemFieldsChanged"
    item_id: UUID
    number: str | None
    case_number: str | None
    kind: ItemKind | None
    duration_minutes: int | None
    closed: bool
    supplementary: bool

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        renumbered = item.number != self.number
        item.number = self.number
        item.case_number = self.case_number
        item.kind = self.kind
        item.duration_minutes = self.duration_minutes
        item.closed = self.closed
        item.supplementary = self.supplementary
        if renumbered:
            state.number_changed(item)


class ItemMoved(MeetingEvent):
    TOPIC = "chefforum:ItemMoved"
    item_id: UUID
    position: int

    def apply_to(self, state: MeetingState) -> None:
        state.move_item(self.item_id, self.position)


class ItemWithdrawn(MeetingEvent):
    """Version 1 removed the item and renumbered the rest; stored v1 events keep that
    meaning (keep_number False), so signed minutes project as they were signed. From
    version 2 a withdrawal by a user keeps the number: "Punktet blev trukket"."""

    TOPIC = "chefforum:ItemWithdrawn"
    class_version = 2
    item_id: UUID
    reason: str | None
    keep_number: bool

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["keep_number"] = False

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        if self.keep_number:
            item.status = "trukket"
            item.status_reason = self.reason
        else:
            item.withdrawn = True
            item.withdrawn_reason = self.reason
            state.renumbered()


class ItemPostponed(MeetingEvent):
    """Udsat: the item keeps its number here and is carried to a later meeting."""

    TOPIC = "chefforum:ItemPostponed"
    item_id: UUID
    reason: str | None
    carried_to: ItemLink | None

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        item.status = "udsat"
        item.status_reason = self.reason
        item.carried_to = self.carried_to


class ItemCarriedIn(MeetingEvent):
    """The item continues an item postponed at an earlier meeting."""

    TOPIC = "chefforum:ItemCarriedIn"
    item_id: UUID
    carried_from: ItemLink

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).carried_from = self.carried_from
