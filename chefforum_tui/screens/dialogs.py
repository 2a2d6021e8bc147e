"""Modal dialogs: a yes/no confirmation and a small form built from field specs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from chefforum_tui.guard import Guarded
from chefforum_tui.keymap import (
    CONFIRM_KEYS,
    FORM_KEYS,
    app_keymap,
    bindings,
    hint,
    keys_of,
)
from chefforum_tui.widgets.choices import Check, Choice
from chefforum_tui.widgets.fields import LineInput, ParagraphTextArea
from domain.text import nfc

# The fields scroll and the buttons stay in view, also at 80×24 (.small: no borders).
DIALOG_CSS = """
ModalScreen { align: center middle; }
ModalScreen > Vertical {
    width: 80; max-width: 95%; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2;
}
ModalScreen .title { text-style: bold; margin-bottom: 1; }
ModalScreen #fields { height: auto; max-height: 1fr; }
ModalScreen .buttons { height: auto; margin-top: 1; align-horizontal: right; }
ModalScreen .buttons Button { margin-left: 2; }
ModalScreen TextArea { height: 6; }
ModalScreen Label { margin-top: 1; width: 100%; }
ModalScreen.small > Vertical { max-height: 100%; padding: 0 1; border: round $accent; }
ModalScreen.small .title { margin-bottom: 0; }
ModalScreen.small Label { margin-top: 0; }
ModalScreen.small TextArea { height: 4; }
ModalScreen.small .buttons { margin-top: 0; }
"""

# Below this terminal height a dialog drops its borders and margins.
SMALL_HEIGHT = 36


def fit(screen: ModalScreen[Any], small: bool | None = None) -> None:
    """Compact widgets in a small terminal, or in a dialog too tall for a larger one (the
    vote's seven fields at 120×40), so that fields and buttons fit."""
    if small is None:
        small = screen.app.size.height < SMALL_HEIGHT
        if not small:
            screen.call_after_refresh(_compact_if_cut, screen)
    screen.set_class(small, "small")
    for widget in screen.query("Input, TextArea, Select, Checkbox, Button"):
        widget.compact = small  # type: ignore[attr-defined]


def _compact_if_cut(screen: ModalScreen[Any], tries: int = 5) -> None:
    """Compact the dialog when its buttons fell on or below its border (once it has been
    laid out)."""
    buttons = screen.query(".buttons")
    dialog = buttons.first().parent if buttons else None
    if not isinstance(dialog, Widget):
        return
    box, row = dialog.region, buttons.first().region
    if not (box and row):
        if tries:
            screen.call_after_refresh(_compact_if_cut, screen, tries - 1)
        return
    if row.bottom >= box.bottom:
        fit(screen, small=True)


SHORT = 30  # rows: a terminal below this gets the dialog without blank lines


class ConfirmScreen(Guarded, ModalScreen[bool]):
    """Asks before something that cannot be undone."""

    DEFAULT_CSS = DIALOG_CSS

    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = bindings(CONFIRM_KEYS)

    def __init__(self, question: str, yes: str = "Ja") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    no = "Nej"

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self.app)
        yes, no = hint("confirm.yes", keymap), hint("confirm.no", keymap)
        with Vertical():
            yield Static(self.question, classes="title")
            yield from self.body(yes, no)
            with Horizontal(classes="buttons"):
                yield Button(Content(f"{self.yes} ({yes})"), variant="primary", id="yes")
                yield Button(Content(f"{self.no} ({no})"), id="no")

    def body(self, yes: str, no: str) -> ComposeResult:
        """What stands between the question and the buttons."""
        yield Static(Content(f"Tryk {yes} for ja, {no} for nej."))

    def on_mount(self) -> None:
        fit(self)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class DiscardScreen(ConfirmScreen):
    """Asked before a form with the user's typing is cancelled; no (or escape) goes back
    to the form as it was."""

    no = "Tilbage til formularen"


