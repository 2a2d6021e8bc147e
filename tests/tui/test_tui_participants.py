"""The participant forms: a participant is added with a role, and edited (details and
attendance together)."""

from __future__ import annotations

import pytest

from tests.tui.tui_pilot import (
    choose,
    fill,
    meeting_screen,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown,
    stored,
    tab_to,
    type_text,
)


@pytest.mark.slow  # over 10 s: several forms filled key by key
async def test_participants_are_added_with_their_role(scheduled: str) -> None:
    before = len(stored(scheduled))
    async with running(scheduled) as pilot:
        for name, role in (
            ("Anne Holm", "chair"),
            ("Bo Lind", "member"),
            ("Cecilie Ravn", "member"),
        ):
            await pilot.press("d")
            await settle(pilot)
            await fill(pilot, {"name": name, "title": "Medlem af udvalget"})
            if role == "chair":
                await choose(pilot, "role", 1)
            await pilot.press("ctrl+s")
            await settle(pilot)
        state = shown(meeting_screen(pilot)).state
        assert [(p.name, p.role) for p in state.participants] == [
            ("Anne Holm", "chair"),
            ("Bo Lind", "member"),
            ("Cecilie Ravn", "member"),
        ]
    assert recorded_since(scheduled, before) == ["ParticipantAdded"] * 3


async def test_a_participant_is_edited_and_marked_absent(committee: str) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        await tab_to(pilot, "participants")
        await pilot.press("down")  # Bo Lind
        await pilot.press("f")
        await settle(pilot)
        await tab_to(pilot, "field-title")
        await pilot.press("ctrl+u")
        await type_text(pilot, "Næstformand")
        await choose(pilot, "attendance", 2)  # fraværende
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorded_since(committee, before) == ["ParticipantChanged", "AttendanceRecorded"]
    with opened(committee) as minutes:
        bo = minutes.get(only_meeting(minutes)).participant("Bo Lind")
    assert (bo.title, bo.attendance) == ("Næstformand", "absent")


async def test_a_participant_is_removed(committee: str) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        await tab_to(pilot, "participants")
        await pilot.press("down", "down")  # Cecilie Ravn
        await pilot.press("f")
        await settle(pilot)
        await tab_to(pilot, "field-remove")
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
    assert recorded_since(committee, before) == ["ParticipantRemoved"]
    with opened(committee) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    assert [p.name for p in state.participants] == ["Anne Holm", "Bo Lind"]
