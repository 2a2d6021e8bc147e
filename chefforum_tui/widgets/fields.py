"""Text fields that commit once, when left or on ctrl+s: one event per change, not per key.

A field remembers the value last stored; it is dirty while its text differs. A value
arriving from the store never overwrites text the user has not committed.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input, TextArea

from chefforum_tui.keymap import FIELD_KEYS, bindings
from domain.text import nfc


class Commit(Message):
    """A field asks for its value to be stored."""

    def __init__(self, field: str, value: str, base: str) -> None:
        super().__init__()
        self.field = field
        self.value = value
        self.base = base  # the stored text the user started from


class CommitField:
    """Behaviour shared by the input and the text area."""

    field: str
    committed: str
    sent: str | None = None  # the text asked to be stored and not yet confirmed

    @property
    def current(self) -> str:
        raise NotImplementedError

    def show(self, value: str) -> None:
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        return nfc(self.current) != self.committed

    def set_committed(self, value: str) -> None:
        """The stored value changed; show it unless the user is editing their own text."""
        keep_own_text = self.dirty and nfc(self.current) != value
        self.committed = value
        self.sent = None
        if not keep_own_text:
            self.show(value)

    def commit(self) -> None:
        """Ask for the text to be stored, once (leaving a field both blurs and commits)."""
        text = nfc(self.current)
        if self.dirty and text != self.sent:
            self.sent = text
            self.post_message(Commit(self.field, text, self.committed))  # type: ignore[attr-defined]

    def action_commit(self) -> None:
        self.commit()

    def action_leave(self) -> None:
        self.commit()
        self.screen.focus_home()  # type: ignore[attr-defined]

    def on_blur(self, event: events.Blur) -> None:
        # Textual calls the base widgets' own blur handlers itself (it walks the MRO).
        self.commit()


class CommitInput(CommitField, Input):
    BINDINGS = bindings(FIELD_KEYS)

    def __init__(self, field: str, value: str = "", **kwargs: object) -> None:
        super().__init__(value=value, **kwargs)  # type: ignore[arg-type]
        self.field = field
        self.committed = value

    @property
    def current(self) -> str:
        return self.value

    def show(self, value: str) -> None:
        self.value = value


class CommitTextArea(CommitField, TextArea):
    BINDINGS = bindings(FIELD_KEYS)

    def __init__(self, field: str, value: str = "", **kwargs: object) -> None:
        super().__init__(value, soft_wrap=True, tab_behavior="focus", **kwargs)  # type: ignore[arg-type]
        self.field = field
        self.committed = value

    @property
    def current(self) -> str:
        return self.text

    def show(self, value: str) -> None:
        if self.text != value:
            self.load_text(value)
