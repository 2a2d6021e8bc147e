# Over 400 lines: the meeting screen's layout and one small action per key, read together.
"""One meeting: header, participants, agenda, the selected item's editor and a live preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Footer, Header, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from chefforum_tui.forms import attachments, corrections, decisions, export, items, lifecycle
from chefforum_tui.forms import participants as people
from chefforum_tui.forms import records as outcomes
from chefforum_tui.keymap import MEETING_KEYS, Keymap, app_keymap, bindings
from chefforum_tui.screens.audit import AuditScreen
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.dialogs import ConfirmScreen, Field, FormScreen
from chefforum_tui.widgets.fields import Commit, CommitField
from chefforum_tui.widgets.item_editor import ItemEditor
from chefforum_tui.widgets.preview import Preview
from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from domain.meeting.state import ATTENDANCE_LABELS, ROLE_LABELS, STATUS_LABELS, Item
from domain.meeting.texts import field_label, field_texts
from projections.documents.render.layout import weekday_date
from projections.templates import sections_for

T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """What the screen shows, loaded off the UI thread."""

    meeting: Meeting
    headings: tuple[str, ...]
    preview: list[str]


class MeetingScreen(AppScreen[None]):
    BINDINGS = bindings(MEETING_KEYS)
    KEYS = MEETING_KEYS

    DEFAULT_CSS = """
    MeetingScreen #meeting-header { background: $boost; padding: 0 1; height: auto; }
    MeetingScreen #body { height: 1fr; }
    MeetingScreen #sidebar { width: 30%; min-width: 24; max-width: 36; }
    MeetingScreen #sidebar Label { text-style: bold; padding: 0 1; color: $accent; }
    MeetingScreen #items { height: 2fr; }
    MeetingScreen #participants { height: 1fr; }
    MeetingScreen #main { width: 1fr; }
    MeetingScreen ItemEditor { width: 1fr; height: 1fr; }
    MeetingScreen Preview { width: 1fr; height: 1fr; }
    MeetingScreen.narrow #main { layout: vertical; }
    MeetingScreen.narrow ItemEditor { height: 3fr; }
    MeetingScreen.narrow Preview { height: 2fr; }
    """

    def __init__(self, meeting_id: UUID, item_number: str | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.open_at = item_number  # the item to show first (from a search hit)
        self.meeting: Meeting | None = None
        self.headings: tuple[str, ...] = ()
        self.item_id: UUID | None = None

    # -- layout and loading ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Henter mødet …", id="meeting-header")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Label("Dagsorden")
                # Not markup: "[lukket]" and a name in brackets are shown as written.
                yield OptionList(id="items", markup=False)
                yield Label("Deltagere")
                yield OptionList(id="participants", markup=False)
            with Horizontal(id="main"):
                yield ItemEditor(id="editor")
                yield Preview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Du er: {self.chef.actor}"
        self.query_one("#items", OptionList).focus()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 160, "narrow")

    def focus_home(self) -> None:
        self.query_one("#items", OptionList).focus()

    def store_changed(self) -> None:
        """Someone (perhaps in another process) saved: show it, and say so when it
        touches a text being edited here, which keeps the user's own text."""
        if not self.is_mounted:
            return  # reported between pushing and mounting the screen: on_mount loads it
        editing = {f.field: f.committed for f in self.dirty_fields()}

        shown = self.meeting.version if self.meeting else None

        def changed(minutes: Minutes) -> View | None:
            # Most changes seen are other meetings' or this screen's own: one cheap query
            # decides, before loading and rendering the whole meeting again.
            last = minutes.recorder.select_events(self.meeting_id, desc=True, limit=1)
            if last and last[0].originator_version == shown:
                return None
            return self._load(minutes)

        def show_and_tell(view: View | None) -> Any:
            if view is None or view.meeting.version == (
                self.meeting.version if self.meeting else None
            ):
                return None
            item = view.meeting.item(self.item_id) if self.item_id else None
            if item is not None and editing:
                stored = field_texts(item)
                for field, base in editing.items():
                    if stored.get(field, "") != base:
                        what = field_label(field)
                        self.notify(
                            f"{what} blev ændret af en anden, mens du skrev. Din tekst står "
                            f"stadig i feltet; den gemte er nu: «{stored.get(field, '')[:120]}».",
                            title="Ændret samtidig",
                            severity="warning",
                            timeout=12,
                        )
            return self._show(view)

        self.chef.store_call(changed, show_and_tell)

    def _load(self, minutes: Minutes) -> View:
        meeting = minutes.get(self.meeting_id)
        headings = self.headings or sections_for(minutes, meeting.state)
        return View(meeting, headings, self.chef.render_preview(meeting.state))

    def reload(self) -> None:
        self.chef.store_call(self._load, self._show)

    async def _show(self, view: View) -> None:
        self.meeting = view.meeting
        self.headings = view.headings
        state = view.meeting.state
        self.title = f"{state.forum} {state.date:%d-%m-%Y}"
        when = weekday_date(state.date)
        if state.start:
            when += f" kl. {state.start:%H:%M}"
            if state.end:
                when += f"–{state.end:%H:%M}"
        self.query_one("#meeting-header", Static).update(
            f"[b]{state.forum}[/b] · {when} · {state.place or 'intet mødested'} · "
            f"[b]{STATUS_LABELS[state.status]}[/b]"
        )
        numbers = state.item_numbers()
        items = self.query_one("#items", OptionList)
        items.clear_options()
        items.add_options(
            Option(
                f"{numbers[i.id]}. {i.title}{' [lukket]' if i.closed else ''}"
                f"{' [tillæg]' if i.supplementary else ''}",
                id=str(i.id),
            )
            for i in state.active_items()
        )
        active = state.active_items()
        if self.open_at is not None:
            self.item_id = next((i for i, n in numbers.items() if n == self.open_at), None)
            self.open_at = None
        if active and (self.item_id is None or self.item_id not in numbers):
            self.item_id = active[0].id
        if self.item_id is not None and active:
            index = next(n for n, i in enumerate(active) if i.id == self.item_id)
            with self.prevent(OptionList.OptionHighlighted):
                items.highlighted = index
        people = self.query_one("#participants", OptionList)
        highlighted = people.highlighted
        people.clear_options()
        people.add_options(
            Option(
                f"{p.name} · {ROLE_LABELS[p.role]} · {ATTENDANCE_LABELS[p.attendance]}"
                f"{' for ' + p.substitute_for if p.substitute_for else ''}",
                id=str(p.id),
            )
            for p in state.participants
        )
        if state.participants:
            people.highlighted = min(highlighted or 0, len(state.participants) - 1)
        await self._show_item()
        anchor = f"Punkt {numbers[self.item_id]}:" if self.item_id in numbers else None
        self.query_one(Preview).show(view.preview, anchor)

    async def _show_item(self) -> None:
        editor = self.query_one(ItemEditor)
        if self.meeting is None or self.item_id is None:
            editor.display = False
            return
        editor.display = True
        state = self.meeting.state
        with self.app.batch_update():  # one layout and repaint for all the fields
            await editor.show_item(
                self.meeting.item(self.item_id),
                state.item_numbers()[self.item_id],
                self.headings,
                locked=state.status == "approved",
            )

    @on(OptionList.OptionHighlighted, "#items")
    async def item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None or self.meeting is None:
            return
        for field in self.dirty_fields():
            field.commit()
        self.item_id = UUID(event.option.id)
        await self._show_item()
        number = self.meeting.state.item_numbers().get(self.item_id)
        preview = self.query_one(Preview)
        preview.show(preview.lines_shown, f"Punkt {number}:")

    @on(OptionList.OptionSelected, "#items")
    def item_selected(self) -> None:
        """Enter on an item moves into its editor."""
        title = self.query_one("#title")
        if not title.disabled:
            title.focus()

    def dirty_fields(self) -> list[CommitField]:
        # None before the screen is composed: a change reported by the follower may come
        # in between pushing the screen and composing it.
        editors = self.query(ItemEditor)
        return editors.first().dirty_fields() if editors else []

    # -- what the forms use (chefforum_tui.forms.port.MeetingPort) ------------------------

    @property
    def actor(self) -> str:
        return self.chef.actor

    @property
    def keymap(self) -> Keymap:
        return app_keymap(self.app)

    def save(self, work: Callable[[Minutes], T], done: Callable[[T], Any] | None = None) -> None:
        """Run one use case off the UI thread, show the meeting as saved, then call done."""

        def run(minutes: Minutes) -> tuple[T, View]:
            result = work(minutes)
            return result, self._load(minutes)

        async def show(outcome: tuple[T, View]) -> None:
            result, view = outcome
            await self._show(view)
            if done is not None:
                done(result)

        # A refusal reloads too: an edit conflict must show the other's text as the new base.
        self.chef.store_call(run, show, failed=lambda _: self.reload())

    def store_call(self, work: Callable[[Minutes], T], done: Callable[[T], Any]) -> None:
        self.chef.store_call(work, done)

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
    ) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                then(values)

        self.app.push_screen(FormScreen(title, fields, submit), done)

    def confirm(self, question: str, then: Callable[[], None]) -> None:
        self.app.push_screen(ConfirmScreen(question), lambda yes: then() if yes else None)

    # -- the item editor --------------------------------------------------------------------

    def on_commit(self, event: Commit) -> None:
        items.store_text(self, event.field, event.value, event.base)

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        items.change_kind(self, event.value)

    @on(Checkbox.Changed, "#closed, #supplementary")
    def flag_changed(self, event: Checkbox.Changed) -> None:
        items.change_flag(self, event.checkbox.id or "", event.value)

    def action_commit(self) -> None:
        for field in self.dirty_fields():
            field.commit()

    # -- the keys (keymap.MEETING_KEYS): each opens a form ----------------------------------

    def action_add_item(self) -> None:
        items.add_item(self)

    def action_withdraw_item(self) -> None:
        items.withdraw_item(self)

    def action_move_item(self, step: int) -> None:
        items.move_item(self, step)

    def action_details(self) -> None:
        lifecycle.details(self)

    def action_add_participant(self) -> None:
        people.add_participant(self)

    def action_edit_participant(self) -> None:
        listed = self.query_one("#participants", OptionList)
        if self.meeting is None or listed.highlighted is None:
            self.notify("Vælg en deltager i listen Deltagere.", severity="warning")
            return
        people.edit_participant(self, self.meeting.state.participants[listed.highlighted])

    def action_votes(self) -> None:
        decisions.votes(self)

    def action_motion(self) -> None:
        outcomes.motion(self)

    def action_postpone_item(self) -> None:
        outcomes.postpone_item(self)

    def action_remark(self) -> None:
        decisions.remark(self)

    def action_absence(self) -> None:
        decisions.absence(self)

    def action_earlier_decision(self) -> None:
        attachments.earlier_decision(self)

    def action_add_attachment(self) -> None:
        attachments.add_attachment(self)

    def action_remove_attachment(self) -> None:
        attachments.remove_attachment(self)

    def action_publish(self) -> None:
        lifecycle.publish(self)

    def action_start(self) -> None:
        lifecycle.start(self)

    def action_end(self) -> None:
        lifecycle.end(self)

    def action_approve(self) -> None:
        lifecycle.approve(self)

    def action_correction(self) -> None:
        corrections.correction(self)

    def action_roles(self) -> None:
        lifecycle.roles(self)

    def action_export(self) -> None:
        export.export_dialog(self.chef, self.meeting_id)

    def action_back(self) -> None:
        for field in self.dirty_fields():
            field.commit()
        self.app.pop_screen()

    def action_history(self) -> None:
        for field in self.dirty_fields():
            field.commit()

        def jump(item_id: UUID | None) -> None:
            if item_id is None or self.meeting is None:
                return
            item = self.meeting.item(item_id)
            if item.withdrawn:
                self.notify(f"Punktet '{item.title}' er trukket.", severity="warning")
                return
            self.item_id = item_id
            self.reload()
            self.call_after_refresh(self.item_selected)

        self.app.push_screen(AuditScreen(self.meeting_id, self.title or ""), jump)
