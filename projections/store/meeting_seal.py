"""Before a meeting's referat is exported or published: whether its events (and the
snapshot a load starts from) are those the hash chain sealed, and the checkpoint at its
last approval that the referat prints."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.application import Minutes, replay
from domain.errors import StoreDamaged
from domain.meeting.events.meeting import MinutesApproved
from projections.store.checkpoints import Checkpoint
from projections.store.recorders import chained
from projections.store.sealed import check_sealed

APPROVED_TOPIC = MinutesApproved.TOPIC


def check_events_sealed(minutes: Minutes, meeting_id: UUID, version: int) -> None:
    """StoreDamaged unless the meeting's events up to `version` are those the hash chain
    sealed (projections/store/sealed.py). Enough for a caller that replays the meeting
    from its events (the site); one that loads it, from a snapshot, asks the next."""
    recorder = chained(minutes)
    check_sealed(recorder.sealed_rows(meeting_id, version), recorder.chain, recorder.store_id)


def check_meeting_sealed(minutes: Minutes, meeting_id: UUID, version: int) -> None:
    """The events sealed, and the snapshot a load of the meeting starts from made by them:
    asked before a referat is exported."""
    check_events_sealed(minutes, meeting_id, version)
    _check_snapshot(minutes, meeting_id, version)


def _check_snapshot(minutes: Minutes, meeting_id: UUID, version: int) -> None:
    """The snapshot a load starts from is no part of the chain: it must be what the
    sealed events make, or the meeting is not printed from it (a forged but readable
    snapshot was exported and published as the minutes)."""
    if minutes.snapshots is None:
        return
    found = list(minutes.snapshots.get(meeting_id, desc=True, lte=version, limit=1))
    if not found:
        return
    at = found[0].originator_version
    snapshot: Any = found[0]
    replayed = replay(None, minutes.events.get(meeting_id, lte=at))
    if snapshot.state.get("state") != replayed.state:
        raise StoreDamaged(
            f"mødets snapshot ved hændelse {at} svarer ikke til hændelserne: lageret er "
            "ændret uden om programmet, og intet er udskrevet. Kør 'chefforum verify'."
        )


def approval_checkpoint(minutes: Minutes, meeting_id: UUID, version: int) -> Checkpoint | None:
    """The checkpoint at the meeting's last approval up to `version` (what its referat
    prints as Kontrolsum), read from the store's chain; None before any approval."""
    recorder = chained(minutes)
    position = recorder.last_of(meeting_id, version, APPROVED_TOPIC)
    link = recorder.chain_link(position) if position is not None else None
    if position is None or link is None:
        return None
    return Checkpoint(position=position, head=link)
