"""Every kind of change is an event that names its actor, stored and read back exactly."""

from __future__ import annotations

from datetime import date, time

from domain.application import Minutes
from domain.meeting.events.decisions import MotionsRecorded, RemarkWithdrawn
from domain.meeting.events.files import AttachmentAddedByCorrection, AttachmentReplaced
from domain.meeting.events.items import ItemCarriedIn, ItemPostponed
from domain.meeting.events.links import LinkIssued, LinkRevoked, MailSent
from domain.meeting.events.meeting import CaseLabelSet, MeetingFactsChanged
from domain.meeting.events.participants import AbsenceReasonRecorded
from domain.meeting.events.schema import ALL_EVENTS
from domain.meeting.events.texts import RecommendationPlaced, SectionPlacedAfterDecision
from domain.meeting.state import Vote
from tests.builders import SECRETARY, full_meeting, meeting_events


def test_every_event_kind_is_stored_with_actor_and_read_back(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    minutes.change(
        mid, lambda m: m.approve("Anne Holm", "Anne Holm", "Med forbehold for punkt 160")
    )
    minutes.change(mid, lambda m: m.approve(SECRETARY, "Dan Berg"))
    minutes.change(
        mid,
        lambda m: m.add_correction(
            SECRETARY,
            reason="Forkert stemmetal",
            text="Der var 3 stemmer for.",
            item_id=ids["budget"],
        ),
    )

    stored = meeting_events(minutes, mid)
    topics = {type(e).TOPIC for e in stored}
    # The records of issue 13 are touched by tests/integration/test_forum_records.py,
    # test_meeting_records.py and test_old_records.py.
    later = {
        ItemPostponed,
        ItemCarriedIn,
        MeetingFactsChanged,
        AbsenceReasonRecorded,
        MotionsRecorded,
        RemarkWithdrawn,
        SectionPlacedAfterDecision,
        # Bilag as files (issue 25): tests/integration/test_files.py.
        AttachmentReplaced,
        AttachmentAddedByCorrection,
        # The members' mail and links: tests/members/.
        LinkIssued,
        LinkRevoked,
        MailSent,
        # Touched by tests/integration/test_print_order_keys.py.
        RecommendationPlaced,
        CaseLabelSet,
    }
    assert topics == {cls.TOPIC for cls in ALL_EVENTS if cls not in later}
    assert all(e.actor for e in stored)
    assert {e.actor for e in stored} == {SECRETARY, "Anne Holm"}
    assert all(e.timestamp.tzinfo is not None for e in stored)

    state = minutes.get(mid).state
    assert state.forum == "Økonomiudvalget"
    assert (state.date, state.start, state.end) == (date(2026, 9, 2), time(16, 5), time(17, 40))
    assert state.place == "Udvalgsværelse 2"
    assert [p.name for p in state.participants] == [
        "Anne Holm",
        "Bo Lind",
        "Cecilie Ravn",
        "Dan Berg",
    ]
    bo, cille, dan = state.participants[1:]
    assert bo.attendance == "excused"
    assert cille.title == "Næstformand"
    assert (dan.role, dan.substitute_for) == ("substitute", "Bo Lind")
    assert [i.title for i in state.active_items()] == [
        "Fremtidens skolestruktur",
        "Budgetopfølgning",
        "Salg af grund",
    ]
    assert state.item_numbers()[ids["budget"]] == "160"
    withdrawn = next(i for i in state.items if i.withdrawn)
    assert withdrawn.withdrawn_reason == "Sagen er ikke klar"
    budget = next(i for i in state.items if i.id == ids["budget"])
    assert budget.recommendation is not None
    assert budget.recommendation.points == (
        "at opfølgningen godkendes",
        "at mindreforbruget overføres",
    )
    assert [s.heading for s in budget.sections] == ["Resumé", "Sagens kerne"]
    assert budget.sections[1].text == "Første afsnit.\n\nAndet afsnit."
    assert [a.name for a in budget.attachments] == ["Regnskabsoversigt"]
    assert budget.earlier_decisions[0].date == date(2026, 8, 20)
    assert budget.decision is not None
    assert budget.decision.text == "Indstillingen blev godkendt."
    assert budget.decision.votes == (
        Vote(option="for", count=2, who=("A", "F")),
        Vote(option="against", count=1, who=("V",)),
    )
    assert budget.absent[0].reason == "inhabil"
    assert budget.remarks[0].by == "Dan Berg"
    assert state.status == "approved"
    assert [(a.by, a.reservation) for a in state.approvals] == [
        ("Anne Holm", "Med forbehold for punkt 160"),
        ("Dan Berg", None),
    ]
    assert state.corrections[0].item_id == ids["budget"]


def test_the_meeting_as_it_stood_at_any_version(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    history = list(minutes.events.get(mid))
    decided = next(e for e in history if type(e).__name__ == "DecisionRecorded")
    before = minutes.get(mid, version=decided.originator_version - 1)
    after = minutes.get(mid, version=decided.originator_version)
    budget_before = next(i for i in before.state.items if i.id == ids["budget"])
    budget_after = next(i for i in after.state.items if i.id == ids["budget"])
    assert budget_before.decision is None
    assert budget_after.decision is not None
    assert before.state.status == "started"


def test_a_command_that_changes_nothing_records_nothing(minutes: Minutes) -> None:
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    item = minutes.change(mid, lambda m: m.add_item(SECRETARY, "Budget"))
    minutes.change(mid, lambda m: m.write_section(SECRETARY, item, "Resumé", "Tekst"))
    version = minutes.get(mid).version
    minutes.change(mid, lambda m: m.write_section(SECRETARY, item, "Resumé", "Tekst"))
    minutes.change(mid, lambda m: m.retitle_item(SECRETARY, item, "Budget"))
    minutes.change(mid, lambda m: m.change_details(SECRETARY, forum="Chefforum"))
    assert minutes.get(mid).version == version


def test_text_is_stored_in_nfc(minutes: Minutes) -> None:
    decomposed = "Mødelokale pa\u030a 2. sal"
    mid = minutes.schedule("A\u030ase", "Chefforum", date(2026, 5, 20), place=decomposed)
    state = minutes.get(mid).state
    assert state.place == "Mødelokale på 2. sal"
    assert meeting_events(minutes, mid)[0].actor == "Åse"
