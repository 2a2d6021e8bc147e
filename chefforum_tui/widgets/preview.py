"""The live preview: the referat as the text export prints it, drawn line by line.

Textual's Log renders only the visible lines, so a long referat scrolls as fast as a
short one; lines are wrapped here to the widget's width (again when it is resized).
"""

from __future__ import annotations

import re
import textwrap

from rich.cells import cell_len
from textual.widgets import Log

_RULE = re.compile(r"^[=-]+$")
_FIELD = re.compile(r"^[^\s:][^:]{0,30}:\s+(?=\S)")  # "Mødedato:        Onsdag ..."
_LIST = re.compile(r"^\s*(?:- |\d+\. )")


def wrap(lines: list[str], width: int) -> list[str]:
    """The text export's lines (80 columns) to the widget's width: a heading's underline
    is cut, a line that goes on wraps under where its text began (a header field's value,
    a list item's text, an indented line)."""
    out: list[str] = []
    for line in lines:
        if _RULE.match(line):
            out.append(line[:width])
            continue
        lead = _FIELD.match(line) or _LIST.match(line)
        indent = len(lead.group()) if lead else len(line) - len(line.lstrip(" "))
        hanging = " " * min(indent, width // 2)
        out.extend(
            textwrap.wrap(line, width, subsequent_indent=hanging, break_on_hyphens=False) or [" "]
        )
    return out


class Preview(Log):
    DEFAULT_CSS = """
    Preview { border: round $primary 50%; padding: 0 1; }
    Preview:focus { border: round $accent; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(highlight=False, auto_scroll=False, **kwargs)  # type: ignore[arg-type]
        self.border_title = "Forhåndsvisning"
        self.lines_shown: list[str] = []
        self._wrapped: list[str] = []
        self._wrap_width = 0  # (Log has a _width of its own)

    def show(self, lines: list[str], anchor: str | None = None) -> None:
        """Show the text (rewritten only when it or the width changed), keeping the place
        or scrolling to the line that contains anchor."""
        width = max(self.scrollable_content_region.width - 1, 20)
        y = self.scroll_y
        rewritten = lines != self.lines_shown or width != self._wrap_width
        if rewritten:
            self._wrapped = wrap(lines, width)
            self.clear()
            self.write_lines(self._wrapped, scroll_end=False)
            self.lines_shown, self._wrap_width = list(lines), width
        target = next(
            (n for n, line in enumerate(self._wrapped) if anchor and anchor in line), None
        )
        if target is not None:
            self.scroll_to(y=target, animate=False)
        elif rewritten:
            self.scroll_to(y=y, animate=False)

    def _update_size(self, updates: int, lines: list[str]) -> None:  # type: ignore[override]
        """Log measures written lines in a thread worker that asks for `self.app` when
        done: a screen closed meanwhile (the history left at once) made the worker fail
        with NoActiveAppError, which ended the app (found by the monkey, seed 1017). The
        lines are wrapped to the width here, so measuring them on the spot is cheap."""
        if lines:
            widest = max(cell_len(self._process_line(line)) for line in lines)
            self._update_maximum_width(updates, widest)

    def on_resize(self) -> None:
        if self.lines_shown:
            self.show(self.lines_shown)
