"""The live preview: the referat as it will be exported, drawn line by line.

Textual's Log renders only the visible lines, so a long referat scrolls as fast as a short one.
"""

from __future__ import annotations

from textual.widgets import Log


class Preview(Log):
    DEFAULT_CSS = """
    Preview { border: round $primary 50%; padding: 0 1; }
    Preview:focus { border: round $accent; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(highlight=False, auto_scroll=False, **kwargs)  # type: ignore[arg-type]
        self.border_title = "Forhåndsvisning"
        self.lines_shown: list[str] = []

    def show(self, lines: list[str], anchor: str | None = None) -> None:
        """Replace the text, keeping the place or scrolling to the line that starts with anchor."""
        if lines == self.lines_shown and anchor is None:
            return
        y = self.scroll_y
        self.clear()
        self.write_lines(lines, scroll_end=False)
        self.lines_shown = list(lines)
        target = next((n for n, line in enumerate(lines) if anchor and anchor in line), None)
        self.scroll_to(y=target if target is not None else y, animate=False)
