"""What a form needs of the meeting screen it was opened from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar
from uuid import UUID

from textual.notifications import SeverityLevel

from chefforum_tui.keymap import Keymap
from chefforum_tui.screens.dialogs import Field
from domain.application import Minutes
from domain.errors import ChefforumError
from domain.forum.state import Member
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Item

T = TypeVar("T")


class MeetingPort(Protocol):
    meeting_id: UUID
    meeting: Meeting | None  # as last loaded, to show and to offer choices from
    item_id: UUID | None  # the selected item
    headings: tuple[str, ...]  # the section headings the forum's template offers
    members: tuple[Member, ...]  # the forum's members

    @property
    def actor(self) -> str: ...

    @property
    def keymap(self) -> Keymap: ...

    def current_item(self, quiet: bool = False) -> Item | None:
        """The selected item; None (with a message unless quiet) when there is none."""

    def save(
        self,
        work: Callable[[Minutes], T],
        done: Callable[[T], Any] | None = None,
        failed: Callable[[ChefforumError], Any] | None = None,
    ) -> None:
        """Run a use case off the UI thread, show the meeting as saved, then call done;
        a refusal is shown, the meeting reloaded, and failed called."""

    def store_call(self, work: Callable[[Minutes], T], done: Callable[[T], Any]) -> None:
        """Run something against the store off the UI thread (the meeting is not reloaded)."""

    def unavailable(self, action: str) -> str | None:
        """Why an action cannot work now (domain.meeting.actions), or None."""

    def show_item(self, item_id: UUID) -> None:
        """Select an item and show it."""

    def form(
        self,
        title: str,
        fields: list[Field],
        then: Callable[[dict[str, Any]], None],
        submit: str = "Gem",
    ) -> None:
        """Ask in a form; then() gets the values unless the user cancelled."""

    def confirm(self, question: str, then: Callable[[], None]) -> None:
        """Ask yes or no; then() runs on yes."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
