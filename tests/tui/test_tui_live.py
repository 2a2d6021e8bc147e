"""Taking the minutes live: from the meeting screen one key opens the live view with the
cursor in the decision; the decisions of a six-item meeting, a vote and an absence are
recorded with few keys besides the text, each decision committed on the way."""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot

from chefforum_tui.screens.live import LiveScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.widgets.fields import CommitTextArea
from tests.tui.tui_pilot import (
    ACTOR,
    meeting_screen,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown,
    stored,
    type_text,
)

BUDGET_DECISION = "Opfølgningen blev taget til efterretning med bemærkninger."
ROADS = "Forvaltningen undersøger belysningen på Skovvej."


@pytest.fixture
def six_items(started: str) -> str:
    """The started meeting with a sixth item (a supplementary one, added after publishing)."""
    with opened(started) as minutes:
        minutes.add_item(only_meeting(minutes), ACTOR, "Skolestruktur", position=4)
    return started


class Keys:
    """Presses keys and counts them (the text typed is not counted)."""

    def __init__(self, pilot: Pilot[None]) -> None:
        self.pilot = pilot
        self.count = 0

    async def __call__(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await settle(self.pilot)


def live(pilot: Pilot[None]) -> LiveScreen:
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen), screen
    return screen


@pytest.mark.slow  # over 10 s: a whole meeting's minutes
async def test_six_items_minuted_live_in_few_keys(six_items: str) -> None:
    before = len(stored(six_items))
    async with running(six_items, size=(80, 24)) as pilot:
        press = Keys(pilot)
        await press("l")
        assert pilot.app.focused is not None and pilot.app.focused.id == "decision"
        await press("f5")  # 1. Godkendt.
        await press("ctrl+down")
        await type_text(pilot, BUDGET_DECISION)  # 2. typed
        await press("ctrl+t")  # the vote: the first field is the count for
        await type_text(pilot, "3")
        await press("ctrl+s")
        assert pilot.app.focused is not None and pilot.app.focused.id == "decision"
        await press("ctrl+down")
        await press("f6")  # 3. Taget til efterretning.
        await press("ctrl+f", "a", "enter")  # an absence: Anne Holm, afbud (the first reason)
        await press("ctrl+s")
        await press("ctrl+down")
        await press("f7")  # 4. Drøftet.
        await press("ctrl+down")
        await type_text(pilot, ROADS)  # 5. typed
        await press("ctrl+down")
        await press("f8")  # 6. Intet at bemærke.
        await press("escape")  # leaves the decision (committing it) for the agenda
        await press("backspace")  # back to the meeting screen
        assert meeting_screen(pilot).item_id == shown(meeting_screen(pilot)).state.items[-1].id
        print(f"\nKeys pressed besides the text typed: {press.count}")
        assert press.count < 40
    assert recorded_since(six_items, before) == [
        "DecisionRecorded",
        "DecisionRecorded",
        "VotesRecorded",
        "DecisionRecorded",
        "ItemAbsenceRecorded",
        "DecisionRecorded",
        "DecisionRecorded",
        "DecisionRecorded",
    ]
    with opened(six_items) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    decisions = [i.decision.text if i.decision else "" for i in state.active_items()]
    assert decisions == [
        "Godkendt.",
        BUDGET_DECISION,
        "Taget til efterretning.",
        "Drøftet.",
        ROADS,
        "Intet at bemærke.",
    ]
    budget, roads = state.active_items()[1:3]
    assert budget.decision is not None
    assert [(v.option, v.count) for v in budget.decision.votes] == [("for", 3)]
    assert [(a.name, a.reason) for a in roads.absent] == [("Anne Holm", "afbud")]


def footer_actions(pilot: Pilot[None]) -> set[str]:
    bound = pilot.app.screen.active_bindings.values()
    return {b.binding.action for b in bound if b.binding.show}


async def test_the_live_view_is_offered_only_while_the_meeting_is_held(committee: str) -> None:
    async with running(committee) as pilot:
        assert "live" not in footer_actions(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
        assert "Tag referat er ikke muligt: mødet er ikke i gang." in notified(pilot)
    with opened(committee) as minutes:
        mid = only_meeting(minutes)
        minutes.publish_agenda(mid, ACTOR)
        minutes.start_meeting(mid, ACTOR)
    async with running(committee) as pilot:
        assert "live" in footer_actions(pilot)
        assert not {"publish", "start"} & footer_actions(pilot)


async def test_a_phrase_follows_the_text_and_moving_back_commits(started: str) -> None:
    before = len(stored(started))
    async with running(started) as pilot:
        await pilot.press("down", "l")  # Budgetopfølgning
        await settle(pilot)
        await type_text(pilot, "Indstillingen blev")
        await pilot.press("f5")
        await pilot.press("ctrl+up")  # back to item 1: the decision is stored on item 2
        await settle(pilot)
        assert live(pilot).query_one("#decision", CommitTextArea).text == ""
    assert recorded_since(started, before) == ["DecisionRecorded"]
    with opened(started) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert budget.decision is not None
    assert budget.decision.text == "Indstillingen blev Godkendt."


async def test_text_typed_just_before_moving_on_stays_on_its_item(started: str) -> None:
    """Keys arriving together: the text and ctrl+down are handled in the order typed, so
    the whole text is the first item's decision and the rest the second's."""
    before = len(stored(started))
    async with running(started) as pilot:
        await pilot.press("l")
        await settle(pilot)
        keys = [*"Drøftet i", "ctrl+down", *"Godkendt", "f5", "ctrl+down"]
        for key in keys:
            pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
    assert recorded_since(started, before) == ["DecisionRecorded", "DecisionRecorded"]
    with opened(started) as minutes:
        first, second = minutes.get(only_meeting(minutes)).state.active_items()[:2]
    assert first.decision is not None and first.decision.text == "Drøftet i"
    assert second.decision is not None and second.decision.text == "Godkendt Godkendt."


async def test_a_remark_typed_by_the_secretary_says_so_in_the_live_list(started: str) -> None:
    """As in the referat: a remark the secretary entered for a member is not shown as the
    member's own words."""
    with opened(started) as minutes:
        minutes.add_statement(only_meeting(minutes), ACTOR, "2", "Bo Lind", "Ført til protokols.")
    async with running(started) as pilot:
        await pilot.press("down", "l")  # Budgetopfølgning
        await settle(pilot)
        shown = str(live(pilot).query_one("#recorded-text").render())
    assert "Protokolbemærkning fra Bo Lind (indført af Karen Dahl): Ført til protokols." in shown
