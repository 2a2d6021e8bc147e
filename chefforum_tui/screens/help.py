"""The help screen, built from the same key tables that bind the keys, with the keys the
user bound in keys.toml and the id to bind them by."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from chefforum_tui.keymap import HELP_KEYS, Key, Keymap, bindings, hint, keys_file
from chefforum_tui.screens.dialogs import DIALOG_CSS, SHORT, fit
from chefforum_tui.screens.help_layout import HelpRow, help_lines, help_rows


def shown_path(path: Path) -> str:
    """A path as a user would write it: the home folder as ~."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


class KeyList(Widget):
    """Every key under where it applies, laid out anew for the width it is given."""

    DEFAULT_CSS = "KeyList { height: auto; }"

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows
        self._laid_out: tuple[int, list[Content]] = (0, [])

    def lines(self, width: int) -> list[Content]:
        if self._laid_out[0] != width:
            self._laid_out = (width, help_lines(self.rows, width))
        return self._laid_out[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = (
        DIALOG_CSS
        + """
    #help { width: 92; height: 90%; }
    #help VerticalScroll { height: 1fr; }
    #help .where-keys { color: $text-muted; margin-top: 1; }
    """
    )
    SCOPED_CSS = False  # DIALOG_CSS speaks of ModalScreen, not of this class
    BINDINGS = bindings(HELP_KEYS)
    AUTO_FOCUS = "#keys"

    def __init__(self, sections: list[tuple[str, tuple[Key, ...]]], keymap: Keymap) -> None:
        super().__init__()
        self.rows = help_rows(sections, keymap)
        self.keymap = keymap

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT, "short")

    def on_mount(self) -> None:
        fit(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            close = hint("help.close", self.keymap)
            yield Static(Content(f"Taster  ({close} lukker, ↑↓ ruller)"), classes="title")
            with VerticalScroll(id="keys"):
                yield KeyList(self.rows)
            example = '"meeting.add_item" = "ctrl+n"'
            yield Static(
                Content(
                    f"Egne taster: skriv dem i {shown_path(keys_file())} under [keys], {example}."
                ),
                classes="where-keys",
            )
