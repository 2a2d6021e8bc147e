"""The search screen: type to search every meeting; enter opens the meeting at the item."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Static

from chefforum_tui.keymap import SEARCH_KEYS, bindings
from chefforum_tui.screens.base import AppScreen
from domain.application import Minutes
from projections.readmodels.runner import ReadModels
from projections.readmodels.search import Hit


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
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="hits")
        table.add_columns("Møde", "Punkt", "Felt", "Uddrag")
        yield table
        yield Footer()

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

        self.chef.store_call(search, lambda hits: self._show(asked, hits))

    def _show(self, asked: str, hits: list[Hit]) -> None:
        if asked != self._asked:  # a later query is on its way
            return
        self.hits = hits
        table = self.query_one(DataTable)
        table.clear()
        for h in hits:
            table.add_row(
                f"{h.forum} {h.date:%d-%m-%Y}",
                f"{h.item_number}. {h.item_title}",
                h.field,
                _rich(h.snippet),
            )
        query = asked.partition(":")[2]
        self.query_one("#status", Static).update(
            f"{len(hits)} fund" if query else "Skriv for at søge."
        )

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
