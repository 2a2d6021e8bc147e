"""Bilag as files: a file attached to an item, replaced or removed, and, once the minutes
are approved, only ever added, by a correction with its reason.

A part of the Meeting aggregate (domain.meeting.part): the rules are checked here, the
events are in domain.meeting.events. The bytes themselves are no part of an event: the
event holds the file's SHA-256, and so the chain vouches for the file; the bytes travel
beside the events into the store in the same transaction (domain/cases/files.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from domain.errors import NotFound, RuleViolation
from domain.meeting.events.files import (
    AttachmentAdded,
    AttachmentAddedByCorrection,
    AttachmentReplaced,
)
from domain.meeting.part import MeetingPart
from domain.meeting.state import Attachment, Correction, Item
from domain.text import line, required

HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class FileFacts:
    """What the store and the minutes know of a file, found once when it is read
    (projections/files/inspect.py): its SHA-256 as hex, length, sniffed media type and,
    for a PDF, its pages."""

    sha256: str
    size: int
    media_type: str
    pages: int | None = None

    def __post_init__(self) -> None:
        if len(self.sha256) != 64 or not set(self.sha256) <= HEX:
            raise RuleViolation("Bilagets SHA-256 skal være 64 små hex-cifre.")
        if self.size < 0:
            raise RuleViolation("Bilagets størrelse kan ikke være negativ.")

    def attachment(self, name: str, closed: bool) -> Attachment:
        return Attachment(
            name=required(name, "Bilagets navn"),
            closed=closed,
            sha256=self.sha256,
            media_type=self.media_type,
            size=self.size,
            pages=self.pages,
        )


def is_public(item: Item, attachment: Attachment) -> bool:
    """A Bilag citizens may see: neither it nor its item is closed (an item closed at
    any time is withheld by the callers, which know its history)."""
    return not (attachment.closed or item.closed)


class Files(MeetingPart):
    """Commands of the Meeting aggregate for Bilag as files."""

    def attach_file(
        self, actor: str, item_id: UUID, name: str, facts: FileFacts, closed: bool = False
    ) -> None:
        """Attach a file to an item under a name not yet used on it."""
        if self.state.status == "approved":
            raise RuleViolation(
                "Referatet er godkendt; et bilag kan kun tilføjes med en rettelse "
                "(chefforum attach ... --reason BEGRUNDELSE)."
            )
        self._check_editable()
        item = self._active_item(item_id)
        attachment = facts.attachment(name, closed)
        if any(a.name == attachment.name for a in item.attachments):
            raise RuleViolation(
                f"Bilaget '{attachment.name}' er allerede på punktet; erstat det med --replace."
            )
        self.trigger_event(AttachmentAdded, actor=actor, item_id=item_id, attachment=attachment)

    def carry_attachment(self, actor: str, item_id: UUID, attachment: Attachment) -> None:
        """A Bilag as it stands on another meeting's item (a postponed item carried on):
        its file is in the store already, so the same attachment is added."""
        self._check_editable()
        item = self._active_item(item_id)
        if any(a.name == attachment.name for a in item.attachments):
            raise RuleViolation(f"Bilaget '{attachment.name}' er allerede på punktet.")
        self.trigger_event(AttachmentAdded, actor=actor, item_id=item_id, attachment=attachment)

    def replace_file(
        self,
        actor: str,
        item_id: UUID,
        name: str,
        facts: FileFacts,
        closed: bool | None = None,
    ) -> None:
        """Put another file in a Bilag's place (same name and place); the same file again
        changes nothing."""
        self._check_editable()
        item = self._active_item(item_id)
        name = line(name, "Bilagets navn")
        current = next((a for a in item.attachments if a.name == name), None)
        if current is None:
            raise NotFound(f"Punktet har intet bilag '{name}'.")
        attachment = facts.attachment(name, current.closed if closed is None else closed)
        if attachment != current:
            self.trigger_event(
                AttachmentReplaced,
                actor=actor,
                item_id=item_id,
                name=name,
                attachment=attachment,
            )

    def add_file_by_correction(
        self,
        actor: str,
        item_id: UUID,
        name: str,
        facts: FileFacts,
        *,
        reason: str,
        closed: bool = False,
    ) -> None:
        """Approved minutes' files are never changed; a file is added to them by a
        correction, which says what was added and why."""
        if self.state.status != "approved":
            raise RuleViolation(
                "Rettelser tilføjes først, når referatet er godkendt; vedhæft bilaget direkte."
            )
        item = self._active_item(item_id)
        attachment = facts.attachment(name, closed)
        if any(a.name == attachment.name for a in item.attachments):
            raise RuleViolation(
                f"Bilaget '{attachment.name}' er allerede på punktet; et godkendt referats "
                "bilag ændres ikke. Giv det nye bilag et andet navn."
            )
        correction = Correction(
            by=actor,
            at=datetime.now(UTC),
            item_id=item_id,
            reason=required(reason, "Begrundelsen for rettelsen", multiline=True),
            # A closed Bilag's name stays out of the correction, which is public.
            text="Et lukket bilag er tilføjet."
            if closed
            else f"Bilag tilføjet: {attachment.name}.",
        )
        self.trigger_event(
            AttachmentAddedByCorrection,
            actor=actor,
            item_id=item_id,
            attachment=attachment,
            correction=correction,
        )
