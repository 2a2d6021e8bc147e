"""Another writer's text never merges with the secretary's (issue 20): a change stored by
someone else while the secretary types is not written over on saving, and text that
appears in a clean field just before a burst of keys is not typed onto."""

from __future__ import annotations

import time

from textual.pilot import Pilot

from chefforum_tui.widgets.fields import REACTION, CommitTextArea
from tests.tui.test_tui_drafts import budget, decision, live_at_budget
from tests.tui.tui_pilot import (
    ACTOR,
    notified,
    opened,
    running,
    settle,
    type_text,
)
from tests.tui.tui_pilot import (
    shown as shown_meeting,
)

THEIRS = "Sagen blev udsat."
MINE = "Godkendt uden bemærkninger."


async def shown(pilot: Pilot[None], field: CommitTextArea, text: str) -> float:
    """Wait until the app has reloaded the other's change (the store's follower)."""
    began = time.monotonic()
    while time.monotonic() - began < 10:
        if field.committed == text:
            return time.monotonic()
        await pilot.pause(0.01)
    raise AssertionError(f"the other's text never reached the field: {field.committed!r}")


async def test_a_change_stored_while_typing_is_not_written_over(started: str) -> None:
    mid, item = budget(started)
    async with running(started) as pilot:
        live = await live_at_budget(pilot)
        field = live.query_one("#decision", CommitTextArea)
        await type_text(pilot, MINE)
        with opened(started) as minutes:
            minutes.record_decision(mid, ACTOR, item, THEIRS)  # on another machine
        began = time.monotonic()
        while shown_meeting(live).item(item).decision is None:  # the app has seen it
            assert time.monotonic() - began < 10
            await pilot.pause(0.01)
        await settle(pilot)
        assert field.text == MINE  # the secretary's text stays on screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ændret af en anden" in notified(pilot)
        assert field.text == MINE
    assert decision(started) == THEIRS


async def test_keys_typed_as_the_other_s_text_appears_do_not_merge_with_it(
    started: str,
) -> None:
    mid, item = budget(started)
    async with running(started) as pilot:
        live = await live_at_budget(pilot)
        field = live.query_one("#decision", CommitTextArea)
        with opened(started) as minutes:
            minutes.record_decision(mid, ACTOR, item, THEIRS)  # on another machine
        appeared = await shown(pilot, field, THEIRS)
        await type_text(pilot, MINE[0])  # typed on the empty field the secretary saw
        assert time.monotonic() - appeared < REACTION, "too slow to test the race"
        await type_text(pilot, MINE[1:])
        assert field.text == MINE
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ændret af en anden" in notified(pilot)
    assert decision(started) == THEIRS


async def test_text_seen_for_a_moment_is_typed_onto(started: str) -> None:
    mid, item = budget(started)
    async with running(started) as pilot:
        live = await live_at_budget(pilot)
        field = live.query_one("#decision", CommitTextArea)
        with opened(started) as minutes:
            minutes.record_decision(mid, ACTOR, item, THEIRS)  # on another machine
        await shown(pilot, field, THEIRS)
        await pilot.pause(REACTION + 0.3)
        await pilot.press("ctrl+end")
        await type_text(pilot, " " + MINE)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert decision(started) == f"{THEIRS} {MINE}"
