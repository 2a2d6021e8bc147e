"""Live updates between processes: a change by one is in the other's read model within a
second, on SQLite (polling) and PostgreSQL (LISTEN/NOTIFY)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from functools import partial

from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from tests.builders import SECRETARY


def test_another_process_sees_a_change_within_a_second(minutes: Minutes, store: str) -> None:
    follower = subprocess.Popen(
        [sys.executable, "-m", "tests.processes.follow_process", store],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert follower.stdout is not None
        assert follower.stdout.readline().strip() == "ready"
        delays = []
        mid = None
        for round_ in range(3):
            written = time.time()
            if mid is None:
                mid = minutes.schedule(SECRETARY, "Økonomiudvalget", date(2026, 9, 2))
            else:
                minutes.change(
                    mid, partial(Meeting.add_item, actor=SECRETARY, title=f"Punkt {round_}")
                )
            version = minutes.get(mid).version
            while True:
                line = follower.stdout.readline()
                assert line, follower.stderr.read() if follower.stderr else ""
                seen_at, listed = line.split(" ", 1)
                if f"Økonomiudvalget/2026-09-02:{version}" in listed:
                    delays.append(float(seen_at) - written)
                    break
        assert max(delays) < 1.0, delays
    finally:
        follower.communicate(input="", timeout=10)
