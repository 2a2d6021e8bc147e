"""verify and rebuild draw a progress bar when their stderr is a terminal, and print
nothing beyond their one line when it is not (a script reads that line)."""

from __future__ import annotations

import os
import pty
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic import ordinary
from projections.store.connect import open_minutes

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    minutes = open_minutes(str(path))
    rng = random.Random(5)
    for n in range(3):
        minutes.save_meeting(ordinary(rng, n))
    minutes.close()
    return path


def env(db: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
    return {**keep, "CHEFFORUM_DB": str(db), "CHEFFORUM_ACTOR": "Test", "COLUMNS": "100"}


def on_terminal(db: Path, command: str) -> tuple[str, str]:
    """(stdout, what the terminal on stderr showed)."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [CHEFFORUM, command],
            env={**env(db), "TERM": "xterm"},
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
            check=True,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: all of it read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    return done.stdout, shown.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("command", "bar", "line"),
    [
        ("verify", "Kontrollerer hændelser", "OK: "),
        ("rebuild", "Genopbygger læsemodellerne", "Læsemodellerne er genopbygget"),
    ],
)
def test_a_progress_bar_on_a_terminal_and_nothing_extra_off_one(
    db: Path, command: str, bar: str, line: str
) -> None:
    stdout, shown = on_terminal(db, command)
    assert stdout.startswith(line)
    assert bar in shown  # rich's bar, drawn on stderr
    piped = subprocess.run(
        [CHEFFORUM, command], env=env(db), capture_output=True, text=True, timeout=120
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    assert piped.stdout.startswith(line) and piped.stdout.count("\n") == 1
