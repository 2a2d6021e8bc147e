"""The meeting's life from the keyboard: roles, publish, start, end; then the chair signs,
the minutes lock, and only a correction can be added."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from textual.widgets import Input

from chefforum_tui.app import ChefforumApp
from chefforum_tui.forms import lifecycle
from chefforum_tui.screens.dialogs import FormScreen
from domain.clock import clock_time
from tests.tui.tui_pilot import (
    ACTOR,
    FORUM,
    choose,
    fill,
    meeting_screen,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    shown,
    stored,
    tab_to,
)


async def test_publish_start_and_end_ask_the_time(
    committee: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start and end ask the time, offering the clock in Copenhagen (not the machine's
    UTC clock); the time typed is what is stored."""
    summer_afternoon = datetime(2026, 9, 2, 14, 5, tzinfo=UTC)  # 16:05 in Copenhagen
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setattr(
        lifecycle, "clock_time", lambda zone: clock_time(zone, clock=lambda: summer_afternoon)
    )
    before = len(stored(committee))
    async with running(committee) as pilot:
        # Karen founded the forum as its secretary; she chairs it too (to end and approve).
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert "Dagsordenen er udsendt." in notified(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)
        assert pilot.app.screen.query_one("#field-at", Input).value == "16:05"
        await pilot.press("enter")  # the time offered
        await settle(pilot)
        assert "Mødet er startet kl. 16:05." in notified(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, {"at": "17.40"})
        await pilot.press("enter")
        await settle(pilot)
        assert "Mødet er afsluttet kl. 17:40." in notified(pilot)
        assert shown(meeting_screen(pilot)).state.status == "ended"
    assert recorded_since(committee, before) == [
        "AgendaPublished",
        "MeetingStarted",
        "MeetingEnded",
    ]
    events = stored(committee)
    assert (events[-2].start, events[-1].end) == (time(16, 5), time(17, 40))
    with opened(committee) as minutes:
        forum = minutes.forum(FORUM)
    assert forum is not None and forum.state.roles[ACTOR] == ["secretary", "chair"]


@pytest.mark.slow  # over 10 s: several forms filled key by key
async def test_a_paper_signature_locks_and_only_corrections_follow(ended: str) -> None:
    """The secretary records Anne Holm's signature, given on paper; the minutes lock, the
    keys that would change them are gone and say why; a correction can still be added,
    also to the header (times, place, attendance) with its reason."""
    before = len(stored(ended))
    async with running(ended) as pilot:
        await pilot.press("g")
        await settle(pilot)
        await fill(pilot, {"reservation": "Med forbehold for punkt 2"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = meeting_screen(pilot)
        assert "Underskriften fra Anne Holm, givet på papir, er registreret af Karen Dahl." in (
            notified(pilot)
        )
        assert screen.query_one("#title").disabled
        shown = [b.binding.action for b in screen.active_bindings.values() if b.binding.show]
        assert not {"add_item", "publish", "start", "end"} & set(shown), shown
        assert "correction" in shown
        signed = len(stored(ended))
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FormScreen)  # not offered, and told why
        assert "Nyt punkt er ikke muligt: referatet er godkendt" in notified(pilot)
        assert len(stored(ended)) == signed

        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, {"reason": "Forkert stemmetal", "text": "Der var 3 stemmer for."})
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("r")
        await settle(pilot)
        await tab_to(pilot, "field-item")
        await pilot.press("enter", "up", "enter")  # from item 1 up to the meeting's header
        await fill(pilot, {"reason": "Uret i salen gik forkert"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)  # the header, as approved
        await fill(pilot, {"end": "18:10"})
        await choose(pilot, "person-1", 2)  # Bo Lind: fraværende
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorded_since(ended, before) == [
        "MinutesApproved",
        "CorrectionAdded",
        "CorrectionAdded",
    ]
    with opened(ended) as minutes:
        state = minutes.get(only_meeting(minutes)).state
    approval = state.approvals[0]
    assert (approval.by, approval.recorded_by) == ("Anne Holm", ACTOR)
    assert approval.reservation == "Med forbehold for punkt 2"
    first, header = state.corrections
    assert (first.reason, first.text) == ("Forkert stemmetal", "Der var 3 stemmer for.")
    assert first.item_id == state.active_items()[0].id  # the selected item
    assert (header.item_id, header.reason) == (None, "Uret i salen gik forkert")
    assert header.text.splitlines() == [
        "Mødets afslutning rettes fra intet klokkeslæt til kl. 18:10.",
        "Fremmøde for Bo Lind rettes fra til stede til fraværende.",
    ]


async def test_a_locked_field_says_the_rule_that_locks_it(committee: str) -> None:
    """A member who is no secretary is told why the item's fields are locked (the domain's
    rule), not that the minutes are approved: they are not."""
    app = ChefforumApp(committee, "Bo Lind")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("alt+t")
        await settle(pilot)
        assert (
            "Feltet kan ikke redigeres: kun sekretærer i Økonomiudvalget kan ændre dagsorden og "
            "referat; Bo Lind er ikke sekretær."
        ) in notified(pilot)
    assert app.unexpected == []
