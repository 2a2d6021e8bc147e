"""The help screen, built from the same key tables that bind the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from chefforum_tui.keymap import Key
from chefforum_tui.screens.dialogs import DIALOG_CSS


def key_label(keys: str) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter"}
    return " / ".join(names.get(k, k) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = DIALOG_CSS + "HelpScreen DataTable { height: auto; max-height: 30; }"
    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Luk")]  # noqa: RUF012

    def __init__(self, sections: list[tuple[str, tuple[Key, ...]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Taster  (esc lukker)", classes="title")
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Tast", "Handling", "Hvor")
            for where, keys in self.sections:
                for key, _action, description, _show in keys:
                    table.add_row(key_label(key), description, where)
            table.add_row("ctrl+p", "Kommandopalet: alle handlinger ved navn", "overalt")
            yield table
