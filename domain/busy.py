"""A store too busy to take a save: refused before anything was written, so it may be
tried again."""

from __future__ import annotations

from eventsourcing.persistence import OperationalError


def is_busy(e: OperationalError) -> bool:
    """A save refused because another writer held the store's lock too long (SQLite's
    busy timeout, PostgreSQL's lock_timeout): nothing was written, it may be tried again."""
    text = str(e).lower()
    return "locked" in text or "lock timeout" in text
