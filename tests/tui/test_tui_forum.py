"""The forum screen, reached from the meeting list: a member and a standing closing item
set from the keyboard, and the next meeting made from the forum."""

from __future__ import annotations

from datetime import date

from chefforum_tui.screens.dialogs import ConfirmScreen
from chefforum_tui.screens.forum import ForumScreen
from domain.forum.template import new_meeting
from tests.builders import forum_events
from tests.tui.tui_pilot import (
    ACTOR,
    BUDGET,
    CLOSING,
    FORUM,
    OPENING,
    choose,
    fill,
    meeting_screen,
    notified,
    opened,
    running,
    settle,
    shown,
    tab_to,
)


async def test_the_forum_is_kept_from_its_screen_and_a_new_meeting_follows_it(
    scheduled: str,
) -> None:
    async with running(scheduled, open_meeting=False) as pilot:
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ForumScreen)
        await pilot.press("m")
        await settle(pilot)
        await fill(pilot, {"name": "Anne Holm", "party": "A", "substitutes": "Dan Berg"})
        await tab_to(pilot, "field-role")
        await pilot.press("enter", "up", "up", "enter")  # from medlem up to formand
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await fill(pilot, {"title": "Eventuelt"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await choose(pilot, "numbering", 1)  # through the year
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Anne Holm (A), formand; stedfortrædere: Dan Berg" in str(
            pilot.app.screen.query_one("#forum").render()
        )
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, {"forum": FORUM, "date": "2026-10-07"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        state = shown(meeting_screen(pilot)).state
        assert notified(pilot) == ""
    assert [p.name for p in state.participants] == ["Anne Holm"]
    assert [p.role for p in state.participants] == ["chair"]
    assert [i.title for i in state.items] == [OPENING, "Eventuelt"]
    assert state.first_number == 3  # on from the meeting in September
    assert state.date == date(2026, 10, 7)
    with opened(scheduled) as minutes:
        forum = minutes.forum(FORUM)
        assert forum is not None
        events = forum_events(minutes, forum.id)
    assert [type(e).TOPIC for e in events][-3:] == [
        "chefforum:MemberSet",
        "chefforum:StandingItemSet",
        "chefforum:SettingsChanged",
    ]
    assert all(e.actor == ACTOR for e in events)


async def test_an_item_is_postponed_and_a_vote_that_does_not_add_up_is_confirmed(
    started: str,
) -> None:
    with opened(started) as minutes:
        new_meeting(minutes, ACTOR, FORUM, date(2026, 10, 7))
    async with running(started, open_meeting=False) as pilot:
        await pilot.press("down", "enter")  # the list shows the newest first
        await settle(pilot)
        assert shown(meeting_screen(pilot)).state.date == date(2026, 9, 2)
        await pilot.press("down")  # Budgetopfølgning
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await fill(pilot, {"reason": "Afventer regnskabet"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("down")  # Vejbelysning
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        await fill(pilot, {"text": "Forslaget", "for": "5"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)  # 5 votes, 3 present: asked
        await pilot.press("j")
        await settle(pilot)
    with opened(started) as minutes:
        september, october = (minutes.get(s.id).state for s in minutes.summaries())
    budget = september.items[1]
    assert (budget.title, budget.status, budget.status_reason) == (
        BUDGET,
        "udsat",
        "Afventer regnskabet",
    )
    assert [i.title for i in october.items] == [OPENING, BUDGET, CLOSING]
    assert october.items[1].carried_from is not None
    lighting = september.items[2]
    assert lighting.decision is not None
    assert [(m.text, m.votes[0].count) for m in lighting.decision.motions] == [("Forslaget", 5)]
