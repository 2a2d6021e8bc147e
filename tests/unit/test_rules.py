"""The rules of the minutes: each refusal is a clear message and records nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest

from domain.application import Minutes
from domain.errors import Conflict, NotFound, RuleViolation
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Vote
from tests.builders import SECRETARY, decision_text, full_meeting

KIND = "protokolbemærkning"

A = SECRETARY


def refused(
    app: Minutes,
    mid: Any,
    command: Callable[[Meeting], object],
    match: str,
    error: type[Exception] = RuleViolation,
) -> None:
    version = app.get(mid).version
    with pytest.raises(error, match=match):
        app.change(mid, command)
    assert app.get(mid).version == version


def test_approved_minutes_take_only_corrections(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    minutes.change(mid, lambda m: m.approve(A, "Anne Holm"))
    locked = "godkendt og kan ikke ændres"
    for command in (
        lambda m: m.record_decision(A, ids["budget"], "Noget andet."),
        lambda m: m.retitle_item(A, ids["budget"], "Ny titel"),
        lambda m: m.write_section(A, ids["budget"], "Resumé", "Omskrevet."),
        lambda m: m.add_item(A, "Nyt punkt"),
        lambda m: m.record_votes(A, ids["budget"], []),
        lambda m: m.add_statement(A, ids["budget"], "Anne Holm", "Sent.", KIND, None),
        lambda m: m.change_details(A, place="Et andet sted"),
        lambda m: m.add_participant(A, "Ny Person"),
        lambda m: m.withdraw_item(A, ids["budget"]),
    ):
        refused(minutes, mid, command, locked)
    refused(minutes, mid, lambda m: m.add_correction(A, reason=" ", text="Rettet."), "Begrundelsen")
    minutes.change(mid, lambda m: m.add_correction(A, reason="Stavefejl", text="Rettet."))
    state = minutes.get(mid).state
    assert state.corrections[0].reason == "Stavefejl"
    assert decision_text(next(i for i in state.items if i.id == ids["budget"])) == (
        "Indstillingen blev godkendt."
    )


def test_correction_only_after_approval(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    refused(minutes, mid, lambda m: m.add_correction(A, reason="r", text="t"), "først, når")


def test_sign_offs_only_by_members_who_were_present(minutes: Minutes) -> None:
    mid, _ids = full_meeting(minutes)
    refused(minutes, mid, lambda m: m.approve(A, "Bo Lind"), "ikke til stede")
    refused(minutes, mid, lambda m: m.approve(A, "Ukendt Person"), "findes ikke", NotFound)
    minutes.change(mid, lambda m: m.add_participant(A, "Eva Gæst", role="guest"))
    refused(minutes, mid, lambda m: m.approve(A, "Eva Gæst"), "ikke medlem")
    minutes.change(mid, lambda m: m.approve(A, "Anne Holm"))
    refused(minutes, mid, lambda m: m.approve(A, "Anne Holm"), "allerede underskrevet")


def test_approval_waits_for_the_end_of_the_meeting(minutes: Minutes) -> None:
    mid = minutes.schedule(A, "Chefforum", date(2026, 5, 20))
    minutes.change(mid, lambda m: m.add_participant(A, "Anne Holm", role="chair"))
    refused(minutes, mid, lambda m: m.approve(A, "Anne Holm"), "afsluttet")


def test_nothing_recorded_on_a_withdrawn_or_unknown_item(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    gone = ids["trukket"]
    for command in (
        lambda m: m.record_decision(A, gone, "x"),
        lambda m: m.record_votes(A, gone, []),
        lambda m: m.add_statement(A, gone, "Anne Holm", "x", KIND, None),
        lambda m: m.write_section(A, gone, "Resumé", "x"),
        lambda m: m.record_item_absence(A, gone, "Anne Holm", "afbud"),
        lambda m: m.add_attachment(A, gone, "x"),
        lambda m: m.draft_recommendation(A, gone, "x", ["at x"]),
        lambda m: m.withdraw_item(A, gone),
    ):
        refused(minutes, mid, command, "trukket")
    from uuid import uuid4

    refused(minutes, mid, lambda m: m.record_decision(A, uuid4(), "x"), "findes ikke", NotFound)


def test_empty_titles_times_numbers_and_choices_are_refused(minutes: Minutes) -> None:
    with pytest.raises(RuleViolation, match="Forum må ikke være tom"):
        Meeting.schedule(actor=A, forum="  ", date=date(2026, 5, 20))
    with pytest.raises(RuleViolation, match="slutte"):
        Meeting.schedule(actor=A, forum="F", date=date(2026, 5, 20), start=time(10), end=time(9))
    mid = minutes.schedule(A, "Chefforum", date(2026, 5, 20), start=time(9))
    item = minutes.change(mid, lambda m: m.add_item(A, "Første", number="7"))
    refused(minutes, mid, lambda m: m.add_item(A, " "), "titel må ikke være tom")
    refused(minutes, mid, lambda m: m.add_item(A, "Andet", number="7"), "allerede brugt")
    refused(minutes, mid, lambda m: m.add_item(A, "Andet", kind="hemmelig"), "Ukendt punkttype")
    refused(minutes, mid, lambda m: m.add_item(A, "Andet", duration_minutes=-5), "Tidsforbruget")
    refused(minutes, mid, lambda m: m.change_details(A, end=time(8)), "slutte")
    refused(minutes, mid, lambda m: m.change_details(A, first_number=0), "Første punktnummer")
    refused(minutes, mid, lambda m: m.add_participant(A, ""), "navn må ikke være tom")
    minutes.change(mid, lambda m: m.add_participant(A, "Anne Holm"))
    refused(minutes, mid, lambda m: m.add_participant(A, "Anne Holm"), "allerede deltager")
    refused(minutes, mid, lambda m: m.add_participant(A, "Bo", role="konge"), "Ukendt rolle")
    refused(
        minutes,
        mid,
        lambda m: m.record_votes(A, item, [Vote(option="for", count=-1, who=())]),
        "Antallet",
    )
    refused(
        minutes,
        mid,
        lambda m: m.record_votes(
            A, item, [Vote(option="for", count=1, who=()), Vote(option="for", count=2, who=())]
        ),
        "to gange",
    )
    refused(
        minutes,
        mid,
        lambda m: m.record_item_absence(A, item, "Ingen Her", "afbud"),
        "findes ikke",
        NotFound,
    )
    refused(
        minutes, mid, lambda m: m.record_item_absence(A, item, "Anne Holm", "syg"), "fraværsgrund"
    )
    refused(
        minutes,
        mid,
        lambda m: m.add_statement(A, item, "Anne Holm", "  ", KIND, None),
        "Bemærkningen",
    )
    refused(
        minutes,
        mid,
        lambda m: m.draft_recommendation(A, item, "X", ["at a", " "]),
        "indstillingspunkt",
    )
    refused(minutes, mid, lambda m: m.retitle_item("  ", item, "Ny titel"), "Aktør")


def test_lifecycle_order(minutes: Minutes) -> None:
    mid = minutes.schedule(A, "Chefforum", date(2026, 5, 20), start=time(9))
    refused(minutes, mid, lambda m: m.publish_agenda(A), "ingen punkter")
    refused(minutes, mid, lambda m: m.end(A), "i gang")
    first = minutes.change(mid, lambda m: m.add_item(A, "Punkt"))
    refused(minutes, mid, lambda m: m.start(A), "Dagsordenen er ikke udsendt; udsend den først")
    refused(minutes, mid, lambda m: m.record_decision(A, first, "x"), "når mødet er begyndt")
    minutes.change(mid, lambda m: m.record_decision(A, first, ""))  # unchanged: no event
    minutes.change(mid, lambda m: m.publish_agenda(A))

    def votes_then_decision(m: Meeting) -> None:
        m.record_votes(A, first, [])
        m.record_decision(A, first, "x")

    refused(minutes, mid, votes_then_decision, "begyndt")
    refused(minutes, mid, lambda m: m.publish_agenda(A), "allerede udsendt")
    late = minutes.change(mid, lambda m: m.add_item(A, "Tillægspunkt"))
    assert minutes.get(mid).item(late).supplementary
    minutes.change(mid, lambda m: m.start(A))
    refused(minutes, mid, lambda m: m.start(A), "allerede begyndt")
    refused(minutes, mid, lambda m: m.end(A, time(8, 30)), "slutte")
    minutes.change(mid, lambda m: m.end(A, time(11)))
    assert minutes.get(mid).state.status == "ended"


def test_duplicate_forum_and_date_is_refused(minutes: Minutes) -> None:
    minutes.schedule(A, "Chefforum", date(2026, 5, 20))
    with pytest.raises(Conflict, match="findes allerede"):
        minutes.schedule(A, "chefforum", date(2026, 5, 20))


def test_meetings_are_named_by_id_prefix_or_forum_and_date(minutes: Minutes) -> None:
    first = minutes.schedule(A, "Chefforum", date(2026, 5, 20))
    second = minutes.schedule(A, "Økonomiudvalget", date(2026, 5, 20))
    assert minutes.resolve(str(first)) == first
    assert minutes.resolve(first.hex[:6]) == first
    assert minutes.resolve("Økonomiudvalget/2026-05-20") == second
    with pytest.raises(NotFound):
        minutes.resolve("Chefforum/2026-05-21")
    with pytest.raises(NotFound, match="ikke en dato"):
        minutes.resolve("Chefforum/21-05-2026")
    with pytest.raises(NotFound):
        minutes.resolve("")
