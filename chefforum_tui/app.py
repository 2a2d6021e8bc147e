"""The Textual app: opens the store off the UI thread and hosts the screens."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from inspect import isawaitable
from typing import Any, TypeVar
from uuid import UUID

from textual.app import App, SystemCommand
from textual.screen import Screen

from chefforum_tui.keymap import APP_KEYS, FIELD_KEYS, bindings
from chefforum_tui.screens.dialogs import ConfirmScreen
from chefforum_tui.screens.help import HelpScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.meetings import MeetingsScreen
from domain.app import Minutes
from domain.errors import ChefforumError
from domain.values import MeetingState
from projections import interchange as ix
from projections.referat import document
from projections.store import open_minutes

T = TypeVar("T")


class ChefforumApp(App[None]):
    TITLE = "chefforum"
    BINDINGS = bindings(APP_KEYS)

    def __init__(self, db: str | None, actor: str) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.minutes: Minutes | None = None
        # One store call at a time, in the order given: a worker thread waits for the last.
        self._store_lock = threading.Lock()

    def on_mount(self) -> None:
        self.store_call(lambda _: None, lambda _: self.push_screen(MeetingsScreen()))

    def store_call(
        self, work: Callable[[Minutes], T], done: Callable[[T], Any] | None = None
    ) -> None:
        """Run `work` against the store in a worker thread; `done` gets its result on the UI."""

        def run() -> None:
            with self._store_lock:
                try:
                    if self.minutes is None:
                        self.minutes = open_minutes(self.db)
                    result = work(self.minutes)
                except ChefforumError as e:
                    self.call_from_thread(self.notify, str(e), title="Afvist", severity="error")
                    return
            if done is not None:
                self.call_from_thread(self._deliver, done, result)

        self.run_worker(run, thread=True, group="store", exit_on_error=True)

    async def _deliver(self, done: Callable[[T], Any], result: T) -> None:
        outcome = done(result)
        if isawaitable(outcome):
            await outcome

    def render_preview(self, state: MeetingState) -> list[str]:
        return ix.encode(document(state)).decode().splitlines()

    def open_meeting(self, meeting_id: str) -> None:
        self.push_screen(MeetingScreen(UUID(meeting_id)))

    def export_dialog(self, meeting_id: UUID) -> None:
        self.notify("Eksport kommer snart.")

    # -- keys, help, palette ----------------------------------------------------------------

    def action_help(self) -> None:
        sections: list[tuple[str, Any]] = [("overalt", APP_KEYS)]
        keys = getattr(self.screen, "KEYS", None)
        if keys:
            sections.insert(0, (self.screen.title or "denne skærm", keys))
        sections.append(("i et tekstfelt", FIELD_KEYS))
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for _keys, action, description, _show in getattr(screen, "KEYS", ()):
            yield SystemCommand(description, f"Tast: {_keys}", _runner(screen, action))
        yield SystemCommand("Hjælp", "Vis alle taster", self.action_help)
        yield SystemCommand("Afslut", "Luk chefforum", self.action_quit)

    async def action_quit(self) -> None:
        dirty = getattr(self.screen, "dirty_fields", lambda: [])()
        if not dirty:
            self.exit()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Du har tekst, der ikke er gemt. Afslut alligevel og kassér den?",
                yes="Kassér og afslut",
            ),
            answer,
        )


def _runner(screen: Screen[Any], action: str) -> Callable[[], Any]:
    return lambda: screen.run_action(action)


def run_app(db: str | None, actor: str) -> None:
    ChefforumApp(db, actor).run()
