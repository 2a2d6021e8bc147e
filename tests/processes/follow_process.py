"""A second chefforum process: follows the store and prints what its read model shows.

Each line: the wall-clock time and the meeting list as the read model has it after a
change ("forum/date:version" per meeting). Runs until its standard input closes.
"""

from __future__ import annotations

import sys
import time

from projections.readmodels.live import Follower
from projections.store.connect import open_minutes


def main(store: str) -> None:
    minutes = open_minutes(store)

    def changed(_: int) -> None:
        listed = ",".join(f"{s.ref}:{s.version}" for s in follower.read_models.meetings())
        print(f"{time.time():.3f} {listed}", flush=True)

    follower = Follower(minutes, changed)
    follower.start()
    print("ready", flush=True)
    sys.stdin.read()
    follower.stop()
    minutes.close()


if __name__ == "__main__":
    main(sys.argv[1])
