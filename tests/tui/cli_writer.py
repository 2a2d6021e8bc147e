"""Another user writing to the meeting a monkey test is typing in, through the command
line: every write is a real `chefforum` process (remarks and decisions on any item).

Each write is logged (one JSON line, flushed) *before* the command runs, so that every
event of this actor in the store has its line. Runs until its standard input closes.

    python -m tests.tui.cli_writer STORE MEETING_ID LOG SEED NUMBER...
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import threading
from pathlib import Path

OTHER = "Ole Other"
MEMBERS = ("Anne Holm", "Bo Lind", "Cille Ravn")


def main(store: str, meeting_id: str, log: str, seed: str, *numbers: str) -> int:
    rng = random.Random(int(seed))
    command = [str(Path(sys.executable).with_name("chefforum")), "--db", store, "--actor", OTHER]
    stop = threading.Event()

    def stop_at_end_of_input() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=stop_at_end_of_input, daemon=True).start()
    print("ready", flush=True)
    n = 0
    with Path(log).open("a", encoding="utf-8") as out:
        while not stop.wait(rng.uniform(0.8, 2.0)):  # a busy colleague (each write a process)
            n += 1
            number = rng.choice(numbers)
            if rng.random() < 0.5:
                by, text = rng.choice(MEMBERS), f"Bemærkning {n} fra Ole"
                intent = {"kind": "RemarkAdded", "text": text, "by": by}
                args = ["remark", meeting_id, number, by, text]
            else:
                text = f"Ole besluttede sag {n}."
                intent = {"kind": "DecisionRecorded", "text": text}
                args = ["decide", meeting_id, number, text]
            out.write(json.dumps(intent) + "\n")
            out.flush()
            done = subprocess.run([*command, *args], capture_output=True, text=True)
            if done.returncode != 0:  # refused (an item withdrawn, minutes signed): harmless
                print(f"refused: {done.stderr.strip()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
