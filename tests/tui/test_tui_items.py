"""The agenda's forms: new items go after the selected one (before the closing standing
item); an item is withdrawn with a reason and moved with a key."""

from __future__ import annotations

import pytest

from tests.tui.tui_pilot import (
    BUDGET,
    CLOSING,
    OPENING,
    fill,
    meeting_screen,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown_item,
    stored,
    tab_to,
)


@pytest.mark.slow  # over 10 s: several forms filled key by key
async def test_items_are_added_from_the_form(scheduled: str) -> None:
    before = len(stored(scheduled))
    async with running(scheduled) as pilot:
        for title, case in (
            (BUDGET, "00.30.00-S00-2-26"),
            ("Vejbelysning", "05.01.08-G01-4-26"),
            ("Personalesag", ""),
        ):
            await pilot.press("a")
            await settle(pilot)
            await fill(pilot, {"title": title, "case_number": case, "minutes": "20"})
            if title == "Personalesag":
                await tab_to(pilot, "field-closed")
                await pilot.press("space")
            await pilot.press("ctrl+s")
            await settle(pilot)
        screen = meeting_screen(pilot)
        assert shown_item(screen).title == "Personalesag"  # the new one
    assert recorded_since(scheduled, before) == ["ItemAdded"] * 3
    with opened(scheduled) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    assert [i.title for i in state.active_items()] == [
        OPENING,
        BUDGET,
        "Vejbelysning",
        "Personalesag",
        CLOSING,
    ]
    budget = state.active_items()[1]
    assert (budget.case_number, budget.duration_minutes) == ("00.30.00-S00-2-26", 20)
    assert state.active_items()[3].closed
    assert not state.active_items()[2].closed


async def test_an_item_is_moved_and_withdrawn(committee: str) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        await pilot.press("down")  # Budgetopfølgning
        await settle(pilot)
        await pilot.press("ctrl+down")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await fill(pilot, {"reason": "Sagen er ikke klar"})
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorded_since(committee, before) == ["ItemMoved", "ItemWithdrawn"]
    with opened(committee) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    # Withdrawn, the item keeps its number and is printed as withdrawn (issue 13).
    assert [i.title for i in state.active_items()] == [
        OPENING,
        "Vejbelysning",
        BUDGET,
        "Personalesag",
        CLOSING,
    ]
    (withdrawn,) = [i for i in state.items if i.status == "trukket"]
    assert (withdrawn.title, withdrawn.status_reason) == (BUDGET, "Sagen er ikke klar")
