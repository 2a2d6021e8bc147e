"""Nothing lost, nothing invented (issue 11): text being typed when the editor moves to
another item is stored on the item it was typed for; a kind or flag echoed late by its
widget is not stored; opening a meeting stores nothing."""

from __future__ import annotations

from textual.widgets import Checkbox, Select

from chefforum_tui.widgets.choices import Check
from chefforum_tui.widgets.fields import CommitInput, CommitTextArea
from chefforum_tui.widgets.item_editor import NO_KIND
from tests.tui.tui_pilot import (
    BUDGET,
    focus,
    meeting_screen,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown,
    shown_item,
    stored,
    type_text,
)


async def test_opening_a_new_meeting_and_late_echoes_store_nothing(scheduled: str) -> None:
    """Item 1 of a new meeting is of kind 'beslutning'. The Select posts a Changed for its
    first value when it mounts, maybe after the meeting has loaded; an echo like that
    (and a check box's) must not be stored as a change nobody made."""
    before = len(stored(scheduled))
    async with running(scheduled) as pilot:
        screen = meeting_screen(pilot)
        kind = screen.query_one("#kind", Select)
        closed = screen.query_one("#closed", Check)
        assert kind.value == "beslutning"
        kind.post_message(Select.Changed(kind, NO_KIND))  # as at mount, arriving late
        closed.post_message(Checkbox.Changed(closed, True))  # a value it no longer shows
        await settle(pilot)
        await pilot.press("down", "up")  # moving between items changes nothing either
        await settle(pilot)
    assert recorded_since(scheduled, before) == []
    with opened(scheduled) as minutes:
        first = minutes.get(only_meeting(minutes)).state.active_items()[0]
    assert first.kind == "beslutning"


async def test_text_typed_while_the_editor_moves_on_is_stored_on_its_own_item(
    committee: str,
) -> None:
    """The editor is told to show another item (as after adding one, or a history jump)
    while 'Hvem indstiller' holds text not yet committed: it is stored on its item."""
    before = len(stored(committee))
    async with running(committee) as pilot:
        await pilot.press("down")
        await settle(pilot)
        screen = meeting_screen(pilot)
        assert shown_item(screen).title == BUDGET
        await focus(pilot, "rec_by")
        await type_text(pilot, "Direktionen")
        roads = shown(screen).state.active_items()[2].id
        screen.show_item(roads)  # no key: the screen moves on by itself
        await settle(pilot)
        assert screen.query_one("#rec_by", CommitInput).value == ""  # item 3's, which has none
    assert recorded_since(committee, before) == ["RecommendationDrafted"]
    with opened(committee) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    recommendations = {i.title: i.recommendation for i in state.active_items()}
    budget = recommendations[BUDGET]
    assert budget is not None and budget.by == "Direktionen"
    assert recommendations["Vejbelysning"] is None


async def test_a_commit_handled_after_the_move_goes_to_the_item_left(committee: str) -> None:
    """Leaving a field and moving on at once: the commit is handled after the move, and
    still names the item the text was typed for."""
    before = len(stored(committee))
    async with running(committee) as pilot:
        await pilot.press("down")
        await settle(pilot)
        await focus(pilot, "rec_points")
        await type_text(pilot, "at opfølgningen godkendes")
        await pilot.press("alt+d", "down", "down")  # to the agenda, two items on
        await settle(pilot)
        assert meeting_screen(pilot).query_one("#rec_points", CommitTextArea).text == ""
    assert recorded_since(committee, before) == ["RecommendationDrafted"]
    with opened(committee) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    budget = state.active_items()[1]
    assert budget.recommendation is not None
    assert budget.recommendation.points == ("at opfølgningen godkendes",)
    assert all(i.recommendation is None for i in state.active_items() if i.id != budget.id)
