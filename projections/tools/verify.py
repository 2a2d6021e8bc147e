"""`chefforum verify`: is the store as it was written?

Three checks, first problem first: the hash chain against the stored events (an event
altered, removed, inserted or moved), the snapshots against a replay of the events, and
each signature's digest against today's projection of the version that was signed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification

from domain.application import Minutes
from domain.meeting.events import MinutesApproved
from projections.documents.referat import digest
from projections.store.chain import GENESIS, ChainRow, event_hash, next_link


@dataclass(frozen=True)
class Problem:
    notification_id: int | None
    meeting_id: str
    version: int
    what: str

    def __str__(self) -> str:
        where = f"hændelse nr. {self.notification_id}, " if self.notification_id else ""
        return f"{where}møde {self.meeting_id[:8]} position {self.version}: {self.what}"


def notifications(minutes: Minutes) -> Iterator[Notification]:
    start = 1
    while True:
        batch = minutes.recorder.select_notifications(start=start, limit=1000)
        yield from batch
        if len(batch) < 1000:
            return
        start = batch[-1].id + 1


def _full(n: Notification) -> str:
    return event_hash(n.originator_id, n.originator_version, n.topic, n.state)


def check_chain(minutes: Minutes) -> tuple[Problem | None, str, int]:
    """The first event that differs from the chain; also the chain's head and length."""
    chain: list[ChainRow] = minutes.recorder.chain()  # type: ignore[attr-defined]
    link = GENESIS
    for row in chain:
        link = next_link(link, row.event_hash)
        if link != row.link:
            return (
                Problem(
                    row.notification_id,
                    row.originator_id,
                    row.originator_version,
                    "hashkæden selv er ændret",
                ),
                link,
                len(chain),
            )
    events = {n.id: n for n in notifications(minutes)}
    rows = {row.notification_id: row for row in chain}
    event_keys = {(UUID(str(n.originator_id)).hex, n.originator_version) for n in events.values()}
    row_keys = {(row.originator_id, row.originator_version): row for row in chain}
    for position in sorted(set(events) | set(rows)):
        event, chained = events.get(position), rows.get(position)
        if event is not None and chained is not None and _full(event) == chained.event_hash:
            continue
        if event is not None:
            oid = UUID(str(event.originator_id)).hex
            key = (oid, event.originator_version)
            original = row_keys.get(key)
            if chained is None and original is None:
                what = "indsat efter at hændelserne blev skrevet (findes ikke i hashkæden)"
            elif original is not None and original.notification_id != position:
                what = (
                    f"flyttet: står nu som nr. {position}, "
                    f"blev skrevet som nr. {original.notification_id}"
                )
            elif chained is not None and (chained.originator_id, chained.originator_version) == key:
                what = "ændret efter at den blev skrevet"
            else:
                what = "omrokeret: positionen passer ikke med hashkæden"
            return Problem(position, oid, event.originator_version, what), link, len(chain)
        assert chained is not None
        moved = (chained.originator_id, chained.originator_version) in event_keys
        what = "omrokeret: positionen passer ikke med hashkæden" if moved else "fjernet"
        return (
            Problem(position, chained.originator_id, chained.originator_version, what),
            link,
            len(chain),
        )
    return None, link, len(chain)


def check_snapshots_and_signatures(minutes: Minutes) -> Problem | None:
    for meeting_id in minutes.meeting_ids():
        events: list[Any] = list(minutes.events.get(meeting_id))
        if minutes.snapshots is not None:
            snapshots: list[Any] = list(minutes.snapshots.get(meeting_id))
            for snapshot in snapshots:
                replayed = None
                for event in events[: snapshot.originator_version]:
                    replayed = event.mutate(replayed)
                if replayed is None or snapshot.state["state"] != replayed.state:
                    return Problem(
                        None,
                        meeting_id.hex,
                        snapshot.originator_version,
                        "snapshottet svarer ikke til hændelserne",
                    )
        for event in events:
            if isinstance(event, MinutesApproved) and event.digest is not None:
                signed = minutes.get(meeting_id, version=event.originator_version - 1)
                if digest(signed.state) != event.digest:
                    return Problem(
                        None,
                        meeting_id.hex,
                        event.originator_version,
                        f"referatet, som {event.approval.by} underskrev, "
                        "giver ikke længere samme tekst",
                    )
    return None


def verify(minutes: Minutes) -> tuple[Problem | None, str]:
    """The first problem found, or None; and a one-line summary."""
    problem, head, length = check_chain(minutes)
    if problem is None:
        problem = check_snapshots_and_signatures(minutes)
    if problem is not None:
        return problem, f"FEJL: {problem}"
    return None, f"OK: {length} hændelser i ubrudt hashkæde (top {head[:16]})."
