"""The first frame is the meeting list as the stored read model holds it, drawn before the
domain and the store are loaded (issue 26); the list is then what the opened store says,
keys typed meanwhile wait for it, and a store that does not open shows nothing of it.

Each test holds the store's thread (the app's one thread for store calls, after the first
look) until it has seen the first look, so that the store opens exactly when it says."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date, time

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.meetings import MeetingsScreen
from domain.forum.template import new_meeting
from projections.config import PROJECTION_BATCH
from tests.tui.tui_pilot import ACTOR, FORUM, meeting_screen, opened, settle

# Run in a process of its own: what it has imported when the list is first drawn.
FIRST_FRAME = """
import asyncio, json, sys, threading
from textual.widgets import DataTable
from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.meetings import MeetingsScreen

async def main(db):
    app = ChefforumApp(db, "Karen Dahl")
    held = threading.Event()
    app._store_thread.submit(held.wait)
    seen = {"rows": 0}
    async with app.run_test() as pilot:
        for _ in range(2000):
            screen = app.screen
            if isinstance(screen, MeetingsScreen) and screen.is_mounted:
                seen["rows"] = screen.query_one(DataTable).row_count
                if seen["rows"]:
                    break
            await asyncio.sleep(0.005)
        await pilot.pause()
        seen["loaded"] = sorted(
            name for name in ("domain.application", "eventsourcing", "projections.store.connect")
            if name in sys.modules
        )
        held.set()
    print(json.dumps(seen))

asyncio.run(main(sys.argv[1]))
"""


@pytest.fixture
def listed_db(demo_db: str) -> str:
    """The demo meeting, in the stored read model too (a store is read on demand)."""
    with opened(demo_db) as minutes:
        assert len(minutes.meetings_page(None, 10)) == 1
    return demo_db


def held_store(app: ChefforumApp) -> threading.Event:
    """The store's thread waits (after the first look) until the event is set."""
    held = threading.Event()
    app._store_thread.submit(held.wait)
    return held


async def until(pilot: Pilot[None], done: Callable[[], bool]) -> None:
    for _ in range(400):
        if done():
            return
        await pilot.pause(0.01)
    raise AssertionError("not reached")


def listed(app: ChefforumApp) -> int:
    """The rows of the meeting list on the screen (0 while another screen is shown)."""
    screen = app.screen
    if not (isinstance(screen, MeetingsScreen) and screen.is_mounted):
        return 0
    return screen.query_one(DataTable).row_count


def test_the_list_is_drawn_before_the_domain_and_the_store_load(listed_db: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, listed_db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen == {"rows": 1, "loaded": []}


async def test_a_change_made_while_the_store_opens_is_listed_and_enter_waits(
    listed_db: str,
) -> None:
    app = ChefforumApp(listed_db, ACTOR)
    held = held_store(app)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: listed(app) == 1)  # the first look: the demo meeting
        with opened(listed_db) as minutes:
            newest = new_meeting(minutes, ACTOR, FORUM, date(2099, 1, 5), time(9), None)
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingsScreen) and app.key_gate.holding == 1
        held.set()
        # The store says two meetings, the new one first; enter opened the one under the
        # cursor once the list was the store's.
        await until(pilot, lambda: not isinstance(app.screen, MeetingsScreen))
        await settle(pilot)
        assert meeting_screen(pilot).meeting_id == newest
        app.pop_screen()
        await settle(pilot)
        assert listed(app) == 2
    assert app.unexpected == []


async def test_a_store_that_does_not_open_leaves_no_first_look(
    listed_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PROJECTION_BATCH, "mange")  # refused when the store opens
    app = ChefforumApp(listed_db, ACTOR)
    held = held_store(app)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: listed(app) == 1)
        held.set()
        await until(pilot, lambda: not isinstance(app.screen, MeetingsScreen))
        await settle(pilot)
        # As before the first look existed: the refusal in one line, no list.
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert errors == [
            f"{PROJECTION_BATCH} skal være et helt tal fra 1 til 1.000.000 (ikke 'mange')."
        ]
        assert app.screen.id == "_default"
    assert app.unexpected == []
