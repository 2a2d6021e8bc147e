"""The search screen: type to search every meeting; enter opens the meeting at the item."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, DataTable, Header, Input, Static

from chefforum_tui.keymap import SEARCH_KEYS, bindings
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.table_width import SizedTable, fit
from chefforum_tui.widgets.footer import KeyFooter
from domain.application import Minutes
from projections.readmodels.runner import ReadModels
from projections.readmodels.search import Hit

HEADINGS = ("Møde", "Punkt", "Felt", "Uddrag")
# The least width of each column: the meeting's date, a few words of the item, the field
# and the snippet, which is why one searches and narrows last but for the field's name.
LEAST = (10, 14, 10, 24)
SNIPPET = 30


def _cells(hit: Hit) -> tuple[str, str, str]:
    return (f"{hit.forum} {hit.date:%d-%m-%Y}", f"{hit.item_number}. {hit.item_title}", hit.field)


def _rich(snippet: str) -> str:
    """The search's »match« markers as bold text."""
    text = " ".join(snippet.replace("[", r"\[").split())
    return text.replace("»", "[b reverse]").replace("«", "[/]")


class SearchScreen(AppScreen[tuple[str, str] | None]):
    """Dismissed with (meeting id, item number) to open, or None."""

    BINDINGS = bindings(SEARCH_KEYS)
    KEYS = SEARCH_KEYS
    TITLE = "Søg i alle møder"
    DEFAULT_CSS = """
    SearchScreen #query { margin: 0 1; }
    SearchScreen #internal { margin: 0 1; }
    SearchScreen #status { padding: 0 2; color: $text-muted; }
    SearchScreen #hits { height: 1fr; }  /* the hits scroll, not the screen */
    """

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        self._asked = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Søg: f.eks. budget, behandling, skoledistrikt", id="query")
        yield Checkbox("Intern visning (også lukkede punkters indhold)", id="internal")
        yield Static("", id="status")
        yield SizedTable(cursor_type="row", zebra_stripes=True, id="hits")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()

    def focus_home(self) -> None:
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#query")
    @on(Checkbox.Changed, "#internal")
    def ask(self) -> None:
        query = self.query_one("#query", Input).value.strip()
        internal = self.query_one("#internal", Checkbox).value
        self._asked = f"{internal}:{query}"
        asked = self._asked
        if not query:
            self._show(asked, [])
            return

        def search(minutes: Minutes) -> list[Hit]:
            return ReadModels.of(minutes).search(query, internal=internal)

        self.store_call(search, lambda hits: self._show(asked, hits))

    def _show(self, asked: str, hits: list[Hit]) -> None:
        if asked != self._asked:  # a later query is on its way
            return
        self.hits = hits
        self._fill()
        query = asked.partition(":")[2]
        self.query_one("#status", Static).update(
            f"{len(hits)} fund" if query else "Skriv for at søge."
        )

    def _widths(self, table: SizedTable) -> list[int]:
        """Every column wraps rather than being cut; the others narrow before the snippet."""
        room = table.text_width(len(HEADINGS))
        natural = [cell_len(h) for h in HEADINGS[:3]]
        least = list(LEAST)  # and no narrower than a column's longest word
        for hit in self.hits:
            cells = _cells(hit)
            natural = [max(n, cell_len(c)) for n, c in zip(natural, cells, strict=True)]
            words = [max((cell_len(w) for w in c.split()), default=0) for c in cells]
            least[:3] = [max(n, w) for n, w in zip(least, words, strict=False)]
        widths = fit([*natural, SNIPPET], least, room, order=(1, 0, 3, 2))
        widths[3] = max(widths[3], room - sum(widths[:3]))
        return widths

    def _fill(self) -> None:
        table = self.query_one(SizedTable)
        table.clear(columns=True)
        for heading, width in zip(HEADINGS, self._widths(table), strict=True):
            table.add_column(heading, width=width)
        for h in self.hits:
            place, item, field = (Text(c, end="") for c in _cells(h))
            table.add_row(
                place, item, field, Text.from_markup(_rich(h.snippet), end=""), height=None
            )

    @on(SizedTable.Resized)
    def refit(self) -> None:
        if self.hits:
            self._fill()

    @on(Input.Submitted, "#query")
    def to_results(self) -> None:
        self.focus_home()

    @on(DataTable.RowSelected)
    def open_hit(self, event: DataTable.RowSelected) -> None:
        hit = self.hits[event.cursor_row]
        self.dismiss((str(hit.meeting_id), hit.item_number))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_toggle_internal(self) -> None:
        self.query_one("#internal", Checkbox).toggle()
