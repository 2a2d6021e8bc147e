"""A small synthetic store built once and reused by the scripts that need one of their own
(bench/rebuild.py, bench/site.py): `count` ordinary meetings through their whole life and
one long meeting. The big stores of bench/stores.py are for bench/run.py."""

from __future__ import annotations

import hashlib
import random
import sys
import time
from pathlib import Path
from uuid import UUID

from bench.synthetic import long_meeting, ordinary
from domain.application import Minutes
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from projections.store.location import is_postgres

ROOT = Path(__file__).resolve().parent


def _wipe(where: str) -> None:
    if is_postgres(where):
        import psycopg  # only the PostgreSQL path needs the driver here

        base, _, schema = where.partition("?schema=")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'CREATE SCHEMA "{schema}"')
        return
    for suffix in ("", "-wal", "-shm"):
        Path(where + suffix).unlink(missing_ok=True)


def prepare(where: str, meetings: int, long_events: int, fresh: bool) -> tuple[Minutes, UUID]:
    """The store at `where` holding `meetings` ordinary meetings and a long one of
    `long_events` events, built unless a marker says this very store was built before.
    Returns it opened, with its read models caught up, and the long meeting's id."""
    key = hashlib.sha256(where.encode()).hexdigest()[:10]
    marker = ROOT / ".store" / f"{key}-{meetings}-{long_events}.long"
    if fresh or not marker.exists():
        _wipe(where)
        marker.parent.mkdir(exist_ok=True)
        minutes = open_minutes(where)
        minutes.read_models = None  # built by one rebuild at the end, not after each save
        started = time.perf_counter()
        rng = random.Random(1)
        for n in range(meetings):
            minutes.save_meeting(ordinary(rng, n, minutes))
        long_id = long_meeting(minutes, rng, long_events)
        minutes.flush_snapshots()
        minutes.close()
        minutes = open_minutes(where)
        ReadModels.of(minutes).rebuild()
        minutes.close()
        print(f"Byggede lageret på {time.perf_counter() - started:.0f} s.", file=sys.stderr)
        marker.write_text(str(long_id))
    return open_minutes(where), UUID(marker.read_text())
