"""Replaying stored events into an aggregate, and the error when they cannot be replayed
(the store is damaged)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.errors import StoreDamaged


def replay(aggregate: Any, events: Iterable[Any]) -> Any:
    """An aggregate from its snapshot and events: eventsourcing's project_aggregate without
    its per-event assert against a runtime-checkable Protocol, whose isinstance walks the
    protocol's attributes (about 40 µs an event: most of loading a long meeting)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def replay_failed(what: str, version: int | None, e: Exception) -> StoreDamaged:
    """Stored events that cannot be read or replayed: the store is damaged."""
    at = f" ved position {version}" if version is not None else ""
    detail = str(e).strip().splitlines()[0][:120] if str(e).strip() else ""
    return StoreDamaged(
        f"Lageret er beskadiget: {what}{at} kan ikke genskabes af de gemte hændelser "
        f"({type(e).__name__}{': ' + detail if detail else ''}); kør 'chefforum verify'."
    )
