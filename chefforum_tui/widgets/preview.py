"""The live preview: the referat as it will be exported, drawn line by line.

Textual's Log renders only the visible lines, so a long referat scrolls as fast as a
short one; lines are wrapped here to the widget's width (again when it is resized).
"""

from __future__ import annotations

import textwrap

from textual.widgets import Log


def wrap(lines: list[str], width: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        indent = " " * (
            len(line) - len(line.lstrip(" -0123456789.")) if line[:1] in "-0123456789" else 0
        )
        out.extend(
            textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [" "]
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
        self._width = 0

    def show(self, lines: list[str], anchor: str | None = None) -> None:
        """Show the text (rewritten only when it or the width changed), keeping the place
        or scrolling to the line that contains anchor."""
        width = max(self.scrollable_content_region.width - 1, 20)
        y = self.scroll_y
        rewritten = lines != self.lines_shown or width != self._width
        if rewritten:
            self._wrapped = wrap(lines, width)
            self.clear()
            self.write_lines(self._wrapped, scroll_end=False)
            self.lines_shown, self._width = list(lines), width
        target = next(
            (n for n, line in enumerate(self._wrapped) if anchor and anchor in line), None
        )
        if target is not None:
            self.scroll_to(y=target, animate=False)
        elif rewritten:
            self.scroll_to(y=y, animate=False)

    def on_resize(self) -> None:
        if self.lines_shown:
            self.show(self.lines_shown)
