"""Two people on one meeting: a change to the text you are editing is shown to you, and
your own text is kept rather than written over theirs (or theirs over yours)."""

from __future__ import annotations

from pathlib import Path

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.widgets.fields import CommitInput, CommitTextArea
from projections.demo import load_demo
from projections.store.connect import open_minutes
from tests.builders import decision_text
from tests.tui.tui_pilot import focus, settle, type_text


async def test_same_field_changed_by_someone_else(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    other = open_minutes(db)
    load_demo(other, "Karen Dahl")
    mid = other.meeting_ids()[0]
    other.change_roles("Karen Dahl", "Chefforum", "Marie Aasøe", "secretary", grant=True)
    app = ChefforumApp(db, "Karen Dahl")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        item = screen.item_id
        assert item is not None
        await focus(pilot, "decision")
        await pilot.press("end")
        await type_text(pilot, " Mit tillæg.")
        # Meanwhile Marie, in another session, rewrites the same decision and the title.
        other.record_decision(mid, "Marie Aasøe", item, "Maries tekst.")
        other.retitle_item(mid, "Marie Aasøe", item, "Maries titel")
        await pilot.press("ctrl+s")
        await settle(pilot)
        decision = screen.query_one("#decision", CommitTextArea)
        assert decision.text.endswith(" Mit tillæg.")  # my text is kept in the field
        assert decision.dirty
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "ændret af en anden" in messages and "Maries tekst." in messages
        assert decision_text(other.get(mid).item(item)) == "Maries tekst."
        assert (
            screen.query_one("#title", CommitInput).value == "Maries titel"
        )  # her other change shows
        # Having seen hers, saving again replaces it deliberately.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert decision_text(other.get(mid).item(item)).endswith(" Mit tillæg.")
    other.close()
