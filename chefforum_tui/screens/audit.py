"""The audit screen: every change to a meeting, who made it and when. Moving the cursor
shows the referat as it stood right after that change; d shows what changed since."""

from __future__ import annotations

from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input

from chefforum_tui.forms.export import export_dialog
from chefforum_tui.keymap import AUDIT_KEYS, bindings
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.widgets.preview import Preview
from domain.application import Minutes
from projections.documents.render.export import render
from projections.readmodels.audit import Entry
from projections.readmodels.runner import ReadModels
from projections.tools.diff import diff


class AuditScreen(AppScreen[UUID | None]):
    """Dismissed with the item to jump to, or None."""

    BINDINGS = bindings(AUDIT_KEYS)
    KEYS = AUDIT_KEYS
    DEFAULT_CSS = """
    AuditScreen #filters { height: auto; }
    AuditScreen #filters Input { width: 1fr; }
    AuditScreen #log { width: 3fr; }
    AuditScreen Preview { width: 2fr; }
    """

    def __init__(self, meeting_id: UUID, title: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.title = f"Historik: {title}"
        self.changes: list[Entry] = []
        self.shown: list[Entry] = []
        self.position: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(placeholder="Filtrér på person", id="actor-filter")
            yield Input(placeholder="Filtrér på punktnummer", id="item-filter")
        with Horizontal():
            with Vertical(id="log"):
                table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
                table.add_columns("Pos.", "Tidspunkt", "Hvem", "Ændring")
                yield table
            yield Preview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.store_changed()

    def store_changed(self) -> None:
        self.chef.store_call(
            lambda minutes: ReadModels.of(minutes).audit(self.meeting_id), self._loaded
        )

    def focus_home(self) -> None:
        self.query_one(DataTable).focus()

    def _loaded(self, log: list[Entry]) -> None:
        self.changes = log
        self._fill()

    def _fill(self) -> None:
        actor = self.query_one("#actor-filter", Input).value.strip().casefold()
        number = self.query_one("#item-filter", Input).value.strip()
        self.shown = [
            e
            for e in self.changes
            if actor in e.actor.casefold() and (not number or e.item_number == number)
        ]
        table = self.query_one(DataTable)
        table.clear()
        for e in self.shown:
            what = e.description.removeprefix(f"{e.actor} ")
            table.add_row(str(e.position), f"{e.at:%d-%m-%Y %H:%M:%S}", e.actor, what)
        if self.shown:
            table.move_cursor(row=len(self.shown) - 1)

    @on(Input.Changed)
    def filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted)
    def filter_done(self) -> None:
        self.focus_home()

    @on(DataTable.RowHighlighted)
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not 0 <= event.cursor_row < len(self.shown):
            return
        entry = self.shown[event.cursor_row]
        self.position = entry.position
        preview = self.query_one(Preview)
        preview.border_title = f"Referatet efter position {entry.position}"

        def state_then(minutes: Minutes) -> list[str]:
            state = minutes.get(self.meeting_id, version=entry.position).state
            return render(state, "markdown").decode().splitlines()

        anchor = f"Punkt {entry.item_number}:" if entry.item_number else None
        self.chef.store_call(state_then, lambda lines: preview.show(lines, anchor))

    def action_diff(self) -> None:
        if self.position is None:
            return
        position = self.position

        def compare(minutes: Minutes) -> list[str]:
            old = render(minutes.get(self.meeting_id, version=position).state, "markdown")
            new = render(minutes.get(self.meeting_id).state, "markdown")
            return diff(old.decode(), new.decode()) or ["Ingen forskel i teksten siden da."]

        preview = self.query_one(Preview)
        preview.border_title = f"Ændret siden position {position} ([-fjernet-] {{+tilføjet+}})"
        self.chef.store_call(compare, lambda lines: preview.show(lines))

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        """Enter on a row (the table takes the key itself)."""
        self.action_jump()

    def action_jump(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.shown) and self.shown[row].item_id is not None:
            self.dismiss(self.shown[row].item_id)
        else:
            self.notify("Ændringen gælder ikke et bestemt punkt.", severity="warning")

    def action_filter_actor(self) -> None:
        self.query_one("#actor-filter", Input).focus()

    def action_filter_item(self) -> None:
        self.query_one("#item-filter", Input).focus()

    def action_export(self) -> None:
        if self.position is not None:
            export_dialog(self.chef, self.meeting_id, self.position)

    def action_back(self) -> None:
        self.dismiss(None)
