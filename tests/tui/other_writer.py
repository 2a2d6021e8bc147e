"""Another user, in a process of their own, writing to the meeting a random walk is
editing: remarks on any item, and one section (OTHER_HEADING) that the walk never types.

Each write is logged (one JSON line, flushed) *before* it is saved, so that every event
of this actor in the store has its line: the walk checks that nothing was stored that
neither it nor this writer did. Runs until its standard input closes.

    python -m tests.tui.other_writer STORE MEETING_ID LOG SEED
"""

from __future__ import annotations

import json
import random
import sys
import threading
from pathlib import Path
from uuid import UUID

from domain.errors import ChefforumError
from projections.store.connect import open_minutes

OTHER = "Ole Other"
OTHER_HEADING = "Økonomi"


def main(store: str, meeting_id: str, log: str, seed: str) -> int:
    rng = random.Random(int(seed))
    minutes = open_minutes(store)
    mid = UUID(meeting_id)
    stop = threading.Event()

    def stop_at_end_of_input() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=stop_at_end_of_input, daemon=True).start()
    print("ready", flush=True)
    n = 0
    with Path(log).open("a", encoding="utf-8") as out:
        while not stop.wait(rng.uniform(0.5, 2.0)):  # a busy colleague
            n += 1
            state = minutes.get(mid).state
            item = rng.choice(state.active_items())
            remark = rng.random() < 0.5
            by = rng.choice(state.participants).name
            if remark:
                text = f"Bemærkning {n} fra Ole"
                intent = {"kind": "RemarkAdded", "item": str(item.id), "text": text, "by": by}
            else:
                text = f"Afsnit {n} om økonomien, skrevet af Ole."
                intent = {"kind": "SectionWritten", "item": str(item.id), "text": text}
            out.write(json.dumps(intent) + "\n")
            out.flush()
            try:
                if remark:
                    minutes.add_statement(mid, OTHER, item.id, by, text)
                else:
                    minutes.write_section(mid, OTHER, item.id, OTHER_HEADING, text)
            except ChefforumError as e:  # logged intents that were not saved do no harm
                print(f"refused: {e}", flush=True)
    minutes.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
