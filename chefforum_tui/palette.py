"""The command palette (ctrl+p) in Danish: Textual's palette with our placeholder and our
'no match' line; the commands themselves come from ChefforumApp.get_system_commands."""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Søg efter en handling …"
NO_MATCH = "Ingen handling passer"


class DanishCommandPalette(CommandPalette):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(placeholder=PLACEHOLDER, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's countdown to its English 'No matches found', with our line instead.

        This overrides a private method of Textual's palette; should a later Textual rename
        it, the English line comes back (tests/tui/test_tui_palette.py notices)."""
        self._stop_no_matches_countdown()

        def show_no_match() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCH, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_match)

    def _action_command_list(self, action: str) -> None:
        """Textual pages by the list's laid-out lines; page keys typed right after ctrl+p,
        before the list has a size, found none (KeyError in OptionList._move_page, a
        monkey walk). There is nothing to page through yet. A private method of Textual's
        palette, like the one above."""
        unsized = not self.query_one(CommandList).scrollable_content_region
        if action.startswith("page") and unsized:
            return
        super()._action_command_list(action)
