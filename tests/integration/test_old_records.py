"""Records stored before issue 13 read as they were written: old ItemWithdrawn events
keeping their old meaning, and old payloads and snapshots without the keys issue 13 added
still loading, on both stores."""

from __future__ import annotations

from typing import Any

import msgspec
from eventsourcing.persistence import StoredEvent

from domain.application import Minutes
from domain.meeting.events.decisions import RemarkAdded
from domain.meeting.events.items import ItemWithdrawn
from domain.meeting.events.participants import ParticipantAdded
from projections.documents.referat import document
from tests.builders import SECRETARY, full_meeting


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
