"""A separate process that loads a meeting, waits for a signal, then saves a decision.

Used by test_concurrency: two of these load the same version and race to save it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from uuid import UUID

from domain.errors import Conflict
from projections.store.connect import open_minutes


def main(store: str, meeting_id: str, item_id: str, text: str, signals: str) -> int:
    app = open_minutes(store)
    meeting = app.get(UUID(meeting_id))
    meeting.record_decision(text, UUID(item_id), text)
    folder = Path(signals)
    (folder / f"ready-{text}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)
    try:
        app.save_meeting(meeting)
    except Conflict as e:
        print(f"conflict: {e}")
        return 1
    finally:
        app.close()
    print("saved")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
