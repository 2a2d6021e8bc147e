"""Modal dialogs: a yes/no confirmation and a small form built from field specs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from chefforum_tui.keymap import CONFIRM_KEYS, FORM_KEYS, app_keymap, bindings, hint
from domain.text import nfc

# A form taller than the terminal scrolls its fields between its title and its buttons,
# which stay in view. In a short terminal (class "short") a dialog drops its blank lines.
DIALOG_CSS = """
ModalScreen { align: center middle; }
ModalScreen > Vertical {
    width: 80; max-width: 95%; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2;
}
ModalScreen .title { text-style: bold; margin-bottom: 1; dock: top; }
ModalScreen .fields { height: auto; max-height: 100%; }
ModalScreen .buttons { height: auto; margin-top: 1; align-horizontal: right; dock: bottom; }
ModalScreen .buttons Button { margin-left: 2; }
ModalScreen TextArea { height: 6; }
ModalScreen Label { margin-top: 1; }
ModalScreen.short > Vertical { padding: 0 2; max-height: 100%; }
ModalScreen.short .title { margin-bottom: 0; }
ModalScreen.short Label { margin-top: 0; }
ModalScreen.short .buttons { margin-top: 0; }
"""


SHORT = 30  # rows: a terminal below this gets the dialog without blank lines


class ConfirmScreen(ModalScreen[bool]):
    """Asks before something that cannot be undone."""

    DEFAULT_CSS = DIALOG_CSS

    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = bindings(CONFIRM_KEYS)

    def __init__(self, question: str, yes: str = "Ja") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self.app)
        yes, no = hint("confirm.yes", keymap), hint("confirm.no", keymap)
        with Vertical():
            yield Static(self.question, classes="title")
            yield Static(Content(f"Tryk {yes} for ja, {no} for nej."))
            with Horizontal(classes="buttons"):
                yield Button(Content(f"{self.yes} ({yes})"), variant="primary", id="yes")
                yield Button(Content(f"Nej ({no})"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


@dataclass
class Field:
    key: str
    label: str
    kind: Literal["text", "area", "select", "check"] = "text"
    value: Any = ""
    options: list[tuple[str, Any]] = field(default_factory=list)
    placeholder: str = ""
    restrict: str | None = None


class FormScreen(ModalScreen[dict[str, Any] | None]):
    """A form from field specs; returns the values (text in NFC) or None when cancelled."""

    DEFAULT_CSS = DIALOG_CSS

    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = bindings(FORM_KEYS)

    def __init__(self, title: str, fields: list[Field], submit: str = "Gem") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit_label = submit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title")
            with VerticalScroll(classes="fields", can_focus=False):
                yield from self._fields()
            keymap = app_keymap(self.app)
            submit, cancel = hint("form.submit", keymap), hint("form.cancel", keymap)
            with Horizontal(classes="buttons"):
                yield Button(
                    Content(f"{self.submit_label} ({submit})"), variant="primary", id="submit"
                )
                yield Button(Content(f"Fortryd ({cancel})"), id="cancel")

    def _fields(self) -> ComposeResult:
        for spec in self.fields:
            widget_id = f"field-{spec.key}"
            if spec.kind == "check":
                yield Checkbox(spec.label, value=bool(spec.value), id=widget_id)
                continue
            yield Label(spec.label)
            if spec.kind == "select":
                yield Select(spec.options, value=spec.value, allow_blank=False, id=widget_id)
            elif spec.kind == "area":
                yield TextArea(str(spec.value), id=widget_id, soft_wrap=True, tab_behavior="focus")
            else:
                yield Input(
                    str(spec.value),
                    placeholder=spec.placeholder,
                    id=widget_id,
                    restrict=spec.restrict,
                )

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT, "short")

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.key}")
            if isinstance(widget, Input):
                result[spec.key] = nfc(widget.value).strip()
            elif isinstance(widget, TextArea):
                result[spec.key] = nfc(widget.text).strip()
            else:
                result[spec.key] = widget.value  # type: ignore[attr-defined]
        return result

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)
