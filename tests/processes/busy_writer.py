"""One busy writer: N changes to its own item of a shared meeting, as fast as it can.

    python -m tests.processes.busy_writer STORE MEETING ITEM NAME N SIGNALS

Waits for SIGNALS/go, then makes N changes through Minutes.change (each a new decision
text on its own item: no change conflicts with another writer's) and prints one JSON
line per change: the text, the outcome ("ok", or "refused" with the message), how often
the command ran, and the seconds it took. A change refused is never retried here: the
point is whether Minutes.change itself gets every change in.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from uuid import UUID

from domain.errors import ChefforumError
from domain.meeting.aggregate import Meeting
from projections.store.connect import open_minutes

WAIT = 300.0  # seconds for the start signal: a bound, not an expectation


def main(store: str, meeting_id: str, item_id: str, name: str, n: str, signals: str) -> int:
    app = open_minutes(store)
    mid, item = UUID(meeting_id), UUID(item_id)
    folder = Path(signals)
    (folder / f"ready-{name}").touch()
    deadline = time.monotonic() + WAIT
    while not (folder / "go").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("no start signal")
        time.sleep(0.002)
    try:
        for k in range(int(n)):
            text = f"{name} {k}"
            runs = 0

            def decide(m: Meeting, text: str = text) -> None:
                nonlocal runs
                runs += 1
                m.record_decision(name, item, text)

            started = time.monotonic()
            line: dict[str, object] = {"text": text}
            try:
                app.change(mid, decide)
                line["outcome"] = "ok"
            except ChefforumError as e:
                line.update(outcome="refused", message=str(e))
            line.update(runs=runs, seconds=round(time.monotonic() - started, 4))
            print(json.dumps(line), flush=True)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
