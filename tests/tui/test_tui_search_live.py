"""Search from the keyboard, and a list that refreshes by itself when someone else saves."""

from __future__ import annotations

import asyncio
import time
from datetime import date
from pathlib import Path

from textual.widgets import DataTable

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.search import SearchScreen
from projections.demo import load_demo
from projections.store.connect import open_minutes
from tests.tui.tui_pilot import only_meeting, opened, running, settle, type_text


async def test_slash_searches_and_enter_opens_the_item(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    minutes = open_minutes(db)
    load_demo(minutes, "Karen Dahl")
    minutes.close()
    app = ChefforumApp(db, "Karen Dahl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "hjemmearbejdet")
        await settle(pilot)
        hits = app.screen.hits
        assert hits and {h.item_number for h in hits} == {"3"}
        await type_text(pilot, " fortrolig")
        await settle(pilot)
        assert app.screen.hits == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "fortrolig")
        await settle(pilot)
        assert app.screen.hits == []  # a closed item's content: not in the public view
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert [h.item_number for h in app.screen.hits] == ["4"]
        await pilot.press("enter")  # to the results
        await pilot.press("enter")  # open the hit
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.meeting.item(screen.item_id).title == "Personalesag"


async def test_the_meeting_list_shows_another_users_new_meeting(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    app = ChefforumApp(db, "Karen Dahl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 0
        other = open_minutes(db)
        other.schedule("Marie Aasøe", "Økonomiudvalget", date(2026, 9, 2))
        other.close()
        started = time.monotonic()
        while table.row_count == 0 and time.monotonic() - started < 5:
            await asyncio.sleep(0.05)
            await pilot.pause()
        assert table.row_count == 1
        assert time.monotonic() - started < 1.5


async def test_a_change_reported_before_the_meeting_screen_is_mounted(demo_db: str) -> None:
    """The follower may report a change between pushing the meeting screen and mounting
    it; that must not end the follower (it did, with NoMatches on the item editor)."""
    with opened(demo_db) as minutes:
        mid = only_meeting(minutes)
    async with running(demo_db, open_meeting=False) as pilot:
        screen = MeetingScreen(mid)
        screen.store_changed()
        assert screen.dirty_fields() == []
        await settle(pilot)
        assert not [n for n in pilot.app._notifications if n.severity == "error"]
