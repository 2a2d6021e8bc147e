"""One of the four processes of test_four_writers, changing one meeting at once.

    python -m tests.processes.four_writer STORE MEETING OWN_ITEM SHARED_ITEM NAME N SIGNALS MODE

Waits for SIGNALS/go, then makes N changes through Minutes.change and prints one JSON
line per change. MODE "own": each change writes NAME's own item's decision. MODE
"shared": every other change writes the shared item's decision the way the editor does,
guarded by expect_unchanged(base), base read a moment before (the user typing); the
others write the own item. Each line says the base, the text, the outcome ("ok" or
"conflict") and how often the command ran (more than once: a concurrent save was merged).

In the first ROUNDS_TOGETHER changes every writer, having loaded the meeting, waits for
all the others to have loaded it too before it saves: then they collide however the
machine schedules them (on the shared field, all but one are refused; on their own
fields, all but one are merged), so a loaded machine cannot make the test pass by luck
or fail by it. Every wait is bounded, by a deadline far beyond what load can take.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

from domain.errors import EditConflict
from domain.meeting.aggregate import Meeting, expect_unchanged
from projections.store.connect import open_minutes

ROUNDS_TOGETHER = 2
WAIT = 300.0  # seconds: for the start signal and for the others at a rendezvous


def wait_for(done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {WAIT:.0f} s for {what}")
        time.sleep(0.002)


def rendezvous(folder: Path, round_: int, name: str) -> None:
    """Say this writer has loaded the meeting for this round; wait for every writer."""
    (folder / f"loaded-{round_}-{name}").touch()
    writers = len(list(folder.glob("ready-*")))
    wait_for(
        lambda: len(list(folder.glob(f"loaded-{round_}-*"))) >= writers,
        f"the other writers in round {round_}",
    )


def decision(meeting: Meeting, item_id: UUID) -> str:
    found = meeting.item(item_id).decision
    return found.text if found else ""


def main(
    store: str,
    meeting_id: str,
    own_item: str,
    shared_item: str,
    name: str,
    n: str,
    signals: str,
    mode: str,
) -> int:
    app = open_minutes(store)
    mid, own, shared = UUID(meeting_id), UUID(own_item), UUID(shared_item)
    rng = random.Random(name)
    folder = Path(signals)
    (folder / f"ready-{name}").touch()
    wait_for((folder / "go").exists, "the start signal")
    try:
        for k in range(int(n)):
            item = shared if mode == "shared" and k % 2 == 0 else own
            text = f"{name} {k}"
            base = decision(app.get(mid), item)
            time.sleep(rng.uniform(0, 0.01))  # the user types; others may save meanwhile
            runs = 0

            def guarded(
                m: Meeting, k: int = k, item: UUID = item, base: str = base, text: str = text
            ) -> None:
                nonlocal runs
                runs += 1
                if runs == 1 and k < ROUNDS_TOGETHER:
                    rendezvous(folder, k, name)
                expect_unchanged(decision(m, item), base, "Beslutningen")
                m.record_decision(name, item, text)

            line = {"item": str(item), "base": base, "text": text}
            try:
                app.change(mid, guarded)
                line["outcome"] = "ok"
            except EditConflict as e:
                line.update(outcome="conflict", stored=e.stored)
            print(json.dumps({**line, "runs": runs}), flush=True)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
