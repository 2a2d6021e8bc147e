"""What a meeting screen types goes to the draft journal (projections.store.drafts) until
it is stored, and what a crash left there is offered back when the meeting opens.

A field's text is written a moment after the last key (DEBOUNCE), and at the latest
MAX_DELAY after the first unwritten one, so that a steady typist is journalled too: the
journal is never more than a second behind the keys. A draft is removed when the store
confirms its text, or when the user deletes back to the stored text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from time import monotonic
from typing import Any
from uuid import UUID

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Static

from chefforum_tui.guard import Guarded
from chefforum_tui.keymap import FORM_KEYS, app_keymap, bindings, hint
from chefforum_tui.screens.dialogs import DIALOG_CSS, fit
from domain.clock import zone
from domain.meeting.texts import field_label
from domain.text import same_text
from projections.store.drafts import Draft, DraftJournal

DEBOUNCE = 0.3  # seconds after the last key
MAX_DELAY = 0.8  # seconds after the first key not yet written

Key = tuple[UUID, str]  # item, field


class DraftKeeper:
    """The drafts of one meeting screen: written on a timer, removed when stored."""

    def __init__(
        self,
        journal: DraftJournal,
        meeting_id: UUID,
        set_timer: Callable[[float, Callable[[], Any]], Timer],
        warn: Callable[[str], Any],
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.journal = journal
        self._clock = clock
        self.meeting_id = meeting_id
        self._set_timer = set_timer
        self._warn = warn
        self._pending: dict[Key, tuple[str, str] | None] = {}  # None: remove the draft
        self._written: set[Key] = set()  # drafts this screen has on disk
        self._timer: Timer | None = None
        self._first = 0.0
        self._failed = False

    def changed(self, item_id: UUID, field: str, text: str, base: str, dirty: bool) -> None:
        """A field's text changed (typed, or shown from the store)."""
        key = (item_id, field)
        if dirty and not same_text(text, base):
            self._pending[key] = (text, base)
        elif key in self._written or key in self._pending:
            self._pending[key] = None  # deleted back to the stored text
        else:
            return  # another item's stored text shown: nothing of the user's
        self._schedule()

    def _schedule(self) -> None:
        now = self._clock()
        if self._timer is None:
            self._first = now
        else:
            self._timer.stop()
            self._timer = None
        left = self._first + MAX_DELAY - now
        if left <= 0:
            # Keys came faster than the timer could fire (a busy loop): write now. Never
            # a zero timer: Textual's Timer divides by its interval when it runs late,
            # and the ZeroDivisionError killed the timer, so the journal stopped.
            self.flush()
            return
        self._timer = self._set_timer(min(DEBOUNCE, left), self.flush)

    def flush(self) -> None:
        """Write what is pending now (and sync it)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        pending, self._pending = self._pending, {}
        try:
            for (item_id, field), value in pending.items():
                if value is None:
                    self.journal.remove(self.meeting_id, item_id, field)
                    self._written.discard((item_id, field))
                else:
                    self.journal.write(self.meeting_id, item_id, field, *value)
                    self._written.add((item_id, field))
        except OSError as e:
            if not self._failed:  # said once: the fields still hold the text
                self._failed = True
                self._warn(f"Kladden kunne ikke gemmes i {self.journal.folder}: {e.strerror}")

    def stored(self, item_id: UUID, field: str, text: str) -> None:
        """The store confirmed a field's text: its draft goes, unless typed on since."""
        key = (item_id, field)
        newest = self._pending.get(key)  # the text still to be written, if any
        if newest is not None and newest[0] != text:
            return  # typed on since: the newer text is still to be written
        self._pending.pop(key, None)
        # With this text pending, the journal holds an older one: it goes. Otherwise it
        # holds this text (it goes) or a newer one, written since (it stays).
        try:
            self.journal.remove(
                self.meeting_id, item_id, field, None if newest is not None else text
            )
        except OSError:
            return
        if self.journal.read(self.meeting_id, item_id, field) is None:
            self._written.discard(key)

    def left_over(self, texts: Callable[[UUID, str], str | None]) -> list[Draft]:
        """Drafts from an earlier run not stored since (`texts` gives an item's stored
        text, None for an item gone). Drafts already stored are removed."""
        offered = []
        for draft in self.journal.drafts(self.meeting_id):
            key = (draft.item_id, draft.field)
            if key in self._written or key in self._pending:
                continue  # this run's own
            stored = texts(draft.item_id, draft.field)
            if stored is not None and same_text(draft.text, stored):
                self.journal.remove(self.meeting_id, draft.item_id, draft.field, draft.text)
                continue
            offered.append(draft)
        return offered


class RestoreScreen(Guarded, ModalScreen[bool]):
    """One unsaved text found in the journal: store it now, or keep it for later. Asked
    with the form's keys (ctrl+s, escape) and the focus on "Ikke nu": keys typed on
    after opening the meeting must not store it by accident."""

    DEFAULT_CSS = DIALOG_CSS
    SCOPED_CSS = False
    BINDINGS = bindings(FORM_KEYS)
    AUTO_FOCUS = "#no"

    def __init__(self, draft: Draft, where: str, time_zone: str | None = None) -> None:
        super().__init__()
        self.draft = draft
        self.where = where
        self.time_zone = time_zone

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self.app)
        yes, no = hint("form.submit", keymap), hint("form.cancel", keymap)
        written = datetime.fromisoformat(self.draft.written)
        if written.tzinfo is not None:  # (a draft of an earlier version has no offset)
            written = written.astimezone(zone(self.time_zone))
        when = f"{written:%d-%m-%Y kl. %H:%M:%S}"
        with Vertical():
            yield Static(
                f"Tekst der ikke blev gemt: {field_label(self.draft.field)}, {self.where}",
                classes="title",
                markup=False,
            )
            with VerticalScroll(id="fields", can_focus=False):
                yield Static(self.draft.text, markup=False, id="draft-text")
            yield Static(
                f"Skrevet {when}. Gem den nu ({yes}), eller lad den blive i kladden ({no}); "
                "den tilbydes igen, næste gang mødet åbnes.",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button(Content(f"Gem teksten ({yes})"), variant="primary", id="yes")
                yield Button(Content(f"Ikke nu ({no})"), id="no")

    def on_mount(self) -> None:
        fit(self)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_submit(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
