"""Optimistic concurrency between real processes: one save wins, the other is told."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from domain.application import Minutes
from tests.builders import SECRETARY, decision_text, meeting_events


def test_two_processes_saving_the_same_version(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    for name in ("Anne", "Bo"):
        minutes.change_roles(SECRETARY, "Chefforum", name, "secretary", grant=True)
    item = minutes.change(mid, lambda m: m.add_item(SECRETARY, "Budget"))
    minutes.publish_agenda(mid, SECRETARY)
    minutes.start_meeting(mid, SECRETARY)  # decisions are recorded once the meeting has begun
    version = minutes.get(mid).version
    signals = tmp_path / "signals"
    signals.mkdir()
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.processes.concurrent_writer",
                store,
                str(mid),
                str(item),
                name,
                str(signals),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Anne", "Bo")
    ]
    deadline = time.monotonic() + 30
    while len(list(signals.glob("ready-*"))) < 2:
        if time.monotonic() > deadline or any(w.poll() is not None for w in writers):
            for w in writers:
                w.kill()
            raise AssertionError([w.communicate() for w in writers])
        time.sleep(0.01)
    (signals / "go").touch()
    results = [(w.wait(timeout=30), w.communicate()) for w in writers]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser_out = next(out for code, (out, _) in results if code == 1)
    assert "ændret af en anden" in loser_out
    assert all("Traceback" not in err for _, (_, err) in results)
    winner = "Anne" if results[0][0] == 0 else "Bo"
    meeting = minutes.get(mid)
    assert meeting.version == version + 1
    assert decision_text(meeting.item(item)) == winner
    assert meeting_events(minutes, mid)[-1].actor == winner
