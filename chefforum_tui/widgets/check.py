"""A check box that reads the same in every theme and terminal: [X] when on, [ ] when off."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class Check(Checkbox):
    DEFAULT_CSS = """
    Check > .toggle--button { text-style: bold; }
    Check.-on > .toggle--button { color: $text-success; }
    """

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("X" if self.value else " ", style), "]")
