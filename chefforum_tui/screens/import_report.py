"""Importing a published referat from the meeting list: the file is read, an item that
might be closed is asked about, and the import report is shown before anything is saved
(the same report as `chefforum import --dry-run`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from chefforum_tui.screens.dialogs import DIALOG_CSS, ConfirmScreen, Field, FormScreen
from domain.application import Minutes
from projections.documents.interchange import DocumentError
from projections.documents.parse.markdown import Parsed, parse
from projections.importing.parsed import store_parsed

if TYPE_CHECKING:
    from chefforum_tui.app import ChefforumApp


class ReportScreen(ConfirmScreen):
    """The import report, scrolled; yes saves, no leaves the store as it was."""

    DEFAULT_CSS = DIALOG_CSS + "ReportScreen #report { height: auto; max-height: 60vh; }"
    no = "Annullér"

    def __init__(self, title: str, report: str) -> None:
        super().__init__(title, yes="Gem")
        self.report = report

    def body(self, yes: str, no: str) -> ComposeResult:
        with VerticalScroll(id="report"):
            yield Static(Content(self.report), id="report-text")


class ImportFlow:
    """File name, then one question per item that might be closed, then the report."""

    def __init__(self, app: ChefforumApp, done: Any) -> None:
        self.app = app
        self.done = done  # called with the number of events recorded

    def start(self) -> None:
        fields = [Field("path", "Fil (Markdown, tekst eller PDF)", placeholder="referat.pdf")]
        self.app.push_screen(FormScreen("Importér referat", fields, submit="Læs"), self._read)

    def _read(self, values: dict[str, Any] | None) -> None:
        if not values or not values["path"]:
            return
        path = Path(values["path"]).expanduser()
        try:
            data = path.read_bytes()
        except (OSError, ValueError) as e:
            self.app.notify(f"Kan ikke læse {path}: {getattr(e, 'strerror', e)}", severity="error")
            return
        try:
            parsed = parse(data, closed="open")
        except DocumentError as e:
            self.app.notify(str(e), severity="error")
            return
        self._ask(parsed, 0)

    def _ask(self, parsed: Parsed, index: int) -> None:
        """Ask about each item that might be closed; yes closes it."""
        unsure = parsed.report.unsure
        if index == len(unsure):
            self._show(parsed)
            return
        question = unsure[index]
        item = parsed.document.meeting.items[question.index]

        def answered(closed: bool | None) -> None:
            item.closed = bool(closed)
            self._ask(parsed, index + 1)

        self.app.push_screen(
            ConfirmScreen(
                f"Punktet '{question.title}' (linje {question.line}) er måske lukket"
                f" ({question.why}). Er det et lukket punkt?",
                yes="Lukket",
            ),
            answered,
        )

    def _show(self, parsed: Parsed) -> None:
        m = parsed.document.meeting
        title = f"Import af {m.forum} {m.date.isoformat()}: gem?"

        def save(yes: bool | None) -> None:
            if yes:
                actor = self.app.actor

                def work(minutes: Minutes) -> int:
                    return store_parsed(minutes, parsed, actor)[1]

                self.app.store_call(work, self.done)

        self.app.push_screen(ReportScreen(title, parsed.report.render()), save)
