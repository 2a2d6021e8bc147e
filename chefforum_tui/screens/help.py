"""The help screen, built from the same key tables that bind the keys, with the keys the
user bound in keys.toml and the id to bind them by."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from chefforum_tui.keymap import HELP_KEYS, Key, Keymap, bindings, hint, keys_file, keys_label
from chefforum_tui.screens.dialogs import DIALOG_CSS


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    #help { width: 124; height: 90%; }
    #help DataTable { height: 1fr; }
    #help .where-keys { color: $text-muted; margin-top: 1; }
    """
    )
    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = bindings(HELP_KEYS)

    def __init__(self, sections: list[tuple[str, tuple[Key, ...]]], keymap: Keymap) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            close = hint("help.close", self.keymap)
            yield Static(Content(f"Taster  ({close} lukker)"), classes="title")
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Tast", "Handling", "Hvor", "Id")
            for where, keys in self.sections:
                for key in keys:
                    table.add_row(keys_label(key.id, self.keymap), key.description, where, key.id)
            yield table
            example = '"meeting.add_item" = "ctrl+n"'
            yield Static(
                Content(f"Egne taster: skriv dem i {keys_file()} under [keys], {example}."),
                classes="where-keys",
            )
