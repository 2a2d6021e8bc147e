"""What every group of use cases shares: how an item is named, and what they need of
Minutes (domain.application), which mixes them all in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from domain.forum.aggregate import Forum
from domain.meeting.aggregate import Meeting
from domain.meeting.summary import MeetingSummary

T = TypeVar("T")
# An item is named by its id or by its printed number ("3", "159").
ItemRef = UUID | str


def item_id_of(meeting: Meeting, ref: ItemRef) -> UUID:
    """The id of an item named by its id or by its printed number on this meeting."""
    return ref if isinstance(ref, UUID) else meeting.item_by_number(ref).id


class UseCases:
    """A group of use cases. Minutes provides what they call: load a meeting (get) or a
    forum, run one command on a meeting and save what it recorded (change: retried on a
    concurrent save, or gathered into a unit of work), list the meetings, save aggregates
    together (_save), and eventsourcing's mapper (for its cipher)."""

    if TYPE_CHECKING:
        mapper: Any

        def get(self, meeting_id: UUID, version: int | None = None) -> Meeting: ...

        def change(self, meeting_id: UUID, command: Callable[[Meeting], T]) -> T: ...

        def forum(self, name: str) -> Forum | None: ...

        def summaries(self) -> list[MeetingSummary]: ...

        def _save(self, *aggregates: Any) -> None: ...
