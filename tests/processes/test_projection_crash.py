"""The read models apply every event exactly once, also when the process catching up is
killed mid-batch and started again."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg

from projections.readmodels.audit import entries
from projections.readmodels.runner import ReadModels
from projections.readmodels.search_text import units
from projections.store.connect import open_minutes
from tests.builders import bulk_meetings

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def search_rows(store: str) -> int:
    """The rows in the search index, counted straight in the store."""
    if store.startswith("postgresql"):
        schema = parse_qs(urlparse(store).query)["schema"][0]
        with psycopg.connect(store.split("?")[0]) as conn:
            found = conn.execute(f'SELECT count(*) FROM "{schema}".rm_search').fetchone()
    else:
        with closing(sqlite3.connect(store)) as conn:
            found = conn.execute("SELECT count(*) FROM rm_search").fetchone()
    assert found is not None
    return int(found[0])


def read_model_rows(
    rm: ReadModels, store: str
) -> tuple[list[tuple[str, int, str]], list[tuple[str, int]], int]:
    audit = sorted((e.meeting_id.hex, e.position, e.description) for e in rm.audit())
    listed = sorted((s.id.hex, s.version) for s in rm.meetings())
    return audit, listed, search_rows(store)


def test_killed_catch_up_neither_repeats_nor_misses(tmp_path: Path, store: str) -> None:
    minutes = open_minutes(store)
    progress = ReadModels.of(minutes)
    minutes.read_models = None  # write the events without the read models catching up
    events = bulk_meetings(minutes, meetings=20, changes=300)
    env = {**os.environ, "CHEFFORUM_PROJECTION_BATCH": "40", "CHEFFORUM_ACTOR": "Test"}
    rng = random.Random(7)
    last = minutes.recorder.max_notification_id()
    assert last is not None
    killed = 0
    for _round in range(12):
        start = progress.position()
        if start >= last:
            break
        # Kill when the catch-up has gone part of the way: mid-run, often mid-batch.
        target = start + int(rng.uniform(0.05, 0.6) * (last - start))
        process = subprocess.Popen(
            [CHEFFORUM, "--db", store, "meetings"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        while process.poll() is None and progress.position() < target:
            time.sleep(0.002)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=30)
    assert killed >= 3, "the catch-up finished before it could be killed; use more events"
    done = subprocess.run(
        [CHEFFORUM, "--db", store, "meetings"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr

    audit, listed, searchable = read_model_rows(progress, store)
    # Every event once: the audit trail has exactly one row per stored event.
    assert len(audit) == events
    expected = sorted(
        (mid.hex, e.position, e.description)
        for mid in minutes.meeting_ids()
        for e in entries(minutes.events.get(mid))
    )
    assert audit == expected
    assert listed == sorted((mid.hex, minutes.get(mid).version) for mid in minutes.meeting_ids())
    assert searchable == sum(len(units(minutes.get(mid).state)) for mid in minutes.meeting_ids())
    minutes.close()
