"""What real minutes record of a meeting (issue 13), through the use cases on both
stores: meeting facts, absences, withdrawn items, votes on motions, dissent; the
interchange additions written only when used and read back by the importer."""

from __future__ import annotations

import json
from datetime import date, time
from uuid import UUID

import pytest

from domain.application import Minutes
from domain.errors import NotFound, RuleViolation
from domain.forum.state import Member
from domain.forum.template import new_meeting
from domain.meeting.state import Motion, Vote
from projections.documents import interchange as ix
from projections.documents.referat import digest, document
from projections.documents.render import markdown, text
from projections.importing.document import import_document
from tests.builders import SECRETARY


def _flat(rendered: str) -> str:
    return " ".join(rendered.split())


def held_meeting(minutes: Minutes) -> tuple[UUID, str]:
    """A held meeting of a forum with members, one of them away and not a participant."""
    minutes.set_forum_member(
        SECRETARY, "Byrådet", Member(name="Anne Holm", party="A", role="formand")
    )
    minutes.set_forum_member(SECRETARY, "Byrådet", Member(name="Bo Lind", party="V"))
    minutes.set_forum_member(
        SECRETARY, "Byrådet", Member(name="Cecilie Ravn", party="Ø", substitutes=("Eva Juhl",))
    )
    minutes.set_forum_member(SECRETARY, "Byrådet", Member(name="Finn Ladegaard", party="V"))
    mid = new_meeting(minutes, SECRETARY, "Byrådet", date(2026, 6, 3))
    minutes.change_roles(SECRETARY, "Byrådet", SECRETARY, "chair", grant=True)
    minutes.add_item(mid, SECRETARY, "Budget 2027", kind="beslutning")
    minutes.publish_agenda(mid, SECRETARY)
    minutes.start_meeting(mid, SECRETARY, time(17))
    return mid, "3"  # after the default standing items: no forum template for those


