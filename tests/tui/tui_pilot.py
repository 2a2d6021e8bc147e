"""Helpers for Textual pilot tests: the app on a store, keyboard input, and the store read
back to see what the user's keys recorded."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any
from uuid import UUID

from textual.pilot import Pilot

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.meeting_base import MeetingPortScreen
from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Item
from projections.store.connect import open_minutes

ACTOR = "Karen Dahl"
FORUM = "Økonomiudvalget"
BUDGET = "Budgetopfølgning"
OPENING = "Godkendelse af dagsorden og referat"
CLOSING = "Temaer til kommende møder og eventuelt"
KEY_NAMES = {" ": "space", "\n": "enter"}


@asynccontextmanager
async def running(
    db: str, size: tuple[int, int] = (160, 40), open_meeting: bool = True
) -> AsyncIterator[Pilot[None]]:
    """The app on the store, as ACTOR; with open_meeting, at the first meeting listed."""
    app = ChefforumApp(db, ACTOR)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if open_meeting:
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, MeetingScreen)
        yield pilot
    # An error the app survived (chefforum_tui/guard.py) is still a bug.
    assert app.unexpected == [], app.unexpected


def meeting_screen(pilot: Pilot[None]) -> MeetingScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen), screen
    return screen


def shown(screen: MeetingPortScreen) -> Meeting:
    """The meeting a screen shows (None only before its first load)."""
    assert screen.meeting is not None, "the screen has not loaded its meeting"
    return screen.meeting


def shown_item(screen: MeetingPortScreen) -> Item:
    """The item a screen shows."""
    assert screen.item_id is not None, "the screen shows no item"
    return shown(screen).item(screen.item_id)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the store workers are done and the screen has caught up."""
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*(KEY_NAMES.get(character, character) for character in text))


async def tab_to(pilot: Pilot[None], widget_id: str, limit: int = 60) -> None:
    """Press tab until the widget with that id has focus, as a user would."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}; focus is on {pilot.app.focused}")


async def focus(pilot: Pilot[None], widget_id: str) -> None:
    """Put the focus on a widget directly (as a click would), where the way there by tab
    is not what the test is about."""
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await pilot.pause()


async def fill(pilot: Pilot[None], values: dict[str, str]) -> None:
    """Fill a FormScreen: for each field id (without 'field-'), clear it and type the value."""
    for key, value in values.items():
        await tab_to(pilot, f"field-{key}")
        await pilot.press("ctrl+u")
        await type_text(pilot, value)


async def choose(pilot: Pilot[None], field: str, downs: int) -> None:
    """In a FormScreen, open a choice list and move down to an option."""
    await tab_to(pilot, f"field-{field}")
    await pilot.press("enter", *["down"] * downs, "enter")


def notified(pilot: Pilot[None]) -> str:
    return " ".join(str(n.message) for n in pilot.app._notifications)


# -- the store, read back ----------------------------------------------------------------


@contextmanager
def opened(db: str) -> Iterator[Minutes]:
    """The store opened for a moment, outside the app."""
    minutes = open_minutes(db)
    try:
        yield minutes
    finally:
        minutes.close()


def only_meeting(minutes: Minutes) -> UUID:
    (meeting_id,) = minutes.meeting_ids()
    return meeting_id


def stored(db: str) -> list[Any]:
    """Every event of the store's one meeting."""
    with opened(db) as minutes:
        return list(minutes.events.get(only_meeting(minutes)))


def kinds(events: list[Any]) -> list[str]:
    return [type(e).TOPIC.removeprefix("chefforum:") for e in events]


def recorded_since(db: str, before: int) -> list[str]:
    """The kinds of event recorded after the first `before`, each checked to be ACTOR's."""
    events = stored(db)[before:]
    assert {e.actor for e in events} <= {ACTOR}, [e.actor for e in events]
    return kinds(events)
