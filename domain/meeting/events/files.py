"""The events of an item's Bilag (the files themselves: domain/meeting/files.py)."""

from __future__ import annotations

from uuid import UUID

from domain.meeting.events.base import MeetingEvent, item_of
from domain.meeting.state import Attachment, Correction, MeetingState


class AttachmentAdded(MeetingEvent):
    TOPIC = "chefforum:AttachmentAdded"
    item_id: UUID
    attachment: Attachment

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).attachments.append(self.attachment)


class AttachmentRemoved(MeetingEvent):
    TOPIC = "chefforum:AttachmentRemoved"
    item_id: UUID
    name: str

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        item.attachments = [a for a in item.attachments if a.name != self.name]


class AttachmentReplaced(MeetingEvent):
    """A Bilag's file replaced by another under the same name, in its place on the item
    (domain/meeting/files.py); the name may change with it."""

    TOPIC = "chefforum:AttachmentReplaced"
    item_id: UUID
    name: str
    attachment: Attachment

    def apply_to(self, state: MeetingState) -> None:
        item = item_of(state, self.item_id)
        item.attachments = [self.attachment if a.name == self.name else a for a in item.attachments]


class AttachmentAddedByCorrection(MeetingEvent):
    """A Bilag added to approved minutes: only ever added, by a correction with a reason."""

    TOPIC = "chefforum:AttachmentAddedByCorrection"
    item_id: UUID
    attachment: Attachment
    correction: Correction

    def apply_to(self, state: MeetingState) -> None:
        item_of(state, self.item_id).attachments.append(self.attachment)
        state.corrections.append(self.correction)
