"""Keys: the help screen and the command palette list the actions; quitting with text
that is not yet stored asks first."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.dialogs import ConfirmScreen
from chefforum_tui.screens.help import HelpScreen
from projections.demo import load_demo
from projections.store.connect import open_minutes
from tests.tui.tui_pilot import settle, tab_to, type_text


def demo_store(tmp_path: Path) -> str:
    db = str(tmp_path / "events.db")
    minutes = open_minutes(db)
    load_demo(minutes, "Karen Dahl")
    minutes.close()
    return db


async def test_help_and_palette_list_the_meeting_actions(tmp_path: Path) -> None:
    app = ChefforumApp(demo_store(tmp_path), "Karen Dahl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        actions = {table.get_row_at(r)[1] for r in range(table.row_count)}
        assert {"Udsend dagsorden", "Godkend", "Historik", "Søg", "Gem felt"} <= actions
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Udsend")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # the palette ran the publish action


async def test_quitting_with_uncommitted_text_asks(tmp_path: Path) -> None:
    app = ChefforumApp(demo_store(tmp_path), "Karen Dahl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await tab_to(pilot, "decision")
        await type_text(pilot, "Ikke gemt endnu")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running
        await pilot.press("ctrl+q", "j")
        await settle(pilot)
    assert app.return_code == 0


async def test_escape_from_a_field_stores_its_text_once(tmp_path: Path) -> None:
    db = demo_store(tmp_path)
    app = ChefforumApp(db, "Karen Dahl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        before = open_minutes(db).recorder.max_notification_id()
        await tab_to(pilot, "decision")
        await pilot.press("end")
        await type_text(pilot, " Tilføjet.")
        await pilot.press("escape")  # leaving commits; the blur that follows must not again
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "items"
        assert not [n for n in app._notifications if n.severity == "error"]
    minutes = open_minutes(db)
    assert minutes.recorder.max_notification_id() == before + 1
    item = minutes.get(minutes.meeting_ids()[0]).state.items[0]
    assert item.decision is not None and item.decision.text.endswith(" Tilføjet.")


async def test_a_participant_is_edited_and_marked_absent(tmp_path: Path) -> None:
    db = demo_store(tmp_path)
    app = ChefforumApp(db, "Karen Dahl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await tab_to(pilot, "participants")
        await pilot.press("down")  # Søren Bøgh
        await pilot.press("f")
        await settle(pilot)
        await tab_to(pilot, "field-title")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Direktør for Børn, Unge og Familie")
        await tab_to(pilot, "field-attendance")
        await pilot.press("enter", "down", "down", "enter")  # fraværende
        await pilot.press("ctrl+s")
        await settle(pilot)
    minutes = open_minutes(db)
    soeren = minutes.get(minutes.meeting_ids()[0]).participant("Søren Bøgh")
    assert soeren.title == "Direktør for Børn, Unge og Familie"
    assert soeren.attendance == "absent"
