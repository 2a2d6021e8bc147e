"""Choices that read the same in every theme and terminal and, like the text fields, take
keys typed ahead (fields.TypeAhead): a check box ([X] on, [ ] off), a select, a list."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, OptionList, Select

from chefforum_tui.widgets.fields import TypeAhead


class Choice(TypeAhead, Select[object]):
    TYPES_TEXT = False


class Listing(TypeAhead, OptionList):
    TYPES_TEXT = False


class Check(TypeAhead, Checkbox):
    TYPES_TEXT = False

    DEFAULT_CSS = """
    Check > .toggle--button { text-style: bold; }
    Check.-on > .toggle--button { color: $text-success; }
    """

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("X" if self.value else " ", style), "]")
