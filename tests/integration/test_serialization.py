"""msgspec serialisation via MAPPER_TOPIC: exact round trips, stable topics, upcasting."""

from __future__ import annotations

from datetime import date
from functools import partial

import msgspec
from eventsourcing.persistence import StoredEvent

from domain.application import Minutes, replay
from domain.forum.events import FORUM_EVENTS
from domain.meeting.aggregate import Meeting
from domain.meeting.events.meeting import MinutesApproved
from domain.meeting.events.participants import AttendanceRecorded
from domain.meeting.events.schema import ALL_EVENTS
from domain.serialization import MsgspecMapper
from projections.documents.referat import digest
from tests.builders import SECRETARY, full_meeting


def test_events_round_trip_exactly_through_msgspec(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    minutes.change(mid, lambda m: m.approve(SECRETARY, "Anne Holm", "Forbehold"))
    assert isinstance(minutes.mapper, MsgspecMapper)
    for event in minutes.events.get(mid):
        stored = minutes.mapper.to_stored_event(event)
        again = minutes.mapper.to_domain_event(stored)
        assert type(again) is type(event)
        assert vars(again) == vars(event)
        # Plain msgspec JSON, not the library's default transcoder with its _type_ wrappers.
        assert b"_type_" not in stored.state
        raw = msgspec.json.decode(stored.state)
        assert raw["actor"]


def test_stored_topics_are_explicit_and_independent_of_class_names(minutes: Minutes) -> None:
    _mid, _ = full_meeting(minutes)
    topics = {n.topic for n in minutes.recorder.select_notifications(start=1, limit=1000)}
    assert topics <= {cls.TOPIC for cls in (*ALL_EVENTS, *FORUM_EVENTS)}
    assert all(t.startswith("chefforum:") and "." not in t for t in topics)
    assert Meeting.TOPIC == "chefforum:Meeting"


def test_an_old_stored_payload_is_upcast_on_reading(minutes: Minutes) -> None:
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    pid = minutes.change(mid, lambda m: m.add_participant(SECRETARY, "Anne Holm"))
    # A version 1 AttendanceRecorded, as written before substitutes were recorded.
    v1 = msgspec.json.encode(
        {
            "timestamp": "2026-05-20T07:00:00+00:00",
            "actor": "Gammel Version",
            "participant_id": str(pid),
            "attendance": "excused",
        }
    )
    minutes.recorder.insert_events(
        [
            StoredEvent(
                originator_id=mid, originator_version=3, topic=AttendanceRecorded.TOPIC, state=v1
            )
        ]
    )
    meeting = minutes.get(mid)
    assert meeting.version == 3
    anne = meeting.participant("Anne Holm")
    assert (anne.attendance, anne.substitute_for) == ("excused", None)
    event = list(minutes.events.get(mid))[-1]
    assert isinstance(event, AttendanceRecorded)
    assert event.actor == "Gammel Version"
    assert event.substitute_for is None
    # Newly written events carry their class version.
    minutes.change(mid, lambda m: m.record_attendance(SECRETARY, pid, "present"))
    last = minutes.recorder.select_events(mid, desc=True, limit=1)[0]
    assert msgspec.json.decode(last.state)["class_version"] == 2


def test_an_old_signature_is_upcast_as_one_given_in_this_system(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    held = minutes.get(mid)
    # A version 1 MinutesApproved, as written before transcribed signatures were told apart.
    v1 = msgspec.json.encode(
        {
            "timestamp": "2026-09-03T08:00:00+00:00",
            "actor": "Anne Holm",
            "approval": {"by": "Anne Holm", "at": "2026-09-03T08:00:00+00:00"},
            "digest": digest(held.state),
        }
    )
    minutes.recorder.insert_events(
        [
            StoredEvent(
                originator_id=mid,
                originator_version=held.version + 1,
                topic=MinutesApproved.TOPIC,
                state=v1,
            )
        ]
    )
    meeting = minutes.get(mid)
    assert meeting.version == held.version + 1
    assert meeting.state.status == "approved"
    assert [(a.by, a.reservation) for a in meeting.state.approvals] == [("Anne Holm", None)]
    event = list(minutes.events.get(mid))[-1]
    assert isinstance(event, MinutesApproved)
    assert (event.actor, event.transcribed) == ("Anne Holm", False)
    assert event.digest == digest(held.state)
    # A signature written now carries its class version and says whether it was transcribed.
    minutes.sign_minutes(mid, SECRETARY, "Dan Berg", digest)
    last = msgspec.json.decode(minutes.recorder.select_events(mid, desc=True, limit=1)[0].state)
    assert (last["class_version"], last["transcribed"]) == (2, False)
    assert [a.by for a in minutes.get(mid).state.approvals] == ["Anne Holm", "Dan Berg"]


def test_snapshots_restore_the_same_state_as_a_full_replay(minutes: Minutes) -> None:
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    item = minutes.change(mid, lambda m: m.add_item(SECRETARY, "Punkt"))
    for n in range(120):
        minutes.change(
            mid,
            partial(
                Meeting.write_section,
                actor=SECRETARY,
                item_id=item,
                heading="Resumé",
                text=f"Udgave {n} æøå",
            ),
        )
    assert minutes.snapshots is not None
    minutes.flush_snapshots()  # written after the saves, outside their wait
    snapshots = list(minutes.snapshots.get(mid))
    assert [s.originator_version for s in snapshots] == [50, 100]
    from_snapshot = minutes.get(mid)
    replayed = replay(None, minutes.events.get(mid))
    assert from_snapshot.state == replayed.state
    assert from_snapshot.version == replayed.version == 122
    old = minutes.get(mid, version=75)
    assert old.state.items[0].sections[0].text == "Udgave 72 æøå"
