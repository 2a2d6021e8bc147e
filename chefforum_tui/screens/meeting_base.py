"""What the meeting screen and the live view share (MeetingPortScreen): the meeting
loaded off the UI thread (meeting_view), the keys offered only when they can work
(meeting_keys), the forms' port (meeting_forms; chefforum_tui.forms.port.MeetingPort),
and here the fields' text: stored as it is committed, and kept in the draft journal
until then.
"""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.widgets import Input, TextArea

from chefforum_tui.drafts import DraftKeeper, RestoreScreen
from chefforum_tui.forms import items
from chefforum_tui.screens.meeting_forms import MeetingFormsScreen
from chefforum_tui.screens.meeting_view import View
from chefforum_tui.widgets.fields import Commit, CommitField
from domain.errors import ChefforumError
from domain.meeting.texts import field_texts
from domain.text import nfc
from projections.store.drafts import Draft


class MeetingPortScreen(MeetingFormsScreen):
    """A screen on one meeting that the forms can work through."""

    def __init__(self, meeting_id: UUID, item_id: UUID | None = None) -> None:
        super().__init__(meeting_id, item_id)
        self._drafts: DraftKeeper | None = None

    async def show_view(self, view: View) -> None:
        """Show a loaded meeting; the first time, offer what the draft journal holds."""
        await self._show(view)
        if self.meeting_id not in self.chef.drafts_offered:  # once a run, by any screen
            self.chef.drafts_offered.add(self.meeting_id)
            self.offer_drafts()

    # -- the fields' text -----------------------------------------------------------------

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
