"""The footer: the keys the screen offers now, on as many lines as the width needs.

Textual's Footer is one line that cuts what does not fit (at 80 columns the meeting
screen lost half its keys). Here each key and what it does stay together and move to the
next line whole; the command palette's key comes last.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

GAP = 2


class KeyFooter(Widget):
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: list[tuple[str, str, bool]] = []  # key, description, enabled

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed()

    def _bindings_changed(self, *_: object) -> None:
        active = self.screen.active_bindings
        entries: list[tuple[str, str, bool]] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                entries.append((self.app.get_key_display(binding), binding.description, enabled))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            entries.append((self.app.get_key_display(palette[1]), palette[1].description, True))
        if entries != self.entries:
            self.entries = entries
            self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The entries packed into lines of `width` cells, none split."""
        lines: list[Content] = []
        line = Content("")
        for key, description, enabled in self.entries:
            entry = Content.assemble((key, "bold $footer-key-foreground"), " ", description)
            if not enabled:
                entry = entry.stylize("dim")
            if line.cell_length and line.cell_length + GAP + entry.cell_length > width:
                lines.append(line)
                line = Content("")
            line = Content.assemble(line, " " * GAP, entry) if line.cell_length else entry
        if line.cell_length or not lines:
            lines.append(line)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))