def test_meeting_facts_absences_motions_and_dissent(minutes: Minutes) -> None:
    mid, number = held_meeting(minutes)
    minutes.set_meeting_facts(mid, SECRETARY, kind="ekstraordinært", remarks="Mødet blev flyttet.")
    minutes.record_attendance(mid, SECRETARY, minutes.get(mid).participant("Bo Lind").id, "excused")
    minutes.record_absence_reason(mid, SECRETARY, "Bo Lind", "ferie")
    with pytest.raises(RuleViolation, match="til stede"):
        minutes.record_absence_reason(mid, SECRETARY, "Anne Holm", "sygdom")
    # A forum member who is not a participant may be absent from one item ...
    minutes.remove_participant(mid, SECRETARY, minutes.get(mid).participant("Finn Ladegaard").id)
    minutes.record_member_absence(mid, SECRETARY, number, "Finn Ladegaard", "inhabil")
    # ... but not a stranger.
    with pytest.raises(NotFound, match="findes ikke på mødet"):
        minutes.record_member_absence(mid, SECRETARY, number, "Ukendt Person", "afbud")

    amendment = Motion(
        text="Ændringsforslag fra V: rammen hæves med 2 mio. kr.",
        by="V",
        result="forkastet",
        votes=(
            Vote(option="for", count=0, who=()),
            Vote(option="against", count=2, who=("A", "Ø")),
        ),
    )
    proposal = Motion(
        text="Budgetforslaget",
        result="vedtaget",
        votes=(
            Vote(option="for", count=2, who=("Anne Holm", "Cecilie Ravn")),
            Vote(option="abstain", count=None, who=()),
        ),
    )
    too_many = Motion(text="Budgetforslaget", votes=(Vote(option="for", count=9, who=()),))
    warnings = minutes.record_motions(mid, SECRETARY, number, [too_many])
    assert warnings and "9 stemmer" in warnings[0]
    assert minutes.get(mid).item_by_number(number).decision is None  # nothing recorded
    assert minutes.record_motions(mid, SECRETARY, number, [amendment, proposal]) == []
    minutes.record_decision(mid, SECRETARY, number, "Budgettet blev vedtaget.")

    # Dissent: the member themself, or a secretary on their behalf (recorded as such).
    minutes.add_statement(
        mid, "Cecilie Ravn", number, "Cecilie Ravn", "Imod besparelsen.", "mindretalsudtalelse"
    )
    minutes.add_statement(mid, SECRETARY, number, "Ø", "Ø tager forbehold.")
    with pytest.raises(RuleViolation, match="Kun Anne Holm selv"):
        minutes.add_statement(mid, "Bo Lind", number, "Anne Holm", "Ikke min.")
    with pytest.raises(RuleViolation, match="Kun Ø selv"):
        minutes.withdraw_statement(mid, "Bo Lind", number, "Ø")
    with pytest.raises(RuleViolation, match="Ukendt Person er ingen af dem"):
        minutes.add_statement(mid, SECRETARY, number, "Ukendt Person", "Hvem?")
    minutes.add_statement(mid, "Cecilie Ravn", number, "Cecilie Ravn", "Fejl.")
    minutes.withdraw_statement(mid, "Cecilie Ravn", number, "Cecilie Ravn", "Fejl.")

    state = minutes.get(mid).state
    item = state.items[2]
    assert item.decision is not None and [m.result for m in item.decision.motions] == [
        "forkastet",
        "vedtaget",
    ]
    assert [(r.by, r.kind, r.recorded_by) for r in item.remarks] == [
        ("Cecilie Ravn", "mindretalsudtalelse", None),
        ("Ø", "protokolbemærkning", SECRETARY),
    ]
    rendered = _flat(text.render(document(state)))
    assert "Mødetype: Ekstraordinært møde" in rendered
    assert "Afbud: Bo Lind (ferie)" in rendered
    assert "Bemærkninger: Mødet blev flyttet." in rendered
    assert "Fraværende: Finn Ladegaard (inhabil)" in rendered
    assert (
        "Afstemning om forslag fra V: Ændringsforslag fra V: rammen hæves med 2 mio. kr. "
        "For: 0 Imod: 2 (A, Ø) Forkastet"
    ) in rendered
    assert "Afstemning om Budgetforslaget For: 2 (Anne Holm, Cecilie Ravn)" in rendered
    assert rendered.index("Forkastet") < rendered.index("Vedtaget")
    assert "Mindretalsudtalelse fra Cecilie Ravn: Imod besparelsen." in rendered
    assert f"Protokolbemærkning fra Ø (indført af {SECRETARY}): Ø tager forbehold." in rendered
    assert "Mindretalsudtalelse fra Cecilie Ravn" in markdown.render(document(state))

    # After approval no one enters or withdraws a remark.
    minutes.end_meeting(mid, SECRETARY, time(19))
    minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    with pytest.raises(RuleViolation, match="godkendt"):
        minutes.add_statement(mid, "Cecilie Ravn", number, "Cecilie Ravn", "For sent.")


def test_the_additions_round_trip_through_json_and_are_left_out_when_unused(
    minutes: Minutes,
) -> None:
    mid, number = held_meeting(minutes)
    plain = json.loads(ix.encode(document(minutes.get(mid).state)))["meeting"]
    assert list(plain)[-1] == "corrections"
    assert all(list(item)[-1] == "attachments" for item in plain["items"])
    assert all(list(p)[-1] == "substitute_for" for p in plain["participants"])
    minutes.set_meeting_facts(mid, SECRETARY, kind="tillæg", remarks="Bemærkning.")
    minutes.record_motions(
        mid,
        SECRETARY,
        number,
        [Motion(text="Forslaget", result="vedtaget", votes=(Vote(option="for", count=3, who=()),))],
    )
    minutes.add_statement(mid, SECRETARY, number, "Bo Lind", "Imod.", "mindretalsudtalelse")
    minutes.withdraw_item(mid, SECRETARY, "2", "Ikke klar")
    doc = document(minutes.get(mid).state)
    data = ix.encode(doc)
    meeting = json.loads(data)["meeting"]
    assert list(meeting)[-2:] == ["kind", "remarks"]
    assert meeting["items"][1]["status"] == "trukket"
    # Into an empty store and out again: the same bytes.
    moved = json.loads(data)
    moved["meeting"]["date"] = "2026-06-10"
    again = ix.decode(json.dumps(moved).encode())
    new_id, recorded = import_document(minutes, again, SECRETARY)
    assert recorded > 0
    out = json.loads(ix.encode(document(minutes.get(new_id).state)))
    assert out == moved
    assert import_document(minutes, again, SECRETARY)[1] == 0
