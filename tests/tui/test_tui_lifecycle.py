"""The meeting's life from the keyboard: roles, publish, start, end; then the chair signs,
the minutes lock, and only a correction can be added."""

from __future__ import annotations

import pytest

from chefforum_tui.screens.dialogs import FormScreen
from tests.tui.tui_pilot import (
    ACTOR,
    FORUM,
    fill,
    meeting_screen,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    stored,
)


async def test_publish_start_and_end(committee: str) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        # Karen founded the forum as its secretary; she chairs it too (to end and approve).
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        for key, said in (
            ("p", "Dagsordenen er udsendt."),
            ("s", "Mødet er startet."),
            ("e", "Mødet er afsluttet."),
        ):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("j")
            await settle(pilot)
            assert said in notified(pilot)  # at once: a message expires after a while
        assert meeting_screen(pilot).meeting.state.status == "ended"
    assert recorded_since(committee, before) == [
        "AgendaPublished",
        "MeetingStarted",
        "MeetingEnded",
    ]
    with opened(committee) as minutes:
        forum = minutes.forum(FORUM)
    assert forum is not None and forum.state.roles[ACTOR] == ["secretary", "chair"]


@pytest.mark.slow  # over 10 s: several forms filled key by key
async def test_the_chair_signs_and_the_minutes_lock(ended: str) -> None:
    before = len(stored(ended))
    async with running(ended) as pilot:
        await pilot.press("g")
        await settle(pilot)
        await fill(pilot, {"reservation": "Med forbehold for punkt 2"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = meeting_screen(pilot)
        assert "Anne Holm har underskrevet referatet." in notified(pilot)
        assert screen.query_one("#title").disabled
        signed = len(stored(ended))
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)
        await fill(pilot, {"title": "Et sent punkt"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(stored(ended)) == signed  # refused: approved minutes take no edits
        assert "godkendt og kan ikke ændres" in notified(pilot)

        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, {"reason": "Forkert stemmetal", "text": "Der var 3 stemmer for."})
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorded_since(ended, before) == ["MinutesApproved", "CorrectionAdded"]
    with opened(ended) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    assert state.approvals[0].by == "Anne Holm"
    assert state.approvals[0].reservation == "Med forbehold for punkt 2"
    assert state.corrections[0].reason == "Forkert stemmetal"
    assert state.corrections[0].text == "Der var 3 stemmer for."
    assert state.corrections[0].item_id == state.active_items()[0].id  # the selected item
