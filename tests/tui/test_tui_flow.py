"""The whole flow from the keyboard, checked on the stored events and the exported text."""

from __future__ import annotations

from pathlib import Path

from chefforum_tui.app import ChefforumApp
from chefforum_tui.screens.meeting import MeetingScreen
from projections.store.connect import open_minutes
from tests.tui.tui_pilot import fill, settle, tab_to, type_text

ACTOR = "Karen Dahl"


def stored(db: str) -> list:
    minutes = open_minutes(db)
    try:
        (meeting_id,) = minutes.meeting_ids()
        return list(minutes.events.get(meeting_id))
    finally:
        minutes.close()


def kinds(events: list) -> list[str]:
    return [type(e).TOPIC.removeprefix("chefforum:") for e in events]


async def test_secretary_runs_a_meeting_from_the_keyboard(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    app = ChefforumApp(db, ACTOR)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        # A new meeting of a new forum starts with the standing items.
        await pilot.press("n")
        await settle(pilot)
        await fill(
            pilot,
            {
                "forum": "Økonomiudvalget",
                "date": "2026-09-02",
                "start": "16:00",
                "place": "Byrådssalen",
            },
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)

        for name, role in (
            ("Anne Holm", "chair"),
            ("Bo Lind", "member"),
            ("Cecilie Ravn", "member"),
        ):
            await pilot.press("d")
            await settle(pilot)
            await fill(pilot, {"name": name, "title": "Medlem af udvalget"})
            if role == "chair":
                await tab_to(pilot, "field-role")
                await pilot.press("enter", "down", "enter")
            await pilot.press("ctrl+s")
            await settle(pilot)

        for title, case in (
            ("Budgetopfølgning", "00.30.00-S00-2-26"),
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
        state = screen.meeting.state
        assert [i.title for i in state.active_items()] == [
            "Godkendelse af dagsorden og referat",
            "Budgetopfølgning",
            "Vejbelysning",
            "Personalesag",
            "Temaer til kommende møder og eventuelt",
        ]
        assert state.participants[0].role == "chair"

        # The recommendation and two sections of "Budgetopfølgning", field by field.
        await pilot.press("up", "up")
        await settle(pilot)
        assert screen.meeting.item(screen.item_id).title == "Budgetopfølgning"
        await tab_to(pilot, "rec_by")
        await type_text(pilot, "Direktionen")
        await tab_to(pilot, "rec_points")
        await type_text(pilot, "at opfølgningen godkendes\nat mindreforbruget overføres")
        await tab_to(pilot, "section-0")
        await type_text(pilot, "Forbruget følger budgettet.")
        await tab_to(pilot, "section-1")
        await type_text(pilot, "Første afsnit.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        # Karen founded the forum as its secretary; she chairs it too (to end and approve).
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Publish, start, decide, vote, remark, absence, end.
        for key in ("p", "s"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("j")
            await settle(pilot)
        await tab_to(pilot, "decision")
        await type_text(pilot, "Indstillingen blev godkendt.")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await fill(
            pilot,
            {
                "for_count": "2",
                "for_who": "Anne Holm, Cecilie Ravn",
                "against_count": "1",
                "against_who": "Bo Lind",
            },
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await tab_to(pilot, "field-text")
        await type_text(pilot, "Bo Lind ønsker sin afvigende mening ført til protokols.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await tab_to(pilot, "field-reason")
        await pilot.press("enter", "down", "down", "enter")  # inhabil
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)

        # Approve: the chair signs; the minutes lock.
        await pilot.press("g")
        await settle(pilot)
        await fill(pilot, {"reservation": "Med forbehold for punkt 2"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        before = len(stored(db))
        await pilot.press("a")
        await settle(pilot)
        assert type(app.screen).__name__ == "FormScreen"
        await fill(pilot, {"title": "Et sent punkt"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(stored(db)) == before  # refused: approved minutes take no edits
        assert screen.query_one("#title").disabled

        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, {"reason": "Forkert stemmetal", "text": "Der var 3 stemmer for."})
        await pilot.press("ctrl+s")
        await settle(pilot)

        # Export the public referat as A4 text; the message says where it went.
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, {"file": str(tmp_path / "offentligt-referat")})
        await pilot.press("ctrl+s")
        await settle(pilot)
        exported = tmp_path / "offentligt-referat.txt"
        assert any(str(exported) in str(n.message) for n in app._notifications)

    events = stored(db)
    assert {e.actor for e in events} == {ACTOR}
    names = kinds(events)
    for expected in (
        "MeetingScheduled",
        "ParticipantAdded",
        "ItemAdded",
        "RecommendationDrafted",
        "SectionWritten",
        "AgendaPublished",
        "MeetingStarted",
        "DecisionRecorded",
        "VotesRecorded",
        "RemarkAdded",
        "ItemAbsenceRecorded",
        "MeetingEnded",
        "MinutesApproved",
        "CorrectionAdded",
    ):
        assert expected in names, expected
    # One event per committed field, not per keystroke.
    assert names.count("SectionWritten") == 2
    assert names.count("RecommendationDrafted") == 2  # who, then the points
    minutes = open_minutes(db)
    state = minutes.get(minutes.meeting_ids()[0]).state
    minutes.close()
    budget = state.active_items()[1]
    assert budget.recommendation.points == (
        "at opfølgningen godkendes",
        "at mindreforbruget overføres",
    )
    assert [(s.heading, s.text) for s in budget.sections] == [
        ("Resumé", "Forbruget følger budgettet."),
        ("Sagsfremstilling", "Første afsnit."),
    ]
    assert budget.decision.text == "Indstillingen blev godkendt."
    assert [(v.option, v.count) for v in budget.decision.votes] == [("for", 2), ("against", 1)]
    assert budget.absent[0].reason == "inhabil"
    assert state.approvals[0].by == "Anne Holm"
    assert state.approvals[0].reservation == "Med forbehold for punkt 2"
    assert state.corrections[0].reason == "Forkert stemmetal"
    assert state.active_items()[3].closed

    text = exported.read_text(encoding="utf-8")
    assert "Indstillingen blev godkendt." in text
    assert "Bo Lind ønsker sin afvigende mening" in text
    assert "Personalesag (Lukket punkt)" in text
    assert "Forkert stemmetal" in text
    assert "Side 1 af" in text
