"""A writer that test_crash kills at random moments.

    python -m tests.processes.crash_writer STORE MEETING_ID ITEM_ID FIRST COUNT

Prints "ready" once the store is open, then records decisions "beslutning N" for N from
FIRST on, one save each, and prints "saved N" (flushed) only after save N has returned:
a reported save is one the user was told had succeeded. Every tenth save the read
models catch up as well.
"""

from __future__ import annotations

import sys
from functools import partial
from uuid import UUID

from domain.meeting.aggregate import Meeting
from projections.store.connect import open_minutes

ACTOR = "Skriver"


def text(n: int) -> str:
    return f"beslutning {n}"


def main(store: str, meeting_id: str, item_id: str, first: str, count: str) -> int:
    app = open_minutes(store)
    mid, iid = UUID(meeting_id), UUID(item_id)
    print("ready", flush=True)
    for n in range(int(first), int(first) + int(count)):
        app.change(mid, partial(Meeting.record_decision, actor=ACTOR, item_id=iid, text=text(n)))
        print(f"saved {n}", flush=True)
        if n % 10 == 0:
            app.summaries()  # the read models catch up: a kill may land in theirs too
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
