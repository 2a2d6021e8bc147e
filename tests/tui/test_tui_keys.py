"""Keys: the help screen and the command palette list the actions; quitting with text
that is not yet stored asks first; leaving a field stores it once."""

from __future__ import annotations

from textual.command import CommandPalette

from chefforum_tui.screens.dialogs import ConfirmScreen, FormScreen
from chefforum_tui.screens.help import HelpScreen
from chefforum_tui.screens.meeting import MeetingScreen
from tests.tui.tui_pilot import (
    focus,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    stored,
    type_text,
)


async def test_help_and_palette_list_the_meeting_actions(demo_db: str) -> None:
    """The demo meeting has been held: publishing is listed with why it cannot be done,
    choosing it says so; signing can be done, and the palette goes to a field by name."""
    async with running(demo_db) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        actions = {row.description for row in pilot.app.screen.rows}
        assert {"Godkend", "Historik", "Søg", "Gem felt", "Gå til Beslutning"} <= actions
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette)
        await type_text(pilot, "Udsend")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
        said = "Udsend dagsorden er ikke muligt: dagsordenen er allerede udsendt."
        assert said in notified(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Gå til Beslutning")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.id == "decision"
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Godkend")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)  # the palette ran the sign action


async def test_quitting_with_uncommitted_text_asks(demo_db: str) -> None:
    async with running(demo_db) as pilot:
        await focus(pilot, "decision")
        await type_text(pilot, "Ikke gemt endnu")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.is_running
        await pilot.press("ctrl+q", "j")
        await settle(pilot)
    assert pilot.app.return_code == 0


async def test_escape_from_a_field_stores_its_text_once(demo_db: str) -> None:
    before = len(stored(demo_db))
    async with running(demo_db) as pilot:
        await focus(pilot, "decision")
        await pilot.press("end")
        await type_text(pilot, " Tilføjet.")
        await pilot.press("escape")  # leaving commits; the blur that follows must not again
        await settle(pilot)
        assert pilot.app.focused is not None and pilot.app.focused.id == "items"
        assert not [n for n in pilot.app._notifications if n.severity == "error"]
        assert "Afvist" not in notified(pilot)
    assert recorded_since(demo_db, before) == ["DecisionRecorded"]
    with opened(demo_db) as minutes:
        item = minutes.get(only_meeting(minutes)).state.items[0]
    assert item.decision is not None and item.decision.text.endswith(" Tilføjet.")
