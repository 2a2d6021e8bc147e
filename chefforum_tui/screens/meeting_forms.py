"""What the forms use of a meeting screen (chefforum_tui.forms.port.MeetingPort): a use
case saved off the UI thread, and forms and questions that bring back what the user typed
when its values are refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar
from uuid import UUID

from textual.notifications import SeverityLevel

from chefforum_tui.screens.dialogs import ConfirmScreen, Field, FormScreen
from chefforum_tui.screens.meeting_keys import MeetingKeysScreen
from chefforum_tui.screens.meeting_view import View
from domain.application import Minutes
from domain.errors import ChefforumError
from domain.meeting.state import Item

T = TypeVar("T")


class MeetingFormsScreen(MeetingKeysScreen):
    """A screen on one meeting that saves what the forms ask for."""

    def __init__(self, meeting_id: UUID, item_id: UUID | None = None) -> None:
        super().__init__(meeting_id, item_id)
        self._form_open: Callable[[], None] | None = None  # reopens the form being saved
        self._form_refused = False  # the form's values were refused with an error message

    def save(
        self,
        work: Callable[[Minutes], T],
        done: Callable[[T], Any] | None = None,
        failed: Callable[[ChefforumError], Any] | None = None,
    ) -> None:
        """Run one use case off the UI thread, show the meeting as saved, then call done."""

        load = self._loader()
        reopen = self._form_open  # the form this save came from, if any

        def run(minutes: Minutes) -> tuple[T, View]:
            result = work(minutes)
            return result, load(minutes)

        async def show(outcome: tuple[T, View]) -> None:
            result, view = outcome
            if self.showing:
                await self.show_view(view)
            if done is not None:
                self._form_open = reopen  # a question done() asks may bring the form back
                try:
                    done(result)
                finally:
                    self._form_open = None

        def refused(error: ChefforumError) -> None:
            # A refusal reloads: an edit conflict must show the other's text as the new base.
            if self.showing:
                self.reload()
                if reopen is not None:
                    reopen()
            if failed is not None:
                failed(error)

        self.chef.store_call(run, show, failed=refused)

    def show_item(self, item_id: UUID) -> None:
        self.item_id = item_id
        self.reload()

    def current_item(self, quiet: bool = False) -> Item | None:
        if self.meeting is None or self.item_id is None:
            if not quiet:
                self.notify("Vælg først et punkt.", severity="warning")
            return None
        return self.meeting.item(self.item_id)

    def form(
        self,
        title: str,
        fields: list[Field],
        then: Callable[[dict[str, Any]], None],
        submit: str = "Gem",
        typed: bool = False,
    ) -> None:
        """Ask in a form (typed: it holds what the user typed, brought back)."""

        def done(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            # A save the form asks for (then -> save) that is refused opens the form again
            # with what was typed: a refusal must not take the user's text along.
            # So does a form the port refuses before saving (a date that is no date).
            # Only a form the user filled in: an empty one refused would catch the keys
            # typed on after it (ctrl+t ctrl+s, then the next decision). A form brought
            # back holds the user's text even when submitted unchanged (refused again).
            filled = [replace(f, value=values.get(f.key, f.value)) for f in fields]
            unchanged = all(f.value == g.value for f, g in zip(fields, filled, strict=True))
            if unchanged and not typed:
                then(values)
                return
            self._form_open = lambda: self.form(title, filled, then, submit, typed=True)
            self._form_refused = False
            try:
                then(values)
            finally:
                self._form_open = None
            if self._form_refused:
                self.form(title, filled, then, submit, typed=True)

        self.app.push_screen(FormScreen(title, fields, submit, typed), done)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        if severity == "error" and self._form_open is not None:
            self._form_refused = True  # said while handling a form's values: reopen it
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def confirm(self, question: str, then: Callable[[], None]) -> None:
        """Asked about a form's values (counts that do not add up): no brings the form
        back with what was typed in it, never drops it."""
        reopen = self._form_open

        def answered(yes: bool | None) -> None:
            if yes:
                then()
            elif reopen is not None:
                reopen()

        self.app.push_screen(ConfirmScreen(question), answered)
