"""One of the four processes of test_four_writers, changing one meeting at once.

    python -m tests.processes.four_writer STORE MEETING OWN_ITEM SHARED_ITEM NAME N SIGNALS MODE

Waits for SIGNALS/go, then makes N changes through Minutes.change and prints one JSON
line per change. MODE "own": each change writes NAME's own item's decision. MODE
"shared": every other change writes the shared item's decision the way the editor does,
guarded by expect_unchanged(base), base read a moment before (the user typing); the
others write the own item. Each line says the base, the text, the outcome ("ok" or
"conflict") and how often the command ran (more than once: a concurrent save was merged).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from uuid import UUID

from domain.errors import EditConflict
from domain.meeting.aggregate import Meeting, expect_unchanged
from projections.store.connect import open_minutes


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
    while not (folder / "go").exists():
        time.sleep(0.002)
    try:
        for k in range(int(n)):
            item = shared if mode == "shared" and k % 2 == 0 else own
            text = f"{name} {k}"
            base = decision(app.get(mid), item)
            time.sleep(rng.uniform(0, 0.01))  # the user types; others may save meanwhile
            runs = 0

            def guarded(m: Meeting, item: UUID = item, base: str = base, text: str = text) -> None:
                nonlocal runs
                runs += 1
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
