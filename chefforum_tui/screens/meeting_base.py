"""What the meeting screen and the live view share: the meeting loaded off the UI thread,
the forms' port (chefforum_tui.forms.port.MeetingPort), and the keys offered only when
they can work.

An action the meeting's state or the user's forum roles do not allow now is hidden from
the footer (check_action), explained when its key is pressed, and listed in the command
palette and the help with the domain's reason (domain.meeting.actions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from textual import events, on
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.widgets import Input, TextArea

from chefforum_tui.drafts import DraftKeeper, RestoreScreen
from chefforum_tui.forms import items
from chefforum_tui.keymap import Key, Keymap, app_keymap, keys_of
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.dialogs import ConfirmScreen, Field, FormScreen
from chefforum_tui.widgets.fields import Commit, CommitField
from domain.application import Minutes
from domain.errors import ChefforumError
from domain.forum.state import Member
from domain.forum.template import sections_for
from domain.meeting.actions import clause, unavailable
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Item
from domain.meeting.texts import field_label, field_texts
from domain.text import nfc
from projections.store.drafts import Draft

T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """What a meeting screen shows, loaded off the UI thread."""

    meeting: Meeting
    headings: tuple[str, ...]
    preview: list[str]
    roles: tuple[str, ...]  # the user's roles in the meeting's forum (Forum.roles_of)
    members: tuple[Member, ...] = ()  # the forum's, to choose among in the forms


class MeetingPortScreen(AppScreen[Any]):
    """A screen on one meeting that the forms can work through."""

    TABLE: ClassVar[tuple[Key, ...]] = ()  # the screen's keys (keymap)

    def __init__(self, meeting_id: UUID, item_id: UUID | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.headings: tuple[str, ...] = ()
        self.roles: tuple[str, ...] = ()
        self.members: tuple[Member, ...] = ()
        self.item_id = item_id
        self._refresh_waiting = False  # a refresh after others' changes waits its turn
        self._load_failed = False
        self._drafts: DraftKeeper | None = None
        self._form_open: Callable[[], None] | None = None  # reopens the form being saved
        self._form_refused = False  # the form's values were refused with an error message

    # -- loading ----------------------------------------------------------------------------

    def _loader(self) -> Callable[[Minutes], View]:
        """Loading the meeting, for a worker thread: what it needs of the screen and the
        app is taken here, on the UI thread (a screen left meanwhile has no app)."""
        meeting_id, actor, headings = self.meeting_id, self.actor, self.headings
        render = self.chef.render_preview if self.wants_preview else None

        def load(minutes: Minutes) -> View:
            meeting = minutes.get(meeting_id)
            forum = minutes.forum(meeting.state.forum)
            return View(
                meeting,
                headings or sections_for(minutes, meeting.state),
                render(meeting.state) if render is not None else [],
                forum.roles_of(actor) if forum else (),
                tuple(forum.state.members) if forum else (),
            )

        return load

    wants_preview = True

    async def _show(self, view: View) -> None:
        raise NotImplementedError

    async def show_view(self, view: View) -> None:
        """Show a loaded meeting; the first time, offer what the draft journal holds."""
        await self._show(view)
        if self.meeting_id not in self.chef.drafts_offered:  # once a run, by any screen
            self.chef.drafts_offered.add(self.meeting_id)
            self.offer_drafts()

    @property
    def ready(self) -> bool:
        """Keys wait until the meeting is shown (key_gate.py): typed into a field that
        belongs to no item yet, text would be replaced by the item's when it comes."""
        return self.meeting is not None or self._load_failed

    def reload(self) -> None:
        async def show(view: View) -> None:
            if self.showing:
                await self.show_view(view)

        def failed(_: ChefforumError) -> None:
            self._load_failed = True

        self.chef.store_call(self._loader(), show, failed)

    def dirty_fields(self) -> list[CommitField]:
        return [w for w in self.query("*") if isinstance(w, CommitField) and w.dirty]

    def store_fields(self) -> None:
        """Store every field's uncommitted text now, not by message: for leaving the
        screen, after which a message to it would not be handled."""
        for field in self.dirty_fields():
            commit = field.take()
            if commit is not None:
                self.on_commit(commit)

    def on_commit(self, event: Commit) -> None:
        item_id, field, value = event.item_id, event.field, event.value

        def stored() -> None:
            if item_id is not None:
                self.drafts.stored(item_id, field, value)

        def conflict(theirs: str) -> None:
            for widget in self.dirty_fields():
                if widget.item_id == item_id and widget.field == field:
                    widget.told(theirs)

        items.store_text(self, item_id, field, value, event.base, stored, conflict)

    # -- the draft journal (chefforum_tui/drafts.py) ------------------------------------------

    @property
    def drafts(self) -> DraftKeeper:
        if self._drafts is None:
            self._drafts = DraftKeeper(
                self.chef.draft_journal,
                self.meeting_id,
                self.set_timer,
                lambda message: self.notify(message, severity="warning", timeout=20),
            )
        return self._drafts

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _keep_draft(self, event: Input.Changed | TextArea.Changed) -> None:
        field = event.control
        if isinstance(field, CommitField) and field.item_id is not None:
            self.drafts.changed(
                field.item_id, field.field, nfc(field.current), field.committed, field.dirty
            )

    def on_unmount(self) -> None:
        if self._drafts is not None:
            self._drafts.flush()  # leaving with text unsaved (a quit that discards asks)

    def offer_drafts(self) -> None:
        """Text a crash left unsaved: offered back one field at a time; stored only when
        the user says so, else kept for the next time."""
        if self.meeting is None:
            return
        meeting = self.meeting

        def stored_text(item_id: UUID, field: str) -> str | None:
            try:
                return field_texts(meeting.item(item_id)).get(field, "")
            except ChefforumError:
                return None

        numbers = meeting.state.item_numbers()

        def offer(left: list[Draft]) -> None:
            if not left or not self.showing:
                return
            draft, rest = left[0], left[1:]
            try:
                item = meeting.item(draft.item_id)
                where = f"punkt {numbers.get(item.id, '?')} ({item.title})"
            except ChefforumError:
                where = "et punkt, der ikke findes mere"

            def answer(yes: bool | None) -> None:
                if yes:
                    item_id, field, text = draft.item_id, draft.field, draft.text
                    items.store_text(
                        self,
                        item_id,
                        field,
                        text,
                        draft.base,
                        lambda: self.drafts.stored(item_id, field, text),
                    )
                offer(rest)

            self.app.push_screen(RestoreScreen(draft, where, meeting.state.time_zone), answer)

        offer(self.drafts.left_over(stored_text))

    def store_changed(self) -> None:
        """Someone (perhaps in another process) saved: show it, and say so when it
        touches a text being edited here, which keeps the user's own text."""
        if not self.is_mounted:
            return  # reported between pushing and mounting the screen: on_mount loads it
        if self._refresh_waiting:
            return  # the refresh already waiting for its turn will load this change too
        self._refresh_waiting = True
        editing = {(f.item_id, f.field): f.committed for f in self.dirty_fields()}
        load = self._loader()

        def changed(minutes: Minutes) -> View | None:
            self._refresh_waiting = False  # a change reported from now on needs a load
            shown = self.meeting.version if self.meeting else None
            # Most changes seen are other meetings' or this screen's own: one cheap query
            # decides, before loading and rendering the whole meeting again.
            last = minutes.recorder.select_events(self.meeting_id, desc=True, limit=1)
            if last and last[0].originator_version == shown:
                return None
            return load(minutes)

        async def show_and_tell(view: View | None) -> None:
            if not self.showing or view is None:
                return
            if self.meeting and view.meeting.version <= self.meeting.version:
                return
            for (item_id, field), base in editing.items():
                if item_id is None:
                    continue
                try:
                    stored = field_texts(view.meeting.item(item_id)).get(field, "")
                except ChefforumError:
                    continue
                if stored != base:
                    self.notify(
                        f"{field_label(field)} blev ændret af en anden, mens du skrev. Din "
                        f"tekst står stadig i feltet; den gemte er nu: «{stored[:120]}».",
                        title="Ændret samtidig",
                        severity="warning",
                        timeout=12,
                    )
            await self.show_view(view)

        self.chef.store_call(changed, show_and_tell)

    # -- what the forms use (chefforum_tui.forms.port.MeetingPort) ------------------------

    @property
    def actor(self) -> str:
        return self.chef.actor

    @property
    def keymap(self) -> Keymap:
        return app_keymap(self.app)

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

        self.app.push_screen(FormScreen(title, fields, submit), done)

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

    # -- what may be done now ---------------------------------------------------------------

    def unavailable(self, action: str) -> str | None:
        """Why an action of this screen cannot work now (the domain's reason, to follow a
        colon), or None."""
        if self.meeting is None:
            return None  # not loaded yet: the command itself will say
        state = self.meeting.state
        item = state.find_item(self.item_id)
        reason = unavailable(action, state, self.roles, self.actor, item)
        return clause(reason) if reason is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" and isinstance(self.focused, Input | TextArea):
            return False  # backspace deletes in a field: not offered as back there
        return self.unavailable(action) is None

    def action_explain(self, binding_id: str) -> None:
        key = next((k for k in self.TABLE if k.id == binding_id), None)
        if key is not None:
            self._explain(key)

    def _explain(self, key: Key) -> bool:
        reason = self.unavailable(key.action.split("(")[0])
        if reason is None:
            return False
        self.notify(f"{key.description} er ikke muligt: {reason}.", severity="warning")
        return True

    def on_key(self, event: events.Key) -> None:
        """A key whose action is not possible now does nothing by itself (check_action):
        say why."""
        for key in self.TABLE:
            if event.key in keys_of(key.id, self.keymap) and self._explain(key):
                event.stop()
                return

    def describe(self, key: Key) -> Key | None:
        """How the help and the palette show a key now; None leaves it out."""
        return key

    @property
    def KEYS(self) -> tuple[Key, ...]:  # the name the app's help and palette read
        """The screen's keys as the help and the command palette list them now: an action
        that cannot work says why, and choosing it in the palette explains."""
        shown: list[Key] = []
        for key in self.TABLE:
            described = self.describe(key)
            if described is None:
                continue
            reason = self.unavailable(key.action.split("(")[0])
            if reason is not None:
                described = replace(described, reason=reason, action=f"explain('{key.id}')")
            shown.append(described)
        return tuple(shown)

    # -- focus ------------------------------------------------------------------------------

    def scroll_to_center(self, widget: Widget, animate: bool = True, **kwargs: Any) -> None:
        """A focus change scrolls at once: an animated scroll lets quick keys land in the
        wrong place."""
        super().scroll_to_center(widget, animate=False, **kwargs)
