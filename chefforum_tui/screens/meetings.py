"""The meetings screen: every meeting with forum, date and status; filter as you type.

The list is read a page at a time, newest first (keyset pagination in the read model):
the first screen comes from the first rows, and the next page is read as the cursor or the
scroll nears the end, or while a filter has too few matches among the rows read so far.

Before the store is open, the first page may be given as read from the stored read model
(a first look, see chefforum_tui/app.py): shown at once, its keys held until the store
answers (key_gate.py), then read anew from the store."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Static

from chefforum_tui.keymap import MEETINGS_KEYS, app_keymap, bindings, hint
from chefforum_tui.screens.base import AppScreen
from chefforum_tui.screens.table_width import SizedTable, fit
from chefforum_tui.widgets.footer import KeyFooter
from domain.meeting.summary import MeetingSummary

HEADINGS = ("Dato", "Forum", "Status", "Punkter", "Id")
FORUM_LEAST = 12
PAGE = 100  # meetings read at a time: a few screens' worth


def _cell(value: str) -> Text:
    """Plain text (a forum's name is never read as markup), cut with … when too wide."""
    return Text(value, no_wrap=True, overflow="ellipsis", end="")


def _matches(summary: MeetingSummary, query: str) -> bool:
    text = (
        f"{summary.forum} {summary.date.isoformat()} {summary.date:%d-%m-%Y} {summary.status_label}"
    )
    return all(word in text.casefold() for word in query.casefold().split())


class MeetingsScreen(AppScreen[None]):
    BINDINGS = bindings(MEETINGS_KEYS)
    KEYS = MEETINGS_KEYS
    TITLE = "Møder"
    # The list has the focus from its first frame (a focus() in on_mount comes after that
    # frame, and every row would be drawn twice, unfocused and then focused).
    AUTO_FOCUS = "#meetings"

    DEFAULT_CSS = """
    MeetingsScreen #filter { margin: 0 1; }
    MeetingsScreen #empty { padding: 1 2; color: $text-muted; }
    MeetingsScreen #meetings { height: 1fr; }  /* the list scrolls, not the screen */
    """

    def __init__(self, first_look: list[MeetingSummary] | None = None) -> None:
        super().__init__()
        # Read so far, newest first.
        self.summaries: list[MeetingSummary] = first_look or []
        # Whether the store may hold older meetings than those read (a first look reads
        # no further: the store, once open, does).
        self.more = False
        # Keys wait for the first rows (key_gate.py): enter typed at once opens a meeting.
        self.ready = False
        self.loading = False
        self.widths: list[int] = []

    def compose(self) -> ComposeResult:
        key = hint("meetings.filter", app_keymap(self.app))
        yield Header()
        yield Input(placeholder=f"Filtrér: forum, dato eller status ({key})", id="filter")
        yield Static("", id="empty")
        yield SizedTable(cursor_type="row", zebra_stripes=True, id="meetings")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Du er: {self.chef.actor}"
        table = self.query_one(DataTable)
        self.watch(table, "scroll_y", lambda _: self._want_more(), init=False)
        if self.summaries:
            self._fill()  # the first look
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def store_changed(self) -> None:
        self.reload()

    def focus_home(self) -> None:
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        """The rows read so far anew (at least the first page)."""
        if not self.chef.store_open:
            return  # a first look: the app reloads the list once the store is open
        want = max(PAGE, len(self.summaries))
        self.loading = True
        self.store_call(
            lambda minutes: minutes.meetings_page(None, want),
            lambda page: self._show(page, want),
            lambda _: self._stop_loading(),
        )

    def _stop_loading(self) -> None:
        self.loading = False
        self.ready = True

    def _show(self, summaries: list[MeetingSummary], wanted: int) -> None:
        self.loading = False
        self.ready = True
        self.more = len(summaries) == wanted
        if summaries != self.summaries:
            self.summaries = summaries
            self._fill()
        self._want_more()

    def _want_more(self) -> None:
        """Read the next page when the user nears the end of the rows shown, or when a
        filter leaves fewer rows than fill the table."""
        if not self.more or self.loading or not self.is_mounted:
            return
        table = self.query_one(SizedTable)
        visible = max(table.size.height, 1)
        # Rows are one line high: less than a screen's worth left below the cursor or
        # below the last row in view (scroll_y counts lines).
        below = table.row_count - max(table.cursor_row, int(table.scroll_y) + visible)
        near_end = table.row_count < visible * 2 or below < visible
        if not near_end:
            return
        after = self.summaries[-1]
        self.loading = True
        self.store_call(
            lambda minutes: minutes.meetings_page(after, PAGE),
            self._append,
            lambda _: self._stop_loading(),
        )

    def _append(self, page: list[MeetingSummary]) -> None:
        self.loading = False
        self.more = len(page) == PAGE
        known = {s.id for s in self.summaries}
        page = [s for s in page if s.id not in known]  # a meeting moved by a change
        self.summaries.extend(page)
        table = self.query_one(SizedTable)
        if self._widths(table) != self.widths:
            self._fill()
        else:
            self._add_rows(table, page)
            self._show_empty(table.row_count)
        self._want_more()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._want_more()

    def _widths(self, table: SizedTable) -> list[int]:
        """Each column as wide as its widest cell (set here, so that the headings and the
        rows always agree); a long forum name is cut before anything else."""
        natural = [cell_len(h) for h in HEADINGS]
        for s in self.summaries:
            cells = (f"{s.date:%d-%m-%Y}", s.forum, s.status_label, str(s.items), s.id.hex[:8])
            natural = [max(n, cell_len(c)) for n, c in zip(natural, cells, strict=True)]
        least = [*natural[:1], min(natural[1], FORUM_LEAST), *natural[2:]]
        return fit(natural, least, table.text_width(len(HEADINGS)), order=(1,))

    @on(SizedTable.Resized)
    def refit(self, event: SizedTable.Resized) -> None:
        if self._widths(event.table) != self.widths:
            self._fill()

    def _fill(self) -> None:
        table = self.query_one(SizedTable)
        row = table.cursor_row
        self.widths = self._widths(table)
        table.clear(columns=True)
        for heading, width in zip(HEADINGS, self.widths, strict=True):
            table.add_column(heading, width=width)
        shown = self._add_rows(table, self.summaries)
        table.move_cursor(row=min(row, max(shown - 1, 0)))
        self._show_empty(shown)

    def _add_rows(self, table: SizedTable, summaries: list[MeetingSummary]) -> int:
        """Add those of the meetings the filter lets through; returns the table's rows."""
        query = self.query_one("#filter", Input).value
        for s in summaries:
            if not _matches(s, query):
                continue
            table.add_row(
                _cell(s.date.strftime("%d-%m-%Y")),
                _cell(s.forum),
                _cell(s.status_label),
                _cell(str(s.items)),
                _cell(s.id.hex[:8]),
                key=str(s.id),
            )
        return table.row_count

    def _show_empty(self, shown: int) -> None:
        empty = self.query_one("#empty", Static)
        if not self.summaries:
            keymap = app_keymap(self.app)
            new, demo = hint("meetings.new_meeting", keymap), hint("meetings.load_demo", keymap)
            empty.update(
                Content(
                    f"Ingen møder endnu. Tryk {new} for et nyt møde eller {demo} for et demomøde."
                )
            )
        elif not shown:
            empty.update("Søger i ældre møder …" if self.more else "Intet møde passer på filteret.")
        empty.display = not shown

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill()
        self._want_more()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_meeting()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_open_meeting(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify("Der er intet møde at åbne.", severity="warning")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None:
            self.chef.open_meeting(key)

    def action_load_demo(self) -> None:
        from projections.demo import load_demo

        actor = self.chef.actor
        self.store_call(lambda minutes: load_demo(minutes, actor), lambda _: self.reload())

    def action_import_file(self) -> None:
        """A published referat: read, questions about closed items, the report, saved."""
        from chefforum_tui.screens.import_report import ImportFlow

        def imported(recorded: int) -> None:
            self.notify(f"{recorded} hændelser registreret." if recorded else "Intet nyt.")
            self.reload()

        ImportFlow(self.chef, imported).start()

    def action_forum(self) -> None:
        """The forum of the selected meeting, or one named in a form."""
        from chefforum_tui.screens.dialogs import Field, FormScreen
        from chefforum_tui.screens.forum import ForumScreen

        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            chosen = next((s for s in self.summaries if str(s.id) == key), None)
            if chosen is not None:
                self.app.push_screen(ForumScreen(chosen.forum))
                return

        def opened(values: dict[str, Any] | None) -> None:
            if values and values["forum"]:
                self.app.push_screen(ForumScreen(values["forum"]))

        form = FormScreen("Forum", [Field("forum", "Forum", value="Chefforum")], submit="Åbn")
        self.app.push_screen(form, opened)

    def action_new_meeting(self) -> None:
        from chefforum_tui.screens.dialogs import Field, FormScreen

        today = date.today().isoformat()
        fields = [
            Field("forum", "Forum", value="Chefforum"),
            Field("date", "Dato (ÅÅÅÅ-MM-DD)", value=today),
            Field("start", "Starttidspunkt (TT:MM, tom: forummets)", value=""),
            Field("place", "Mødested", placeholder="f.eks. Mødelokale 204"),
        ]
        self.app.push_screen(FormScreen("Nyt møde", fields, submit="Opret"), self._create)

    def _create(self, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        try:
            on = date.fromisoformat(values["date"])
        except ValueError:
            self.notify(f"'{values['date']}' er ikke en dato som 2026-05-20.", severity="error")
            return
        try:
            start = time.fromisoformat(values["start"]) if values["start"] else None
        except ValueError:
            self.notify(f"'{values['start']}' er ikke et klokkeslæt som 09:00.", severity="error")
            return
        from domain.forum.template import new_meeting

        actor = self.chef.actor
        self.store_call(
            lambda minutes: new_meeting(
                minutes, actor, values["forum"], on, start=start, place=values["place"] or None
            ),
            lambda meeting_id: self.chef.open_meeting(str(meeting_id)),
        )
