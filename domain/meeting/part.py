"""What the Meeting aggregate's parts (participants, items, decisions, remarks, files, the
members' links) need of the aggregate (domain.meeting.aggregate), which mixes them in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.meeting.state import Item, MeetingState, Participant


class MeetingPart:
    """A part of the Meeting aggregate: its commands check their rules against the state
    (domain.meeting.rules) and trigger one event each (domain.meeting.events)."""

    if TYPE_CHECKING:
        state: MeetingState

        def trigger_event(self, event_class: Any, **kwargs: Any) -> None: ...

        def participant(self, ref: UUID | str) -> Participant: ...

        def item(self, item_id: UUID) -> Item: ...

        def _active_item(self, item_id: UUID) -> Item: ...

        def _check_editable(self) -> None: ...

        def _check_held(self, what: str) -> None: ...
