"""Tables that fit their width: column widths shrunk in a chosen order, and a DataTable that
says when its width changed, so a screen can fit its columns again (nothing cut to nothing
at 80 columns)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import DataTable


def fit(
    natural: Sequence[int], minimum: Sequence[int], available: int, order: Sequence[int]
) -> list[int]:
    """Widths for columns that want `natural` cells: while they do not fit in `available`,
    the columns named in `order` give up width, one after the other, down to `minimum`."""
    widths = list(natural)
    excess = sum(widths) - available
    for column in order:
        if excess <= 0:
            break
        cut = min(excess, max(widths[column] - minimum[column], 0))
        widths[column] -= cut
        excess -= cut
    return widths


class SizedTable(DataTable[Any]):
    """A DataTable that posts Resized when its width changes."""

    class Resized(Message):
        def __init__(self, table: SizedTable) -> None:
            super().__init__()
            self.table = table

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fitted_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self.post_message(self.Resized(self))

    def text_width(self, columns: int) -> int:
        """The cells' room for text in a row of that many columns: the table's width less
        the vertical scrollbar and each cell's padding."""
        width = self.size.width or self.app.size.width
        scrollbar = self.styles.scrollbar_size_vertical
        return max(width - scrollbar - 2 * self.cell_padding * columns, columns)
