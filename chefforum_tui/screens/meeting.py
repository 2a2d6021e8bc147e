"""One meeting: header, participants, agenda, the selected item's editor and a live preview."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from chefforum_tui.forms import (
    attach_file,
    attachments,
    corrections,
    decisions,
    export,
    items,
    lifecycle,
    mailing,
    participants,
    records,
)
from chefforum_tui.keymap import MEETING_KEYS, Key, bindings
from chefforum_tui.screens.audit import AuditScreen
from chefforum_tui.screens.live import LiveScreen
from chefforum_tui.screens.meeting_base import MeetingPortScreen
from chefforum_tui.screens.meeting_view import View
from chefforum_tui.widgets.choices import Listing
from chefforum_tui.widgets.fields import CommitField
from chefforum_tui.widgets.footer import KeyFooter
from chefforum_tui.widgets.item_editor import ItemEditor
from chefforum_tui.widgets.preview import Preview
from domain.clock import now_in
from domain.meeting.state import ATTENDANCE_LABELS, ROLE_LABELS, Participant
from domain.meeting.status import STATUS_LABELS
from projections.documents.render.printed_dates import weekday_date

# Below these sizes the editor drops its borders and the preview is hidden (80×24 works).
WIDE = 160
ROOMY = (120, 36)


def participant_line(p: Participant) -> str:
    """A participant in the list: name, title and party, then role and attendance (two lines
    in a narrow list, so neither the title nor the attendance is cut)."""
    who = p.name + (f", {p.title}" if p.title else "") + (f" ({p.party})" if p.party else "")
    role = f"{ROLE_LABELS[p.role]} · {ATTENDANCE_LABELS[p.attendance]}"
    return f"{who}\n{role}{' for ' + p.substitute_for if p.substitute_for else ''}"


class MeetingScreen(MeetingPortScreen):
    BINDINGS = bindings(MEETING_KEYS)
    TABLE = MEETING_KEYS

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
    MeetingScreen.small #sidebar { width: 28; min-width: 28; }
    MeetingScreen.small #sidebar OptionList { border: none; }
    MeetingScreen.small ItemEditor { height: 1fr; }
    MeetingScreen.small Preview { display: none; }
    MeetingScreen.small.show-preview Preview { display: block; height: 1fr; }
    """

    def __init__(self, meeting_id: UUID, item_number: str | None = None) -> None:
        super().__init__(meeting_id)
        self.open_at = item_number  # the item to show first (from a search hit)
        self.late_checked = False  # whether the agenda is late is said once

    # -- layout and loading ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Henter mødet …", id="meeting-header")
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Label("Dagsorden")
                # Not markup: "[lukket]" and a name in brackets are shown as written.
                yield Listing(id="items", markup=False)
                yield Label("Deltagere")
                yield Listing(id="participants", markup=False)
            with Horizontal(id="main"):
                yield ItemEditor(id="editor")
                yield Preview(id="preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Du er: {self.chef.actor}"
        self.set_focus(self.query_one("#items", OptionList))
        self.reload()

    def on_resize(self) -> None:
        width, height = self.size
        small = width < ROOMY[0] or height < ROOMY[1]
        self.set_class(width < WIDE, "narrow")
        self.set_class(small, "small")
        self.query_one(ItemEditor).set_compact(small)
        self._preview_shown()

    def _preview_shown(self) -> None:
        """Render the preview only while it is shown (loading follows every change)."""
        shown = self.query_one(Preview).display and (
            not self.has_class("small") or self.has_class("show-preview")
        )
        if shown and not self.wants_preview and self.meeting is not None:
            self.wants_preview = True
            self.reload()
        self.wants_preview = shown

    def focus_home(self) -> None:
        self.set_focus(self.query_one("#items", OptionList))

    async def _show(self, view: View) -> None:
        self.meeting = view.meeting
        self.headings = view.headings
        self.roles = view.roles
        self.members = view.members
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
        active = state.active_items()
        if self.open_at is not None:
            self.item_id = next((i for i, n in numbers.items() if n == self.open_at), None)
            self.open_at = None
        if active and (self.item_id is None or self.item_id not in numbers):
            self.item_id = active[0].id
        items = self.query_one("#items", OptionList)
        with self.prevent(OptionList.OptionHighlighted):  # a rebuild is not a user's move
            items.clear_options()
            items.add_options(
                Option(
                    f"{numbers[i.id]}. {i.title}{' [lukket]' if i.closed else ''}"
                    f"{' [tillæg]' if i.supplementary else ''}",
                    id=str(i.id),
                )
                for i in active
            )
            if self.item_id is not None and active:
                items.highlighted = next(n for n, i in enumerate(active) if i.id == self.item_id)
        people = self.query_one("#participants", OptionList)
        highlighted = people.highlighted
        with self.prevent(OptionList.OptionHighlighted):
            people.clear_options()
            people.add_options(
                Option(participant_line(p), id=str(p.id)) for p in state.participants
            )
            if state.participants:
                people.highlighted = min(highlighted or 0, len(state.participants) - 1)
        await self._show_item()
        anchor = f"Punkt {numbers[self.item_id]}:" if self.item_id in numbers else None
        self.query_one(Preview).show(view.preview, anchor)
        self.refresh_bindings()  # what may be done now follows the state
        if not self.late_checked:
            self.late_checked = True
            today = now_in(state.time_zone).date()
            self.store_call(
                lambda minutes: mailing.late_warning(minutes, self, today), self._warn_late
            )

    def _warn_late(self, warning: str | None) -> None:
        if warning is not None:
            self.notify(warning, severity="warning", timeout=15)

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
                locked=self.unavailable("edit_item"),
            )

    @on(OptionList.OptionHighlighted, "#items")
    async def item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None or self.meeting is None:
            return
        item_id = UUID(event.option.id)
        if item_id == self.item_id or item_id not in self.meeting.state.item_numbers():
            return
        self.item_id = item_id
        await self._show_item()  # the editor commits what it held to the item it was for
        number = self.meeting.state.item_numbers().get(self.item_id)
        preview = self.query_one(Preview)
        preview.show(preview.lines_shown, f"Punkt {number}:")

    @on(OptionList.OptionSelected, "#items")
    def item_selected(self) -> None:
        """Enter on an item moves into its editor."""
        title = self.query_one("#title")
        if not title.disabled:
            self.set_focus(title)

    def dirty_fields(self) -> list[CommitField]:
        # None before the screen is composed: a change reported by the follower may come
        # in between pushing the screen and composing it.
        editors = self.query(ItemEditor)
        return editors.first().dirty_fields() if editors else []

    def describe(self, key: Key) -> Key | None:
        """Section go-to keys are named by the forum's headings; keys past them are left out."""
        if key.id.startswith("meeting.goto_section-"):
            index = int(key.id.rsplit("-", 1)[1])
            editor = self.query(ItemEditor)
            headings = editor.first().headings if editor else self.headings
            if index >= len(headings):
                return None
            return Key(key.id, key.keys, key.action, f"Gå til {headings[index]}")
        return key

    # -- the item editor --------------------------------------------------------------------

    def on_item_editor_choice_changed(self, event: ItemEditor.ChoiceChanged) -> None:
        items.change_choice(self, event.item_id, event.name, event.value)

    def action_commit(self) -> None:
        for field in self.dirty_fields():
            field.commit()

    def action_goto(self, target: str) -> None:
        """Go to a field of the item editor, or to the agenda or the participants."""
        if target == "items":
            self.focus_home()
            return
        found = self.query(f"#{target}")
        widget: Widget | None = found.first() if found else None
        if widget is None:
            return
        if widget.disabled:
            why = self.unavailable("edit_item") or "ikke nu"
            self.notify(f"Feltet kan ikke redigeres: {why}.", severity="warning")
            return
        self.set_focus(widget)

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
        participants.add_participant(self)

    def action_edit_participant(self) -> None:
        listed = self.query_one("#participants", OptionList)
        if self.meeting is None or listed.highlighted is None:
            self.notify("Vælg en deltager i listen Deltagere.", severity="warning")
            return
        participants.edit_participant(self, self.meeting.state.participants[listed.highlighted])

    def action_votes(self) -> None:
        decisions.votes(self)

    def action_motion(self) -> None:
        decisions.votes(self, motion_first=True)

    def action_postpone_item(self) -> None:
        records.postpone_item(self)

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

    def action_attach_file(self) -> None:
        attach_file.attach_file(self)

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

    def action_send_mail(self) -> None:
        mailing.send_mail(self)

    def action_live(self) -> None:
        """Take the minutes in the live view, at the selected item."""
        self.action_commit()

        def back(item_id: UUID | None) -> None:
            if item_id is not None:
                self.item_id = item_id
            self.reload()

        self.app.push_screen(LiveScreen(self.meeting_id, self.item_id), back)

    def action_preview(self) -> None:
        """Show or hide the preview (hidden at first in a small terminal)."""
        if self.has_class("small"):
            self.toggle_class("show-preview")
        else:
            preview = self.query_one(Preview)
            preview.display = not preview.display
        self._preview_shown()

    def action_back(self) -> None:
        self.store_fields()
        self.app.pop_screen()

    def action_history(self) -> None:
        self.action_commit()

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
