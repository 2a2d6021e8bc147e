"""The audit screen from the keyboard: history, old text, diff, and the jump to the item."""

from __future__ import annotations

from pathlib import Path

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.audit import AuditScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.widgets.preview import Preview
from projections.demo import load_demo
from projections.store.connect import open_minutes
from tests.tui.tui_pilot import settle

OLD = "Orienteringen blev taget til efterretning, og tidsplanen blev godkendt."
NEW = "Orienteringen blev taget til efterretning; tidsplanen blev udskudt."


def preview_text(app: ChefforumApp) -> str:
    return "\n".join(app.screen.query_one(Preview).lines_shown)


async def test_moving_through_history_shows_the_old_text_and_the_diff(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    minutes = open_minutes(db)
    load_demo(minutes, "Karen Dahl")
    mid = minutes.meeting_ids()[0]
    item = minutes.get(mid).item_by_number("2").id
    minutes.change_roles("Karen Dahl", "Chefforum", "Marie Aasøe", "secretary", grant=True)
    minutes.record_decision(mid, "Marie Aasøe", item, NEW)
    minutes.retitle_item(mid, "Karen Dahl", item, "Budget 2027: status")
    minutes.close()

    app = ChefforumApp(db, "Karen Dahl")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        assert "Budget 2027: status" in preview_text(app)  # the newest change is selected
        await pilot.press("up")  # Marie's decision
        await settle(pilot)
        assert NEW in preview_text(app)
        assert "Status på budgetlægningen for 2027" in preview_text(app)
        await pilot.press("up")  # before Marie's change
        await settle(pilot)
        assert OLD in preview_text(app)
        assert NEW not in preview_text(app)
        await pilot.press("d")
        await settle(pilot)
        diff = preview_text(app)
        assert "[-Status på budgetlægningen for 2027-] {+Budget 2027: status+}" in diff.replace(
            "*", ""
        )
        assert "[-efterretning, og-] {+efterretning;+} tidsplanen blev [-godkendt.-]" in diff

        # Filter on Marie, then jump from her change to the item in the editor.
        await pilot.press("p")
        for key in "Marie":
            await pilot.press(key)
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.screen.shown) == 1
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.item_id == item
        assert app.focused is not None and app.focused.id == "title"
