"""The forum's rules and the records of issue 13, in memory."""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.application import Minutes
from domain.errors import RuleViolation
from domain.forum.standing import StandingItem
from domain.forum.state import ForumSettings, Member
from domain.forum.template import new_meeting, next_first_number
from domain.meeting.decisions import vote_warnings
from domain.meeting.state import Motion, Vote
from projections.documents.referat import document
from projections.documents.render import html, markdown

A = "Karen Dahl"


def test_numbering_through_the_year_goes_on_from_the_latest_earlier_meeting() -> None:
    earlier = [(date(2026, 1, 10), 4), (date(2026, 2, 10), 8), (date(2025, 12, 1), 90)]
    assert next_first_number("year", date(2026, 3, 10), earlier) == 9
    assert next_first_number("year", date(2026, 2, 1), earlier) == 5
    assert next_first_number("year", date(2027, 1, 5), earlier) == 1  # a new year
    assert next_first_number("meeting", date(2026, 3, 10), earlier) == 1


def test_the_template_values_check_their_rules() -> None:
    with pytest.raises(RuleViolation, match="sig selv"):
        Member(name="Bo", substitutes=("Bo",)).cleaned()
    with pytest.raises(RuleViolation, match="rolle"):
        Member(name="Bo", role="boss").cleaned()  # type: ignore[arg-type]
    with pytest.raises(RuleViolation, match="slutte"):
        ForumSettings(start=time(10), end=time(9)).cleaned()
    assert StandingItem(title="  Eventuelt ").cleaned().title == "Eventuelt"


def test_a_meeting_from_a_forum_with_a_template(minutes: Minutes) -> None:
    minutes.set_forum_member(A, "Udvalget", Member(name="Anne Holm", role="formand"))
    minutes.set_forum_sections(A, "Udvalget", ["Sagens kerne", "Økonomi"])
    minutes.set_standing_item(A, "Udvalget", "first", None)  # no opening item
    minutes.change_forum_settings(
        A, "Udvalget", place="Salen", start=time(8), document="beslutningsprotokol"
    )
    mid = new_meeting(minutes, A, "Udvalget", date(2026, 4, 1))
    state = minutes.get(mid).state
    assert [i.title for i in state.items] == ["Temaer til kommende møder og eventuelt"]
    assert (state.place, state.start, state.document) == ("Salen", time(8), "beslutningsprotokol")
    from domain.forum.template import sections_for

    assert sections_for(minutes, state) == ("Sagens kerne", "Økonomi")
    # An explicit place or start wins over the forum's.
    other = new_meeting(minutes, A, "Udvalget", date(2026, 5, 1), start=time(9))
    assert minutes.get(other).state.start == time(9)


def test_vote_warnings_name_what_does_not_add_up(minutes: Minutes) -> None:
    mid = minutes.schedule(A, "Udvalget", date(2026, 4, 1))
    for name, party in (("Anne Holm", "A"), ("Bo Lind", "V")):
        minutes.add_participant(mid, A, name, party=party)
    item = minutes.add_item(mid, A, "Sag")
    meeting = minutes.get(mid)
    votes = (Vote(option="for", count=3, who=("Anne Holm", "Cille")),)
    warnings = vote_warnings(meeting.state, meeting.item(item), votes, "Afstemning 1")
    assert warnings == [
        "Afstemning 1: 3 stemmer, men kun 2 stemmeberettigede til stede.",
        "Afstemning 1: Cille var ikke til stede ved punktet.",
    ]
    fine = (Vote(option="for", count=1, who=("A",)), Vote(option="against", count=1, who=("V",)))
    assert vote_warnings(meeting.state, meeting.item(item), fine, "x") == []


def test_postponed_withdrawn_and_motions_read_in_markdown_and_html(minutes: Minutes) -> None:
    first = minutes.schedule(A, "Udvalget", date(2026, 4, 1))
    second = minutes.schedule(A, "Udvalget", date(2026, 5, 6))
    minutes.add_participant(first, A, "Anne Holm", party="A")
    minutes.add_item(first, A, "Vej")
    minutes.add_item(first, A, "Skole")
    minutes.add_item(first, A, "Hal")
    minutes.postpone_item(first, A, "1", "Mangler høring")
    minutes.withdraw_item(first, A, "2", "Trukket af forvaltningen")
    minutes.publish_agenda(first, A)
    minutes.start_meeting(first, A)
    motion = Motion(
        text="Hallen bygges", result="vedtaget", votes=(Vote(option="for", count=1, who=()),)
    )
    assert minutes.record_motions(first, A, "3", [motion]) == []
    with pytest.raises(RuleViolation, match="udsat"):
        minutes.record_motions(first, A, "1", [motion], confirm=True)
    md = markdown.render(document(minutes.get(first).state))
    assert "Udsat: Mangler høring" in md
    assert "Punktet er flyttet til Udvalget d. 6. maj 2026, punkt 1." in md
    assert "Punktet blev trukket: Trukket af forvaltningen" in md
    assert "Afstemning om Hallen bygges\nFor: 1\nVedtaget" in md
    page = html.render(document(minutes.get(second).state))
    assert "Udsat fra Udvalget d. 1. april 2026, punkt 1" in page


def test_printed_instants_are_in_the_meetings_time_zone(minutes: Minutes) -> None:
    from datetime import UTC, datetime

    from projections.documents import interchange as ix
    from projections.documents.referat import digest
    from projections.documents.render import text

    mid = minutes.schedule(A, "Kommuneqarfik", date(2026, 3, 10))
    minutes.change_roles(A, "Kommuneqarfik", A, "chair", grant=True)
    minutes.set_meeting_facts(mid, A, time_zone="America/Nuuk")
    minutes.add_participant(mid, A, "Aqqaluk Lynge")
    minutes.add_item(mid, A, "Sag")
    minutes.publish_agenda(mid, A)
    minutes.start_meeting(mid, A)
    minutes.end_meeting(mid, A)
    signed = datetime(2026, 3, 11, 8, 5, tzinfo=UTC)
    minutes.sign_minutes(mid, A, "Aqqaluk Lynge", digest, at=signed)
    doc = document(minutes.get(mid).state)
    assert b'"at": "2026-03-11T06:05:00-02:00"' in ix.encode(doc)
    assert b'"time_zone": "America/Nuuk"' in ix.encode(doc)
    assert "Godkendt af Aqqaluk Lynge d. 11. marts 2026 kl. 06:05" in text.render(doc)
