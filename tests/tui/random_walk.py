"""A seeded random walk through the meeting screen and the live view, while another
process (tests/tui/other_writer.py) writes to the same meeting.

The walk moves between items and fields, types, commits, leaves fields, switches items,
opens and closes dialogs, the help, the palette and the live view, and waits. After
every step it checks:

(a) nothing invented: every stored event is one the walk's keys asked for (a text it
    typed, a choice it made, a form it submitted) or one the other writer logged;
(b) nothing lost: every text typed is stored, or still in a field showing its item.

Used by tests/tui/test_tui_random_walk.py (a few walks) and bench/tui_walk.py (many).

What the walk did is kept in random_walk_model.py; the walk's steps and its two checks
(each needs the whole model) are in random_walk_walker.py; the meeting it walks, shared
with the monkey, is built in walk_meeting.py; here the walk is run, with the other writer.
"""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from chefforum_tui.app import ChefforumApp
from tests.tui.random_walk_model import WalkFailure
from tests.tui.random_walk_walker import Walk
from tests.tui.tui_pilot import ACTOR, settle
from tests.tui.walk_meeting import ROOT, SIZES, build_meeting


@dataclass
class WalkResult:
    seed: int
    steps: int
    events: int
    failure: str | None
    log: list[str]


async def run_walk(folder: Path, seed: int, steps: int) -> WalkResult:
    """One walk of `steps` steps on a new store in `folder`, with the other writer."""
    db = str(folder / f"walk-{seed}.db")
    log = folder / f"other-{seed}.log"
    mid = build_meeting(db)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.tui.other_writer", db, str(mid), str(log), str(seed)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    rng = random.Random(seed)
    size = rng.choice(SIZES)
    walk: Walk | None = None
    failure: str | None = None
    done = 0
    try:
        assert writer.stdout is not None
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("the other writer did not start")
        app = ChefforumApp(db, ACTOR)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            walk = Walk(pilot, db, mid, log, seed)
            walk.log.append(f"size {size}")
            await walk.press("enter")  # open the meeting: that alone stores nothing
            await settle(pilot)
            try:
                walk.check()
                while done < steps:
                    done += 1
                    await walk.step()
                    walk.check()
            except WalkFailure as e:
                failure = f"seed {seed}, step {done}: {e}"
    except Exception as e:  # the app itself failed: a failure of the walk, with its seed
        failure = f"seed {seed}, step {done}: {type(e).__name__}: {e}"
    finally:
        if writer.stdin is not None:
            writer.stdin.close()
        writer.wait(timeout=30)
        if walk is not None:
            walk.close()
    return WalkResult(seed, done, walk.events if walk else 0, failure, walk.log if walk else [])
