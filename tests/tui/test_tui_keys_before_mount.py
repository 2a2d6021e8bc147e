"""Keys that arrive before a screen has mounted its widgets (issue 20): a dialog-opening
key followed at once by submit, cancel or text must not crash the app nor lose what was
typed before it. The keys are posted back to back, as a quick typist over SSH sends them."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.live import LiveScreen
from tests.tui.tui_pilot import only_meeting, opened, running, settle, shown_item

DECISION = "Udvalget godkendte indstillingen."


def burst(pilot: Pilot[None], keys: list[str]) -> None:
    """Every key posted at once, with no pause between them."""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))


def typed(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def to_live(pilot: Pilot[None]) -> LiveScreen:
    await pilot.press("l")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen), screen
    return screen


def decision_of(db: str, title: str) -> str | None:
    with opened(db) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    item = next(i for i in state.active_items() if i.title == title)
    return item.decision.text if item.decision else None


async def test_a_decision_then_the_vote_key_then_save_at_once(started: str) -> None:
    async with running(started) as pilot:
        live = await to_live(pilot)
        title = shown_item(live).title
        burst(pilot, [*typed(DECISION), "ctrl+t", "ctrl+s"])
        await settle(pilot)
        assert pilot.app.is_running
        assert not isinstance(pilot.app.screen, FormScreen)  # submitted: an empty vote
    assert decision_of(started, title) == DECISION


async def test_absence_key_then_save_at_once_keeps_the_form_and_stores_nothing(
    started: str,
) -> None:
    """ctrl+f ctrl+s: an absence with no one named is not saved; the form is back, open
    for the name, and the app is up (it crashed here before the gate)."""
    async with running(started) as pilot:
        live = await to_live(pilot)
        item = live.item_id
        burst(pilot, ["ctrl+f", "ctrl+s"])
        await settle(pilot)
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, FormScreen), pilot.app.screen
        burst(pilot, ["a", "n", "enter", "ctrl+s"])  # Anne Holm, picked by typing
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FormScreen)
    with opened(started) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    assert [a.name for a in state.item(item).absent] == ["Anne Holm"]


async def test_a_remark_typed_in_one_burst_keeps_its_person_and_text(started: str) -> None:
    async with running(started) as pilot:
        live = await to_live(pilot)
        item = live.item_id
        assert item is not None
        burst(pilot, ["ctrl+r", "b", "enter", *typed("Imod forslaget"), "ctrl+s"])
        await settle(pilot)
        assert pilot.app.is_running
    with opened(started) as minutes:
        meeting = minutes.get(only_meeting(minutes))
    remarks = [(r.by, r.text) for r in meeting.item(item).remarks]
    assert remarks == [("Bo Lind", "Imod forslaget")], remarks
