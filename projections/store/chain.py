"""Tamper evidence: a hash chain over the stored events, written in the same transaction.

Each stored event gets a row: its hash (over originator id, version, topic and the
stored bytes) and a link, the hash of the previous link and this event's hash, in
notification order. The recorders that write it, by the same cursor and inside the same
transaction as the events, are eventsourcing's own extended in the dialect modules
(ChainedSQLiteRecorder in sqlite.py, ChainedPostgresRecorder in postgres.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

GENESIS = "0" * 64
CHAIN_TABLE = "chefforum_chain"


def event_hash(originator_id: UUID | str, version: int, topic: str, state: bytes) -> str:
    oid = originator_id.hex if isinstance(originator_id, UUID) else UUID(str(originator_id)).hex
    digest = hashlib.sha256()
    for part in (oid.encode(), str(version).encode(), topic.encode()):
        digest.update(len(part).to_bytes(4, "big") + part)
    digest.update(state)
    return digest.hexdigest()


def next_link(previous: str, this_hash: str) -> str:
    return hashlib.sha256(f"{previous}:{this_hash}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    notification_id: int
    originator_id: str
    originator_version: int
    event_hash: str
    link: str


def chain_rows(
    previous: str, ids: Sequence[int], events: Sequence[StoredEvent]
) -> list[tuple[Any, ...]]:
    """The chain rows of newly inserted events, continuing from the link `previous`."""
    rows = []
    for notification_id, event in zip(ids, events, strict=True):
        this = event_hash(event.originator_id, event.originator_version, event.topic, event.state)
        previous = next_link(previous, this)
        oid = UUID(str(event.originator_id)).hex
        rows.append((notification_id, oid, event.originator_version, this, previous))
    return rows
