"""The Textual app: opens the store off the UI thread and hosts the screens.

The first frame is the meeting list as the stored read model holds it (first_look.py),
drawn before the domain, eventsourcing and the store are loaded; they load after it, on
the store's thread, and the list is then read anew from the opened store."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from inspect import isawaitable
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from textual import events
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.screen import Screen

from chefforum_tui.guard import Guarded, report_unexpected
from chefforum_tui.key_gate import KeyGate
from chefforum_tui.keymap import (
    ABSENCE_FORM_KEYS,
    ANYWHERE,
    APP_KEYS,
    CHOICE_KEYS,
    CONFIRM_KEYS,
    FIELD_KEYS,
    FORM_KEYS,
    HELP_KEYS,
    IN_A_FIELD,
    IN_A_FORM,
    IN_A_PICKER,
    IN_A_QUESTION,
    IN_A_REMARK,
    IN_AN_ABSENCE,
    IN_HELP,
    IN_THE_VOTE,
    PICKER_KEYS,
    REMARK_FORM_KEYS,
    VOTE_FORM_KEYS,
    Key,
    bindings,
    keys_label,
    user_keymap,
)
from chefforum_tui.palette import DanishCommandPalette
from chefforum_tui.screens.meetings import PAGE, MeetingsScreen
from domain.errors import ChefforumError
from projections.readmodels.first_look import first_page
from projections.store.drafts import DraftJournal, drafts_folder

if TYPE_CHECKING:
    from domain.application import Minutes
    from domain.meeting.state import MeetingState
    from projections.readmodels.live import Follower

T = TypeVar("T")

# The screens past the meeting list, and what they bring (the documents' renderers, mail,
# the files' cipher), are imported when first opened, not before the first frame: the list
# shows without them. They are loaded on the store's thread once the store is open and the
# list drawn (warm_up), so that the first meeting opens as fast as the next.
LATER = ("chefforum_tui.screens.meeting", "chefforum_tui.screens.search")


class ChefforumApp(Guarded, App[None]):
    TITLE = "chefforum"
    BINDINGS = bindings(APP_KEYS)

    def __init__(self, db: str | None, actor: str) -> None:
        super().__init__()
        # No animated scrolling or fading: a key pressed right after a focus change must
        # land where the screen already shows it (a secretary types faster than 1 s).
        self.animation_level = "none"
        self.db = db
        self.actor = actor
        # The user's keys (keys.toml), by binding id, and what was wrong with the file.
        self.key_overrides, self.key_problems = user_keymap()
        self.minutes: Minutes | None = None
        # Whether the store has opened: until then the meeting list is a first look, and
        # its keys wait (MeetingsScreen.ready).
        self.store_open = False
        self.follower: Follower | None = None
        # One store call at a time, in the order given: one thread runs them all (the
        # store's connection is used from that thread only).
        self._store_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")
        # The meeting list as the stored read model holds it, read while Textual starts.
        self._first_look = self._store_thread.submit(first_page, db, PAGE)
        # Keys typed ahead of a screen that is not mounted yet wait for it (key_gate.py).
        self.key_gate = KeyGate(self, self._hand_on)
        # Text typed and not yet stored, kept on disk (projections/store/drafts.py).
        self.draft_journal = DraftJournal(drafts_folder(db))
        self.drafts_offered: set[UUID] = set()
        # Errors no handler expected, shown and survived (guard.py); a test fails on any.
        self.unexpected: list[Exception] = []  # meetings whose drafts were offered back

    async def on_mount(self) -> None:
        self.set_keymap(self.key_overrides)
        if self.key_problems:
            self.notify(
                "\n".join(self.key_problems),
                title="Tastefilen",
                severity="warning",
                timeout=20,
                markup=False,
            )
        # The meeting list at once from the stored read model where there is one, the
        # store opened once it is drawn; else (a new or an encrypted store, one that cannot
        # be read yet) the list once the store is open, as the store says.
        first = await asyncio.wrap_future(self._first_look)
        if first is None:
            self.store_call(self._follow, self._show_list)
            return
        self.push_screen(MeetingsScreen(first))
        # After the first frame: loading the domain and the store competes with drawing
        # it for the GIL (some hundreds of milliseconds of imports and the catch-up).
        self.call_after_refresh(
            self.store_call, self._follow, self._confirm_first_look, self._drop_first_look
        )

    def _show_list(self, _: object) -> None:
        self.store_open = True
        self.push_screen(MeetingsScreen())
        self.call_after_refresh(self.store_call, _warm_up)

    def _confirm_first_look(self, _: object) -> None:
        self.store_open = True
        self._store_changed()  # the list anew, from the opened store's caught-up read model
        self.call_after_refresh(self.store_call, _warm_up)

    def _drop_first_look(self, _: ChefforumError) -> None:
        """The store did not open (its message is shown): nothing it holds is shown
        either, as before the first look existed."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    # -- keys typed ahead -------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self.key_gate.hold(event):
            return
        await super().on_event(event)

    async def _hand_on(self, event: events.Key) -> None:
        await super().on_event(event)  # past the gate: it is this key's turn

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        # A binding run before its screen is mounted finds no widgets (issue 20): wait.
        if self.key_gate.hold_unready(key):
            return True
        return await super()._check_bindings(key, priority)

    def _follow(self, minutes: Minutes) -> None:
        """Watch for other people's changes (off the UI thread, for the app's lifetime)."""
        from projections.readmodels.live import Follower

        self.follower = Follower(minutes, lambda _: self.call_from_thread(self._store_changed))
        self.follower.start()

    def _store_changed(self) -> None:
        if not self.screen_stack:
            return  # reported while the app closes
        refresh = getattr(self.screen, "store_changed", None)
        if refresh is not None:
            refresh()

    def on_unmount(self) -> None:
        if self.follower is not None:
            self.follower.stop()
        # Calls not begun are dropped (the app is gone); one running finishes its work.
        self._store_thread.shutdown(wait=False, cancel_futures=True)

    def store_call(
        self,
        work: Callable[[Minutes], T],
        done: Callable[[T], Any] | None = None,
        failed: Callable[[ChefforumError], Any] | None = None,
    ) -> None:
        """Run `work` against the store on the store's thread; `done` gets its result on
        the UI thread. A refusal is shown as a message, then handed to `failed`."""

        def run() -> T:
            if self.minutes is None:
                from projections.store.connect import open_minutes  # after the first frame

                self.minutes = open_minutes(self.db)
            return work(self.minutes)

        async def call() -> None:
            ran = asyncio.get_running_loop().run_in_executor(self._store_thread, run)
            try:
                result = await ran
            except ChefforumError as e:
                self.notify(str(e), title="Afvist", severity="error")
                if failed is not None:
                    await self._deliver(failed, e)
                return
            except Exception as e:  # a bug: reported, and handled as a refusal
                report_unexpected(self, e)
                if failed is not None:
                    await self._deliver(failed, ChefforumError(f"Uventet fejl: {e}"))
                return
            if done is not None:
                await self._deliver(done, result)

        self.run_worker(call(), group="store", exit_on_error=True)

    async def _deliver(self, done: Callable[[Any], Any], result: Any) -> None:
        try:
            outcome = done(result)
            if isawaitable(outcome):
                await outcome
        except Exception as e:  # a bug in a screen's callback: reported
            report_unexpected(self, e)

    async def run_action(
        self,
        action: str | tuple[str, str, tuple[object, ...]],
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Every key's action (bindings, the palette): an error is reported (guard.py)."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as e:
            report_unexpected(self, e)
            return True

    def render_preview(self, state: MeetingState) -> list[str]:
        """The internal referat as the text export prints it, without its pages."""
        from projections.documents.render.export import screen_lines

        return screen_lines(state)

    def open_meeting(self, meeting_id: str, item_number: str | None = None) -> None:
        from chefforum_tui.screens.meeting import MeetingScreen

        self.push_screen(MeetingScreen(UUID(meeting_id), item_number))

    def action_search(self) -> None:
        from chefforum_tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def open_hit(found: tuple[str, str] | None) -> None:
            if found is not None:
                self.open_meeting(*found)

        self.push_screen(SearchScreen(), open_hit)

    # -- keys, help, palette ----------------------------------------------------------------

    def action_help(self) -> None:
        sections: list[tuple[str, tuple[Key, ...]]] = []
        keys: tuple[Key, ...] = getattr(self.screen, "KEYS", ())
        if keys:
            sections.append((self.screen.title or "denne skærm", keys))
        sections += [
            (ANYWHERE, APP_KEYS),
            (IN_A_FIELD, FIELD_KEYS),
            (IN_A_FORM, FORM_KEYS),
            (IN_A_PICKER, (*PICKER_KEYS, *CHOICE_KEYS)),
            (IN_THE_VOTE, VOTE_FORM_KEYS),
            (IN_A_REMARK, REMARK_FORM_KEYS),
            (IN_AN_ABSENCE, ABSENCE_FORM_KEYS),
            (IN_A_QUESTION, CONFIRM_KEYS),
            (IN_HELP, HELP_KEYS),
        ]
        from chefforum_tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(sections, self.key_overrides))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, DanishCommandPalette):
            self.push_screen(DanishCommandPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        keys: tuple[Key, ...] = getattr(screen, "KEYS", ())
        for key in keys:
            shown = keys_label(key.id, self.key_overrides)
            name = key.description
            if key.reason is not None:
                name = f"{name} — ikke muligt: {key.reason}"
            yield SystemCommand(name, f"Tast: {shown}", _runner(screen, key.action))
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

        from chefforum_tui.screens.dialogs import ConfirmScreen

        self.push_screen(
            ConfirmScreen(
                "Du har tekst, der ikke er gemt. Afslut alligevel og kassér den?",
                yes="Kassér og afslut",
            ),
            answer,
        )


def _warm_up(_: Minutes) -> None:
    for name in LATER:
        import_module(name)


def _runner(screen: Screen[Any], action: str) -> Callable[[], Any]:
    return lambda: screen.run_action(action)


def run_app(db: str | None, actor: str) -> None:
    ChefforumApp(db, actor).run()
