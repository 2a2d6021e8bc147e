"""The Textual app: opens the store off the UI thread and hosts the screens."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from inspect import isawaitable
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

from textual.app import App, SystemCommand
from textual.screen import Screen

from chefforum_tui.keymap import APP_KEYS, FIELD_KEYS, bindings
from chefforum_tui.screens.dialogs import ConfirmScreen, Field, FormScreen
from chefforum_tui.screens.help import HelpScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.meetings import MeetingsScreen
from chefforum_tui.screens.search import SearchScreen
from domain.application import Minutes
from domain.errors import ChefforumError
from domain.meeting.state import MeetingState
from projections.documents.render.export import EXTENSIONS, render
from projections.readmodels.live import Follower
from projections.store.connect import open_minutes

T = TypeVar("T")


class ExportError(ChefforumError):
    """The export file could not be written."""


class ChefforumApp(App[None]):
    TITLE = "chefforum"
    BINDINGS = bindings(APP_KEYS)

    def __init__(self, db: str | None, actor: str) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.minutes: Minutes | None = None
        self.follower: Follower | None = None
        # One store call at a time, in the order given: each worker waits for its ticket.
        self._turn = threading.Condition()
        self._next_ticket = 0
        self._serving = 0

    def on_mount(self) -> None:
        self.store_call(self._follow, lambda _: self.push_screen(MeetingsScreen()))

    def _follow(self, minutes: Minutes) -> None:
        """Watch for other people's changes (off the UI thread, for the app's lifetime)."""
        self.follower = Follower(minutes, lambda _: self.call_from_thread(self._store_changed))
        self.follower.start()

    def _store_changed(self) -> None:
        refresh = getattr(self.screen, "store_changed", None)
        if refresh is not None:
            refresh()

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.stop()

    def store_call(
        self,
        work: Callable[[Minutes], T],
        done: Callable[[T], Any] | None = None,
        failed: Callable[[ChefforumError], Any] | None = None,
    ) -> None:
        """Run `work` against the store in a worker thread; `done` gets its result on the
        UI thread. A refusal is shown as a message, then handed to `failed`."""

        ticket = self._next_ticket
        self._next_ticket += 1

        def run() -> None:
            with self._turn:
                self._turn.wait_for(lambda: self._serving == ticket)
            try:
                if self.minutes is None:
                    self.minutes = open_minutes(self.db)
                result = work(self.minutes)
                if done is not None:  # delivered before the next call starts
                    self.call_from_thread(self._deliver, done, result)  # type: ignore[arg-type]
            except ChefforumError as e:
                self.call_from_thread(self.notify, str(e), title="Afvist", severity="error")
                if failed is not None:
                    self.call_from_thread(self._deliver, failed, e)  # type: ignore[arg-type]
            finally:
                with self._turn:
                    self._serving += 1
                    self._turn.notify_all()

        self.run_worker(run, thread=True, group="store", exit_on_error=True)

    async def _deliver(self, done: Callable[[Any], Any], result: Any) -> None:
        outcome = done(result)
        if isawaitable(outcome):
            await outcome

    def render_preview(self, state: MeetingState) -> list[str]:
        """The internal referat in the seed's Markdown layout, as exported."""
        return render(state, "markdown").decode().splitlines()

    def open_meeting(self, meeting_id: str, item_number: str | None = None) -> None:
        self.push_screen(MeetingScreen(UUID(meeting_id), item_number))

    def action_search(self) -> None:
        if isinstance(self.screen, SearchScreen):
            return

        def open_hit(found: tuple[str, str] | None) -> None:
            if found is not None:
                self.open_meeting(*found)

        self.push_screen(SearchScreen(), open_hit)

    def export_dialog(self, meeting_id: UUID, version: int | None = None) -> None:
        """Ask for format, audience and file name; write the file off the UI thread."""

        def ask(state: MeetingState) -> None:
            stem = f"referat-{state.forum}-{state.date.isoformat()}".replace(" ", "-").lower()
            fields = [
                Field(
                    "format",
                    "Format",
                    "select",
                    "text",
                    [
                        ("Tekst (A4)", "text"),
                        ("Markdown", "markdown"),
                        ("HTML", "html"),
                        ("JSON (udvekslingsformat)", "json"),
                    ],
                ),
                Field("public", "Offentlig udgave (lukkede punkter kun med titel)", "check", True),
                Field("agenda", "Kun dagsordenen", "check", False),
                Field("file", "Filnavn (uden endelse giver formatets endelse)", value=stem),
            ]
            self.push_screen(
                FormScreen("Eksportér referatet", fields, submit="Eksportér"),
                lambda values: write(state, values),
            )

        def write(state: MeetingState, values: dict[str, Any] | None) -> None:
            if values is None:
                return
            path = Path(values["file"] or "referat").expanduser()
            if not path.suffix:
                path = path.with_suffix("." + EXTENSIONS[values["format"]])

            def work(_: Minutes) -> Path:
                data = render(
                    state,
                    values["format"],
                    public_view=values["public"],
                    agenda_view=values["agenda"],
                )
                try:
                    path.write_bytes(data)
                except OSError as e:
                    raise ExportError(f"Kan ikke skrive {path}: {e.strerror}") from None
                return path.resolve()

            self.store_call(
                work,
                lambda where: self.notify(
                    f"Referatet er gemt i {where}", title="Eksporteret", timeout=10
                ),
            )

        self.store_call(lambda minutes: minutes.get(meeting_id, version=version).state, ask)

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
        dirty: list[object] = getattr(self.screen, "dirty_fields", list)()
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
