"""The history of a meeting: every change, who made it and when. Moving the cursor shows
the change itself (its text before and after) and the referat as it stood right after it;
d shows what has changed since."""

from __future__ import annotations

from uuid import UUID

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Input, Static

from chefforum_tui.forms.export import export_dialog
from chefforum_tui.keymap import AUDIT_KEYS, app_keymap, bindings, hint
from chefforum_tui.screens.audit_detail import (
    CHANGE_LEAST,
    CHANGE_WANTED,
    HEADINGS,
    TIME_WIDTHS,
    WHO_LEAST,
    cells,
    detail,
    no_change,
    what,
)
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.table_width import SizedTable, fit
from chefforum_tui.widgets.footer import KeyFooter
from chefforum_tui.widgets.preview import Preview
from domain.application import Minutes
from projections.documents.render.export import render, screen_lines
from projections.readmodels.audit import Entry
from projections.readmodels.runner import ReadModels
from projections.tools.diff import diff

WIDE = 160  # from this width the referat stands beside the list and the change


class AuditScreen(AppScreen[UUID | None]):
    """Dismissed with the item to jump to, or None."""

    BINDINGS = bindings(AUDIT_KEYS)
    KEYS = AUDIT_KEYS
    AUTO_FOCUS = "#changes"  # the list, not the first filter, from the first frame
    DEFAULT_CSS = """
    AuditScreen #filters { height: 1; margin: 0 1; }
    AuditScreen #filters Input { width: 1fr; margin-right: 2; }
    AuditScreen #body {
        layout: grid; grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr 1fr; height: 1fr;
    }
    AuditScreen #changes { column-span: 2; height: 1fr; scrollbar-gutter: stable; }
    AuditScreen #detail { height: 1fr; border: round $primary 50%; padding: 0 1; }
    AuditScreen #detail:focus { border: round $accent; }
    AuditScreen Preview { height: 1fr; overflow-x: hidden; }  /* it wraps to its width */
    AuditScreen.wide #body { layout: vertical; }
    AuditScreen.wide #changes { height: 2fr; }
    AuditScreen.wide #detail { height: 1fr; }
    AuditScreen.wide Preview { dock: right; width: 40%; }
    """

    def __init__(self, meeting_id: UUID, title: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.title = f"Historik: {title}"
        self.changes: list[Entry] = []
        self.shown: list[Entry] = []
        self.position: int | None = None
        self.widths: list[int] = []

    def compose(self) -> ComposeResult:
        keymap = app_keymap(self.app)
        person, item = hint("audit.filter_actor", keymap), hint("audit.filter_item", keymap)
        yield Header()
        with Horizontal(id="filters"):
            yield Input(
                placeholder=f"Filtrér på person ({person})", id="actor-filter", compact=True
            )
            yield Input(
                placeholder=f"Filtrér på punktnummer ({item})", id="item-filter", compact=True
            )
        with Container(id="body"):
            yield SizedTable(id="changes", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail") as pane:
                pane.border_title = "Ændringen"
                yield Static(no_change(), id="detail-text")
            yield Preview(id="preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.focus_home()
        self.store_changed()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "wide")

    def store_changed(self) -> None:
        self.store_call(
            lambda minutes: ReadModels.of(minutes).audit(self.meeting_id), self._loaded
        )

    def focus_home(self) -> None:
        self.query_one("#changes", DataTable).focus()

    def _loaded(self, log: list[Entry]) -> None:
        self.changes = log
        self._fill()

    # -- the list ---------------------------------------------------------------------------

    def _fill(self, keep: int | None = None) -> None:
        """Show the changes the filters let through, the cursor on the newest (or on
        position `keep` when it is still shown)."""
        actor = self.query_one("#actor-filter", Input).value.strip().casefold()
        number = self.query_one("#item-filter", Input).value.strip()
        self.shown = [
            e
            for e in self.changes
            if actor in e.actor.casefold() and (not number or e.item_number == number)
        ]
        table = self.query_one("#changes", SizedTable)
        self.widths = self._widths(table)
        table.clear(columns=True)
        for heading, width in zip(HEADINGS, self.widths, strict=True):
            table.add_column(heading, width=width)
        for e in self.shown:
            table.add_row(*cells(e, self.widths[1]))
        if not self.shown:
            self.query_one("#detail-text", Static).update(no_change())
            return
        rows = [e.position for e in self.shown]
        table.move_cursor(row=rows.index(keep) if keep in rows else len(rows) - 1)

    def _widths(self, table: SizedTable) -> list[int]:
        """Columns that fit the list's width: the time loses its seconds and year, then the
        name narrows, before the change is cut; the change takes what is left."""
        room = table.text_width(len(HEADINGS))
        pos = max([cell_len(h) for h in HEADINGS[:1]] + [len(str(e.position)) for e in self.shown])
        who = max([cell_len(HEADINGS[2])] + [cell_len(e.actor) for e in self.shown])
        change = min(max([cell_len(what(e)) for e in self.shown], default=0), CHANGE_WANTED)
        natural = [pos, TIME_WIDTHS[0], who, max(change, cell_len(HEADINGS[3]))]
        least = [pos, TIME_WIDTHS[-1], min(who, WHO_LEAST), min(natural[3], CHANGE_LEAST)]
        widths = fit(natural, least, room, order=(1, 2, 3))
        widths[1] = next(w for w in TIME_WIDTHS if w <= widths[1])
        widths[3] = max(widths[3], room - sum(widths[:3]))
        return widths

    @on(SizedTable.Resized)
    def refit(self, event: SizedTable.Resized) -> None:
        if self.changes and self._widths(event.table) != self.widths:
            self._fill(keep=self.position)

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
        self.query_one("#detail-text", Static).update(detail(entry))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)
        preview = self.query_one(Preview)
        preview.border_title = f"Referatet efter position {entry.position}"

        def state_then(minutes: Minutes) -> list[str]:
            state = minutes.get(self.meeting_id, version=entry.position).state
            return screen_lines(state)  # the text, as the meeting's preview shows it

        anchor = f"Punkt {entry.item_number}:" if entry.item_number else None
        self.store_call(state_then, lambda lines: preview.show(lines, anchor))

    # -- the keys ---------------------------------------------------------------------------

    def action_diff(self) -> None:
        if self.position is None:
            return
        position = self.position

        def compare(minutes: Minutes) -> list[str]:
            old = render(minutes.get(self.meeting_id, version=position).state, "markdown")
            new = render(minutes.get(self.meeting_id).state, "markdown")
            return diff(old.decode(), new.decode()) or ["Ingen forskel i teksten siden da."]

        preview = self.query_one(Preview)
        # A border title is cut where the pane ends: the legend is the text's first line.
        preview.border_title = f"Ændret siden position {position}"
        legend = "[-fjernet-] {+tilføjet+}"
        self.store_call(compare, lambda lines: preview.show([legend, "", *lines]))

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        """Enter on a row (the table takes the key itself)."""
        self.action_jump()

    def action_jump(self) -> None:
        row = self.query_one("#changes", DataTable).cursor_row
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
        """Escape leaves a filter for the list, and the list for the meeting."""
        if isinstance(self.focused, Input):
            self.focus_home()
        else:
            self.dismiss(None)
