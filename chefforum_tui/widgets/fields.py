"""Text fields that commit once, when left or on ctrl+s: one event per change, not per key.

A field remembers the value last stored; it is dirty while its text differs. A value
arriving from the store never overwrites text the user has not committed. A commit names
the item the field showed when the text was typed, so that it is stored on that item even
when the editor has moved on by the time it is handled.

Another writer's text never merges with the user's. The stored text a commit is checked
against (its base) moves only to the user's own saved text while the user has typed
more; another's change leaves it, so the save is refused with the other's text. And a
clean field that has just shown another's text (within REACTION, quicker than a person
sees it) takes the next typing as typed over the text the user saw.

The plain fields (LineInput, ParagraphTextArea) are what the dialogs use too: ctrl+a
selects everything, pasted text and line feeds (ctrl+j) keep their line breaks.
"""

from __future__ import annotations

from uuid import UUID

from textual import events
from textual._time import get_time  # the clock of a key event's time
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, TextArea

from chefforum_tui.guard import Guarded
from chefforum_tui.keymap import FIELD_KEYS, TEXT_KEYS, bindings
from domain.meeting.texts import stored_form
from domain.text import nfc, same_text

REACTION = 0.7  # seconds: keys this soon after another's text appeared were typed before
# the user could see it (key events carry the time they were read from the terminal)
EDITING_KEYS = frozenset({"backspace", "delete", "enter", "ctrl+j"})


