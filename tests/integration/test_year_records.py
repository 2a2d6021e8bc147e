# Over 400 lines: one test per record of issue 13, on both stores, sharing the held meeting above.
"""What real minutes record (issue 13), through the use cases on both stores: the forum
as its secretaries keep it, meeting facts, absences, withdrawn items, votes on motions,
dissent; the interchange additions written only when used and read back by the importer;
old ItemWithdrawn events keeping their old meaning."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any
from uuid import UUID

import msgspec
import pytest
from eventsourcing.persistence import StoredEvent

from domain.application import Minutes
from domain.errors import NotFound, RuleViolation
from domain.forum.standing import StandingItem
from domain.forum.state import Member
from domain.forum.template import new_meeting
from domain.meeting.events.decisions import RemarkAdded
from domain.meeting.events.items import ItemWithdrawn
from domain.meeting.events.participants import ParticipantAdded
from domain.meeting.state import Motion, Vote
from projections.documents import interchange as ix
from projections.documents.referat import digest, document
from projections.documents.render import markdown, text
from projections.importing.document import import_document
from tests.builders import SECRETARY, forum_events, full_meeting

FORUM = "Økonomiudvalget"


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


def test_only_secretaries_change_the_forum_and_each_change_is_an_event(minutes: Minutes) -> None:
    minutes.set_forum_member(SECRETARY, FORUM, Member(name="Anne Holm", role="formand"))
    with pytest.raises(RuleViolation, match="Kun sekretærer"):
        minutes.set_forum_member("Bo Lind", FORUM, Member(name="Bo Lind"))
    with pytest.raises(RuleViolation, match="Kun sekretærer"):
        minutes.change_forum_settings("Bo Lind", FORUM, numbering="year")
    with pytest.raises(RuleViolation, match="tidszone"):
        minutes.change_forum_settings(SECRETARY, FORUM, time_zone="Europe/Atlantis")
    minutes.change_forum_settings(SECRETARY, FORUM, document="beslutningsprotokol")
    minutes.set_forum_sections(SECRETARY, FORUM, ["Resumé", "Økonomi"])
    minutes.set_standing_item(SECRETARY, FORUM, "first", StandingItem(title="Godkendelse"))
    forum = minutes.forum(FORUM)
    assert forum is not None
    events = forum_events(minutes, forum.id)
    assert [type(e).TOPIC for e in events] == [
        "chefforum:ForumFounded",
        "chefforum:MemberSet",
        "chefforum:SettingsChanged",
        "chefforum:TemplateSectionsSet",
        "chefforum:StandingItemSet",
    ]
    assert all(e.actor == SECRETARY for e in events)
    # A new meeting writes the kind of document the forum writes.
    mid = new_meeting(minutes, SECRETARY, FORUM, date(2026, 3, 4))
    rendered = text.render(document(minutes.get(mid).state))
    assert rendered.startswith("BESLUTNINGSPROTOKOL Økonomiudvalget d. 04-03-2026")


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


def test_an_old_withdrawal_keeps_its_old_meaning(minutes: Minutes) -> None:
    """A version 1 ItemWithdrawn (stored before numbers were kept) still removes the item
    and renumbers the rest, so signed minutes project as they were signed."""
    mid, ids = full_meeting(minutes)
    held = minutes.get(mid)
    before = document(held.state)
    second = held.state.active_items()[1].id
    v1 = msgspec.json.encode(
        {
            "timestamp": "2026-09-02T15:00:00+00:00",
            "actor": SECRETARY,
            "item_id": str(second),
            "reason": "Gammel",
        }
    )
    minutes.recorder.insert_events(
        [
            StoredEvent(
                originator_id=mid,
                originator_version=held.version + 1,
                topic=ItemWithdrawn.TOPIC,
                state=v1,
            )
        ]
    )
    state = minutes.get(mid).state
    assert len(state.active_items()) == len(before.meeting.items) - 1
    old = next(e for e in minutes.events.get(mid) if getattr(e, "reason", None) == "Gammel")
    assert isinstance(old, ItemWithdrawn) and old.keep_number is False
    # The full meeting's own withdrawal (written by this version, without keep_number)
    # also still removes: the golden exports depend on it.
    assert ids["trukket"] not in state.item_numbers()
    last = msgspec.json.decode(minutes.recorder.select_events(mid, desc=True, limit=1)[0].state)
    assert "keep_number" not in last  # stored as written; upcast on reading


def test_the_forum_and_record_commands(
    tmp_path: object, store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from chefforum_tui.cli import main

    def run(*argv: str, actor: str = SECRETARY) -> int:
        return main(["--db", store, "--actor", actor, *argv])

    assert run("forum", "settings", "Udvalget", "--numbering", "year", "--place", "Salen") == 0
    assert (
        run(
            "forum",
            "members",
            "Udvalget",
            "--set",
            "Anne Holm",
            "--role",
            "formand",
            "--party",
            "A",
        )
        == 0
    )
    assert (
        run(
            "forum",
            "members",
            "Udvalget",
            "--set",
            "Bo Lind",
            "--party",
            "V",
            "--substitute",
            "Dan Berg",
        )
        == 0
    )
    assert run("forum", "template", "Udvalget", "Resumé", "Sagsfremstilling") == 0
    assert run("forum", "standing", "Udvalget", "last", "--title", "Eventuelt") == 0
    assert (
        run(
            "forum",
            "standing",
            "Udvalget",
            "first",
            "--title",
            "Godkendelse",
            "--recommendation",
            "at den godkendes",
        )
        == 0
    )
    assert run("forum", "members", "Udvalget", "--set", "Eve", actor="Bo Lind") == 1
    assert run("forum", "show", "Udvalget") == 0
    assert run("new", "Udvalget", "2026-01-07") == 0
    assert run("add-item", "Udvalget/2026-01-07", "Sag A") == 0
    assert run("add-item", "Udvalget/2026-01-07", "Sag B") == 0
    assert run("new", "Udvalget", "2026-02-04") == 0
    assert run("postpone", "Udvalget/2026-01-07", "3", "--reason", "Mangler bilag") == 0
    assert run("withdraw", "Udvalget/2026-01-07", "4", "--reason", "Trukket af forvaltningen") == 0
    assert (
        run("facts", "Udvalget/2026-01-07", "--kind", "ekstraordinært", "--remarks", "Flyttet") == 0
    )
    assert run("absence", "Udvalget/2026-01-07", "Bo Lind", "ferie") == 1  # Bo is present
    assert (
        run(
            "remark",
            "Udvalget/2026-01-07",
            "2",
            "Bo Lind",
            "Imod.",
            "--kind",
            "mindretalsudtalelse",
            actor="Bo Lind",
        )
        == 0
    )
    assert run("publish", "Udvalget/2026-01-07") == 0
    assert run("start", "Udvalget/2026-01-07") == 0
    assert run("vote", "Udvalget/2026-01-07", "2", "--motion", "Forslaget", "--for", "7") == 1
    assert (
        run(
            "vote",
            "Udvalget/2026-01-07",
            "2",
            "--motion",
            "Ændring",
            "--by",
            "V",
            "--result",
            "forkastet",
            "--for",
            "1: V",
            "--against",
            "1: A",
            "--motion",
            "Forslaget",
            "--result",
            "vedtaget",
            "--for",
            "2",
        )
        == 0
    )
    # An absence of someone recorded as voting on the item is asked about, not stored.
    both = "2: Anne Holm, Bo Lind"
    assert run("vote", "Udvalget/2026-01-07", "1", "--motion", "Godkendt", "--for", both) == 0
    capsys.readouterr()
    assert run("absent", "Udvalget/2026-01-07", "1", "Bo Lind", "--reason", "inhabil") == 1
    said = capsys.readouterr().err
    assert "Advarsel: Bo Lind har stemt for på punktet" in said
    assert "gem med --confirm" in said
    absent = ("absent", "Udvalget/2026-01-07", "1", "Bo Lind", "--reason", "inhabil")
    assert run(*absent, "--confirm") == 0
    assert run("end", "Udvalget/2026-01-07") == 0
    assert run("approve", "Udvalget/2026-01-07", "--by", "Anne Holm", actor="Anne Holm") == 0
    assert run("remark", "Udvalget/2026-01-07", "2", "Bo Lind", "For sent.", actor="Bo Lind") == 1
    assert run("verify") == 0  # the signed referat with its new records projects to its digest
    from projections.store.connect import open_minutes

    opened = open_minutes(store)
    try:
        jan = opened.get(opened.resolve("Udvalget/2026-01-07")).state
        feb = opened.get(opened.resolve("Udvalget/2026-02-04")).state
        assert [i.title for i in jan.items] == ["Godkendelse", "Sag A", "Sag B", "Eventuelt"]
        assert [i.status for i in jan.items] == ["behandlet", "behandlet", "udsat", "trukket"]
        assert feb.first_number == 5
        assert [i.title for i in feb.items] == ["Godkendelse", "Sag B", "Eventuelt"]
        assert [p.name for p in feb.participants] == ["Anne Holm", "Bo Lind"]
        assert jan.items[1].remarks[0].kind == "mindretalsudtalelse"
        assert jan.items[1].decision is not None
        assert [m.text for m in jan.items[1].decision.motions] == ["Ændring", "Forslaget"]
        assert (jan.kind, jan.remarks) == ("ekstraordinært", "Flyttet")
        assert [(a.name, a.reason) for a in jan.items[0].absent] == [("Bo Lind", "inhabil")]
    finally:
        opened.close()


# The keys issue 13 added to stored values, with the value a state written before has.
NEW_KEYS: dict[str, tuple[object, ...]] = {
    "kind": ("ordinært", "protokolbemærkning"),
    "document": ("referat",),
    "remarks": (None,),
    "time_zone": ("Europe/Copenhagen",),
    "status": ("behandlet",),
    "status_reason": (None,),
    "carried_from": (None,),
    "carried_to": (None,),
    "absence_reason": (None,),
    "after_decision": (False,),
    "motions": ([],),
}


def _strip(value: object) -> object:
    """A stored state as written before issue 13: without the keys it added."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if not (k in NEW_KEYS and v in NEW_KEYS[k])}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def test_old_payloads_and_snapshots_without_the_new_keys_still_load(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    held = minutes.get(mid)
    version = held.version
    # A RemarkAdded and a ParticipantAdded as written before remarks had a kind and
    # participants a reason for absence.
    old: list[tuple[str, dict[str, Any]]] = [
        (
            RemarkAdded.TOPIC,
            {"item_id": str(ids["budget"]), "remark": {"by": "Bo Lind", "text": "Gammel."}},
        ),
        (
            ParticipantAdded.TOPIC,
            {
                "participant": {
                    "id": "6f1c1b7e-0000-4000-8000-000000000001",
                    "name": "Gammel Gæst",
                    "title": None,
                    "party": None,
                    "role": "guest",
                    "attendance": "present",
                    "substitute_for": None,
                }
            },
        ),
    ]
    minutes.recorder.insert_events(
        [
            StoredEvent(
                originator_id=mid,
                originator_version=version + n,
                topic=topic,
                state=msgspec.json.encode(
                    {"timestamp": "2026-09-02T16:00:00+00:00", "actor": SECRETARY, **payload}
                ),
            )
            for n, (topic, payload) in enumerate(old, start=1)
        ]
    )
    state = minutes.get(mid).state
    remark = state.items[1].remarks[-1]
    assert (remark.text, remark.kind, remark.recorded_by) == ("Gammel.", "protokolbemærkning", None)
    assert state.participants[-1].absence_reason is None
    # A snapshot stored before the new keys existed restores with their defaults.
    assert minutes.snapshots is not None
    snapshot = minutes.mapper.to_stored_event(type(held).Snapshot.take(minutes.get(mid)))
    raw = msgspec.json.decode(snapshot.state)
    stripped = _strip(raw)
    assert "time_zone" not in stripped["state"]  # type: ignore[index]
    minutes.snapshots.recorder.insert_events(
        [
            StoredEvent(
                originator_id=mid,
                originator_version=snapshot.originator_version,
                topic=snapshot.topic,
                state=msgspec.json.encode(stripped),
            )
        ]
    )
    restored = minutes.get(mid)
    assert restored.state == state
    assert document(restored.state) == document(state)
