"""Importing a published referat from the meeting list: the TUI asks whether an item that
might be closed is closed, shows the import report, and saves only on yes."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from chefforum_tui.screens.import_report import ReportScreen
from domain.meeting.events.items import ItemAdded, ItemFieldsChanged
from projections.store.connect import open_minutes
from tests.municipal import MUNICIPAL
from tests.tui.tui_pilot import fill, running, settle, stored

UNSURE = MUNICIPAL / "07_social_sundhed_protokol.md"  # item 3 might be closed


async def _to_report(pilot: Pilot[None], closed: bool) -> None:
    """I, the file's name, ctrl+s; then the answer to 'is it closed?'."""
    await pilot.press("I")
    await settle(pilot)
    await fill(pilot, {"path": str(UNSURE)})
    await pilot.press("ctrl+s")
    await settle(pilot)
    await pilot.press("j" if closed else "n")
    await settle(pilot)


async def test_import_asks_about_a_maybe_closed_item_and_shows_the_report(db: str) -> None:
    async with running(db, open_meeting=False) as pilot:
        await _to_report(pilot, closed=True)
        screen = pilot.app.screen
        assert isinstance(screen, ReportScreen)
        assert "Importrapport (markdown)" in screen.report
        assert "linje 23: afstemning: Undlod at stemme: 1 (Ø)" in screen.report
        assert "MÅSKE LUKKET: linje 37" in screen.report
        await pilot.press("j")
        await settle(pilot)
    events = stored(db)
    closed = {
        e.item_id for e in events if isinstance(e, ItemAdded | ItemFieldsChanged) and e.closed
    }
    titles = {e.item_id: e.title for e in events if isinstance(e, ItemAdded)}
    assert [titles[i] for i in closed] == ["Personalesag i madservicen"]


async def test_the_report_cancelled_stores_nothing(db: str, tmp_path: Path) -> None:
    async with running(db, open_meeting=False) as pilot:
        await _to_report(pilot, closed=False)
        assert isinstance(pilot.app.screen, ReportScreen)
        await pilot.press("n")
        await settle(pilot)
    minutes = open_minutes(db)
    try:
        assert minutes.meeting_ids() == []
    finally:
        minutes.close()


async def test_a_long_report_scrolls_and_its_buttons_stay_on_a_small_screen(db: str) -> None:
    async with running(db, size=(80, 24), open_meeting=False) as pilot:
        await _to_report(pilot, closed=True)
        screen = pilot.app.screen
        assert isinstance(screen, ReportScreen)
        assert screen.report.count("\n") > 24  # longer than the terminal
        for button in ("#yes", "#no"):
            region = screen.query_one(button).region
            assert region.height and region.bottom <= 24, (button, region)
        await pilot.click("#yes")
        await settle(pilot)
    assert any(isinstance(e, ItemAdded) for e in stored(db))