def plain_newlines(text: str) -> str:
    """Line breaks as "\\n", however the terminal or the clipboard sent them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TypeAhead(Guarded):
    """Keys typed ahead land where the user meant them.

    Textual hands a key to the widget focused when the key arrives, and runs a binding
    such as tab or escape only when the key has bubbled up to the app. Keys typed
    quickly after one that moves the focus are therefore queued at the field that had
    it, and were typed there ("escape v" typed a "v" into the field). Here a field runs
    the bindings of its keys itself, in turn (so the focus moves before the next key is
    handled), and hands on a key that reaches it after the focus has moved on.
    """

    # Keys the widget handles itself: printable ones in a text field (and a text area's
    # enter); none in a list, a choice or a check box.
    TYPES_TEXT = True
    TYPED: frozenset[str] = frozenset()

    def before_key(self, event: events.Key) -> None:
        """A key this widget handles, before it does (a hook for CommitField)."""

    async def _on_key(self, event: events.Key) -> None:
        assert isinstance(self, Widget)  # a mixin of widgets only (LineInput, ...)
        app = self.app
        gate = getattr(app, "key_gate", None)
        if gate is not None and gate.hold_unready(event.key, event.character, event.time):
            event.stop()  # an earlier key opened a screen not mounted yet: keys wait for it
            event.prevent_default()
            return
        focused = app.focused
        if focused is not None and self in focused.ancestors:
            return  # bubbling up from a part of this widget (a select's open list)
        if focused is not None and focused is not self:  # (has_focus follows a Blur, later)
            event.stop()
            event.prevent_default()  # not typed here: in the widget focused now
            forwarded = events.Key(event.key, event.character)
            forwarded.time = event.time  # when it was typed (CommitField.before_key)
            focused._forward_event(forwarded)
            return
        self.before_key(event)
        plain = event.is_printable and "+" not in event.key  # alt+b has a character too
        if (self.TYPES_TEXT and plain) or event.key in self.TYPED:
            return  # the widget types it
        # The binding the key would reach when bubbled up to the app, run now (the same
        # search as Textual's, from the focused widget up; its method is private).
        if await app._check_bindings(event.key):
            event.stop()
            event.prevent_default()


class LineInput(TypeAhead, Input):
    """A one-line input; a pasted text of several lines is joined, not cut at the first."""

    BINDINGS = bindings(TEXT_KEYS)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line.strip() for line in plain_newlines(event.text).split("\n")]
        text = " ".join(line for line in lines if line)
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.stop()
        event.prevent_default()  # not Input's own paste, which keeps the first line only

    def action_text_end(self) -> None:
        self.action_end()

    def action_select_text(self) -> None:
        self.action_select_all()


class ParagraphTextArea(TypeAhead, TextArea):
    """A text area whose paragraphs survive pasting and line feeds (ctrl+j)."""

    BINDINGS = bindings(TEXT_KEYS)
    TYPED = frozenset({"enter", "ctrl+j"})

    def __init__(self, text: str = "", **kwargs: object) -> None:
        super().__init__(plain_newlines(text), soft_wrap=True, tab_behavior="focus", **kwargs)  # type: ignore[arg-type]

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)  # a key typed ahead goes to the field focused now
        if event._no_default_action or self.app.focused is not self:
            return
        if event.key == "ctrl+j" and not self.read_only:  # a line feed, as sent by some terminals
            event.stop()
            event.prevent_default()
            self._replace_via_keyboard("\n", *self.selection)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # TextArea's own paste would keep "\r" as it came
        if self.read_only:
            return
        if result := self._replace_via_keyboard(plain_newlines(event.text), *self.selection):
            self.move_cursor(result.end_location)

    def action_text_end(self) -> None:
        self.move_cursor(self.document.end)

    def action_select_text(self) -> None:
        self.select_all()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Textual's f6 (select line) and f7 (select all) are left to the screen: ctrl+a
        # selects all here, and the live view writes its ready phrases with f5-f8.
        if action in ("select_line", "select_all"):
            return False
        return super().check_action(action, parameters)


class Commit(Message):
    """A field asks for its value to be stored."""

    def __init__(self, field: str, value: str, base: str, item_id: UUID | None) -> None:
        super().__init__()
        self.field = field
        self.value = value
        self.base = base  # the stored text the user started from
        self.item_id = item_id  # the item the text was typed for


class CommitField:
    """Behaviour shared by the input and the text area."""

    field: str
    committed: str
    item_id: UUID | None = None  # the item whose text the field holds
    sent: str | None = None  # the text asked to be stored and not yet confirmed
    # Another writer's text shown in this clean field: when, and the text it replaced.
    replaced: tuple[float, str] | None = None

    @property
    def current(self) -> str:
        raise NotImplementedError

    def show(self, value: str) -> None:
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        return nfc(self.current) != self.committed

    def load(self, item_id: UUID | None, value: str) -> None:
        """Show another item's stored text (the editor has committed this one first)."""
        self.item_id, self.committed, self.sent, self.replaced = item_id, value, None, None
        self.show(value)

    def refill(self, item_id: UUID, value: str) -> None:
        """Show an item's stored text: another item's after committing this one's, or the
        same item's newer text (kept out while the user edits their own)."""
        if self.item_id != item_id:
            self.commit()  # to the item it was typed for (Commit.item_id)
            self.load(item_id, value)
        else:
            self.set_committed(value)

    def set_committed(self, value: str) -> None:
        """The stored value changed; show it unless the user is editing their own text."""
        if value == self.committed:
            # Nothing new: a reload read before the user's save landed. The save is still
            # awaited (`sent`), so that its confirmation is known as ours when it comes.
            return
        keep_own_text = self.dirty and nfc(self.current) != value
        sent = self.sent
        ours = sent is not None and (
            same_text(value, sent) or value == stored_form(self.field, sent)
        )
        if keep_own_text and not ours:
            return  # another's change under the user's text: the base stays (see above)
        if not keep_own_text and not ours:
            self.replaced = (get_time(), self.committed)
        self.committed = value
        self.sent = None
        # The store's own form of what was typed and not typed on since ("01" is 1).
        as_stored = ours and nfc(self.current) == sent and not same_text(value, sent)
        if not keep_own_text or as_stored:
            self.show(value)

    def told(self, theirs: str) -> None:
        """A save was refused with another's text, now shown to the user: it is the base
        of the next save, which replaces it deliberately ("Gem igen for at erstatte den")."""
        self.committed, self.sent = theirs, None

    def before_key(self, event: events.Key) -> None:
        """A key that edits the text, typed before another's text just shown could be
        seen: the text the user saw comes back (with its base), and the key edits that."""
        if self.replaced is None:
            return
        at, before = self.replaced
        edits = (event.is_printable and "+" not in event.key) or event.key in EDITING_KEYS
        if not edits or self.dirty or event.time - at > REACTION:
            if edits:
                self.replaced = None
            return
        self.replaced = None
        self.committed = before
        self.show(before)
        self.action_text_end()  # type: ignore[attr-defined]

    def take(self) -> Commit | None:
        """The text to store, once (leaving a field both blurs and commits), or None."""
        text = nfc(self.current)
        if self.dirty and text != self.sent:
            self.sent = text
            return Commit(self.field, text, self.committed, self.item_id)
        return None

    def commit(self) -> None:
        """Ask for the text to be stored (the screen handles the Commit message)."""
        message = self.take()
        if message is not None:
            self.post_message(message)  # type: ignore[attr-defined]

    def action_commit(self) -> None:
        self.commit()

    def action_leave(self) -> None:
        self.commit()
        self.screen.focus_home()  # type: ignore[attr-defined]

    def on_blur(self, event: events.Blur) -> None:
        # Textual calls the base widgets' own blur handlers itself (it walks the MRO).
        self.commit()


class CommitInput(CommitField, LineInput):
    BINDINGS = bindings(FIELD_KEYS)

    def __init__(self, field: str, value: str = "", **kwargs: object) -> None:
        # The cursor goes to the end, nothing selected: a key typed on arriving must not
        # replace the whole text (ctrl+a selects all when that is wanted).
        super().__init__(value=value, select_on_focus=False, **kwargs)  # type: ignore[arg-type]
        self.field = field
        self.committed = value

    @property
    def current(self) -> str:
        return self.value

    def show(self, value: str) -> None:
        self.value = value


class CommitTextArea(CommitField, ParagraphTextArea):
    BINDINGS = bindings(FIELD_KEYS)

    def __init__(self, field: str, value: str = "", **kwargs: object) -> None:
        super().__init__(value, **kwargs)
        self.field = field
        self.committed = value

    @property
    def current(self) -> str:
        return self.text

    def show(self, value: str) -> None:
        if self.text != value:
            self.load_text(value)