@dataclass
class Field:
    key: str
    label: str
    kind: Literal["text", "area", "select", "check"] = "text"
    value: Any = ""
    options: list[tuple[str, Any]] = field(default_factory=list)
    placeholder: str = ""
    restrict: str | None = None
    # A widget of its own (a person picker), made with the field's id and value (the
    # value typed, when a refused form comes back).
    widget: Callable[[str, Any], Iterable[Widget]] | None = None
    # The binding id of a key that goes to the field from anywhere in the form.
    goto: str | None = None


class FormScreen(Guarded, ModalScreen[dict[str, Any] | None]):
    """A form from field specs; returns the values (text in NFC) or None when cancelled.
    Cancelling a form that holds the user's typing asks first: escape is also the key
    that leaves a field, and one escape too many must not throw a motion away."""

    DEFAULT_CSS = DIALOG_CSS

    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = bindings(FORM_KEYS)

    def __init__(
        self, title: str, fields: list[Field], submit: str = "Gem", typed: bool = False
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.submit_label = submit
        # Brought back after a refusal: what it holds was typed, even untouched since.
        self.typed = typed
        self._opened_with: dict[str, Any] | None = None
        self._bind_goto_keys()

    def _bind_goto_keys(self) -> None:
        """Bind each field's go-to key (the user's keys.toml applies), before the form
        is mounted: a go-to key may be typed right after the key that opened it."""
        keymap = app_keymap(self.app)
        for spec in self.fields:
            if spec.goto is not None:
                self._bindings.bind(
                    ",".join(keys_of(spec.goto, keymap)),
                    f"goto_field('{spec.key}')",
                    spec.label,
                    show=False,
                )

    def label(self, spec: Field) -> str:
        if spec.goto is None:
            return spec.label
        return f"{spec.label} ({hint(spec.goto, app_keymap(self.app))})"

    def action_goto_field(self, key: str) -> None:
        self.set_focus(self.query_one(f"#field-{key}"))  # at once: the next key goes there

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title")
            with VerticalScroll(id="fields", can_focus=False):
                for spec in self.fields:
                    widget_id = f"field-{spec.key}"
                    if spec.kind == "check":
                        yield Check(self.label(spec), value=bool(spec.value), id=widget_id)
                        continue
                    yield Label(self.label(spec))
                    if spec.widget is not None:
                        yield from spec.widget(widget_id, spec.value)
                    elif spec.kind == "select":
                        yield Choice(
                            spec.options, value=spec.value, allow_blank=False, id=widget_id
                        )
                    elif spec.kind == "area":
                        yield ParagraphTextArea(str(spec.value), id=widget_id)
                    else:
                        # Nothing selected on arriving (ctrl+a selects all): a key typed
                        # must not replace the text, which may be the user's own, typed
                        # before a refusal brought the form back.
                        yield LineInput(
                            str(spec.value),
                            placeholder=spec.placeholder,
                            id=widget_id,
                            restrict=spec.restrict,
                            select_on_focus=False,
                        )
            keymap = app_keymap(self.app)
            submit, cancel = hint("form.submit", keymap), hint("form.cancel", keymap)
            with Horizontal(classes="buttons"):
                yield Button(
                    Content(f"{self.submit_label} ({submit})"), variant="primary", id="submit"
                )
                yield Button(Content(f"Fortryd ({cancel})"), id="cancel")

    def on_mount(self) -> None:
        fit(self)
        self._opened_with = self.values()

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
            self.action_cancel()

    def action_submit(self) -> None:
        self.dismiss(self.values())

    def holds_typing(self) -> bool:
        """Whether cancelling would throw away something the user typed."""
        now = self.values()
        if self._opened_with is not None and now != self._opened_with:
            return True
        return self.typed and any(isinstance(v, str) and v for v in now.values())

    def action_cancel(self) -> None:
        if not self.holds_typing():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = "Formularen har tekst, du har skrevet. Kassér den?"
        self.app.push_screen(DiscardScreen(question, yes="Kassér"), answered)
