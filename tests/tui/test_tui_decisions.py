"""The forms for what was decided besides the text: the vote, a protocol remark, and a
member's absence from one item."""

from __future__ import annotations

import pytest

from chefforum_tui.screens.dialogs import ConfirmScreen, FormScreen
from tests.tui.tui_pilot import (
    BUDGET,
    fill,
    meeting_screen,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown_item,
    stored,
    type_text,
)

REMARK = "Bo Lind ønsker sin afvigende mening ført til protokols."


@pytest.mark.slow  # over 10 s: several forms filled key by key
async def test_vote_remark_and_absence(started: str) -> None:
    before = len(stored(started))
    async with running(started) as pilot:
        await pilot.press("down")
        await settle(pilot)
        screen = meeting_screen(pilot)
        assert shown_item(screen).title == BUDGET
        await pilot.press("v")
        await settle(pilot)
        await fill(pilot, {"for": "2: Anne Holm, Cecilie Ravn", "against": "1: Bo Lind"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await type_text(pilot, "bo")
        await pilot.press("enter")  # Bo Lind, and on to the text
        await type_text(pilot, REMARK)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("a", "enter", "i")  # Anne Holm, inhabil
        await pilot.press("ctrl+s")
        await settle(pilot)
        # She voted for the budget: absent and voting cannot both be right, so it asks.
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Anne Holm har stemt for på punktet" in pilot.app.screen.question
        await pilot.press("n")  # no: the form comes back as it was filled in
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)
        assert pilot.app.screen.values()["name"] == "Anne Holm"
        assert pilot.app.screen.values()["reason"] == "inhabil"
        assert recorded_since(started, before) == ["VotesRecorded", "RemarkAdded"]
        await pilot.press("ctrl+s", "j")  # yes: recorded as the secretary says
        await settle(pilot)
    assert recorded_since(started, before) == [
        "VotesRecorded",
        "RemarkAdded",
        "ItemAbsenceRecorded",
    ]
    with opened(started) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert budget.decision is not None
    assert [(v.option, v.count, v.who) for v in budget.decision.votes] == [
        ("for", 2, ("Anne Holm", "Cecilie Ravn")),
        ("against", 1, ("Bo Lind",)),
    ]
    assert [(r.by, r.text) for r in budget.remarks] == [("Bo Lind", REMARK)]
    assert [(a.name, a.reason) for a in budget.absent] == [("Anne Holm", "inhabil")]


async def test_a_remark_needs_participants(scheduled: str) -> None:
    before = len(stored(scheduled))
    async with running(scheduled) as pilot:
        await pilot.press("m")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "MeetingScreen"
        assert "Mødet har ingen deltagere endnu (tryk d)." in notified(pilot)
    assert recorded_since(scheduled, before) == []


async def test_escape_asks_before_a_typed_motion_is_thrown_away(started: str) -> None:
    """Escape leaves a field and cancels a form: a form with typing asks first, and no
    (or escape again) returns to the form with every letter in it."""
    motion = "Forslag om at udsætte budgettet til næste møde"
    before = len(stored(started))
    async with running(started) as pilot:
        await pilot.press("down", "v")  # the vote, opened empty: escape closes it at once
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FormScreen | ConfirmScreen)
        await pilot.press("v", "alt+t")
        await settle(pilot)
        await type_text(pilot, motion)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen), pilot.app.screen
        await pilot.press("escape")  # no: back to the form as it was
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["text"] == motion
        await pilot.press("escape", "n")
        await settle(pilot)
        assert pilot.app.screen is form and form.values()["text"] == motion
        await pilot.press("escape", "j")  # yes: thrown away, as the user asked
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FormScreen | ConfirmScreen)
    assert recorded_since(started, before) == []
