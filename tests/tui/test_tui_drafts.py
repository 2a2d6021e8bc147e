"""The draft journal (issue 20): text typed and not yet stored is on disk within a second,
gone once stored; a crash's drafts are offered back when the meeting opens and stored
only when the user says so; a save that fails keeps the text; an unexpected error is a
message and the app goes on."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from uuid import UUID

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from chefforum_tui.drafts import RestoreScreen
from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.live import LiveScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.widgets.fields import CommitTextArea
from domain.application import Minutes
from domain.clock import zone
from projections.documents.referat import digest
from projections.store.drafts import DraftJournal, drafts_folder
from tests.tui.tui_pilot import (
    ACTOR,
    BUDGET,
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

DECISION = "Udvalget tog orienteringen til efterretning."


def journal(db: str) -> DraftJournal:
    return DraftJournal(drafts_folder(db))


def budget(db: str) -> tuple[UUID, UUID]:
    with opened(db) as minutes:
        mid = only_meeting(minutes)
        item = next(i for i in minutes.get(mid).state.active_items() if i.title == BUDGET)
    return mid, item.id


async def live_at_budget(pilot: Pilot[None]) -> LiveScreen:
    await pilot.press("l")
    await settle(pilot)
    live = pilot.app.screen
    assert isinstance(live, LiveScreen), live
    while shown_item(live).title != BUDGET:
        await pilot.press("ctrl+down")
        await settle(pilot)
    return live


def decision(db: str) -> str | None:
    mid, item = budget(db)
    with opened(db) as minutes:
        found = minutes.get(mid).item(item).decision
    return found.text if found else None


async def test_typed_text_is_in_the_journal_within_a_second_until_stored(started: str) -> None:
    mid, item = budget(started)
    async with running(started) as pilot:
        await live_at_budget(pilot)
        before = len(stored(started))
        await type_text(pilot, DECISION)
        await asyncio.sleep(1.0)  # the journal is at most a second behind the keys
        drafts = journal(started).drafts(mid)
        assert [(d.item_id, d.field, d.text) for d in drafts] == [(item, "decision", DECISION)]
        assert recorded_since(started, before) == []  # journalled, not stored
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert journal(started).drafts(mid) == []
    assert decision(started) == DECISION


async def test_a_crash_s_drafts_are_offered_back_and_stored_only_when_accepted(
    started: str,
) -> None:
    mid, item = budget(started)
    left = journal(started).write(mid, item, "decision", DECISION, "")  # as a killed app left it
    before = len(stored(started))
    async with running(started, open_meeting=False) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        offer = pilot.app.screen
        assert isinstance(offer, RestoreScreen), offer
        assert DECISION in str(offer.query_one("#draft-text").render())
        # When, in the meeting's zone (Copenhagen), whatever the machine's zone.
        local = datetime.fromisoformat(left.written).astimezone(zone("Europe/Copenhagen"))
        said = " ".join(str(w.render()) for w in offer.query(Static))
        assert f"Skrevet {local:%d-%m-%Y kl. %H:%M:%S}" in said, said
        await pilot.press("v", "enter")  # typed on by habit: neither stores it
        await settle(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
    assert recorded_since(started, before) == []
    assert [d.text for d in journal(started).drafts(mid)] == [DECISION]
    async with running(started, open_meeting=False) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RestoreScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert recorded_since(started, before) == ["DecisionRecorded"]
    assert decision(started) == DECISION
    assert journal(started).drafts(mid) == []


async def test_a_save_refused_keeps_the_text_in_its_field_and_the_journal(started: str) -> None:
    mid, item = budget(started)
    async with running(started) as pilot:
        live = await live_at_budget(pilot)
        await type_text(pilot, DECISION)
        with opened(started) as minutes:  # someone else decides meanwhile
            minutes.record_decision(mid, ACTOR, item, "Sagen blev udsat.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ændret af en anden" in notified(pilot)
        assert live.query_one("#decision", CommitTextArea).text == DECISION
        await asyncio.sleep(1.0)
        assert [d.text for d in journal(started).drafts(mid)] == [DECISION]
    assert decision(started) == "Sagen blev udsat."


async def test_an_unexpected_error_is_a_message_and_the_app_goes_on(
    started: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a use case (here: one made to fail) is shown; the typed decision stays."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("indbygget fejl")

    monkeypatch.setattr(Minutes, "record_votes", broken)
    async with running(started) as pilot:
        live = await live_at_budget(pilot)
        await type_text(pilot, DECISION)
        await pilot.press("ctrl+t", "ctrl+s")
        await settle(pilot)
        assert pilot.app.is_running
        assert "Uventet fejl (RuntimeError: indbygget fejl)" in notified(pilot)
        assert isinstance(pilot.app.screen, LiveScreen)
        await pilot.press("ctrl+down")  # the screen still answers keys
        await settle(pilot)
        assert shown_item(live).title != BUDGET
        errors = pilot.app.unexpected  # type: ignore[attr-defined]
        assert [str(e) for e in errors] == ["indbygget fejl"]
        errors.clear()  # seen: not a failure of running()
        log = Path(drafts_folder(started)) / "errors.log"
        assert "RuntimeError: indbygget fejl" in log.read_text(encoding="utf-8")
    assert decision(started) == DECISION  # committed on the way to the vote


async def test_a_dialog_whose_save_is_refused_opens_again_with_the_text(started: str) -> None:
    """The minutes are signed elsewhere while a remark is typed: the refusal says why and
    the remark form is back with the person and the text as they were."""
    mid, _ = budget(started)
    async with running(started) as pilot:
        await live_at_budget(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("b", "enter")  # Bo Lind, picked by typing; on to the text
        await type_text(pilot, "Bo Lind stemte imod")
        with opened(started) as minutes:
            minutes.end_meeting(mid, ACTOR)
            minutes.sign_minutes(mid, ACTOR, "Anne Holm", digest)
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen), form
        assert form.query_one("#field-text", TextArea).text == "Bo Lind stemte imod"
        assert "Afvist" in " ".join(str(n.title) for n in pilot.app._notifications)
        await pilot.press("escape")  # the user gives up: that is theirs to decide
        await settle(pilot)
