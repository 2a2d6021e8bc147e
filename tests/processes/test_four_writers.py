"""Four real processes change one meeting at once, on SQLite and on PostgreSQL.

Different fields: every change survives (Minutes.change reruns a command on the fresh
state after a concurrent save). The same field, guarded as the editor guards it: a
write lands only on the text its writer saw, else it is reported as an EditConflict;
nothing is silently overwritten.

The writers collide for certain in their first rounds (four_writer.ROUNDS_TOGETHER), and
every wait has a deadline far beyond what a loaded machine needs (Minutes.change itself
retries until SAVE_DEADLINE): the outcome does not depend on scheduling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from domain.meeting.events.decisions import DecisionRecorded
from tests.builders import SECRETARY, decision_text

NAMES = ("Anne", "Bo", "Cille", "Dan")
# Seconds for the four to start, and for all of them to finish: bounds, not expectations.
START_WAIT = 180.0
RUN_WAIT = 600.0
OWN_CHANGES = 15  # per process, own field only
MIXED_CHANGES = 20  # per process, every other one on the shared field


def _setup(minutes: Minutes) -> tuple[UUID, UUID, dict[str, UUID]]:
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    for name in NAMES:  # four secretaries of the forum
        minutes.change_roles(SECRETARY, "Chefforum", name, "secretary", grant=True)
    shared = minutes.change(mid, lambda m: m.add_item(SECRETARY, "Fælles punkt"))
    own = {
        name: minutes.change(
            mid, partial(Meeting.add_item, actor=SECRETARY, title=f"Punkt for {name}")
        )
        for name in NAMES
    }
    minutes.publish_agenda(mid, SECRETARY)
    minutes.start_meeting(mid, SECRETARY)  # decisions are recorded once the meeting has begun
    minutes.change(mid, lambda m: m.record_decision(SECRETARY, shared, "Udgangspunkt"))
    return mid, shared, own


def _run_four(
    store: str, mid: UUID, shared: UUID, own: dict[str, UUID], n: int, mode: str, signals: Path
) -> dict[str, list[dict[str, Any]]]:
    """Start the four, let them go at once, and collect each one's report lines."""
    signals.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
    writers = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.processes.four_writer",
                store,
                str(mid),
                str(own[name]),
                str(shared),
                name,
                str(n),
                str(signals),
                mode,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in NAMES
    }
    deadline = time.monotonic() + START_WAIT
    while len(list(signals.glob("ready-*"))) < len(NAMES):
        if time.monotonic() > deadline or any(w.poll() is not None for w in writers.values()):
            for w in writers.values():
                w.kill()
            raise AssertionError([w.communicate() for w in writers.values()])
        time.sleep(0.01)
    (signals / "go").touch()
    reports = {}
    deadline = time.monotonic() + RUN_WAIT  # one deadline for all four, not one each
    for name, w in writers.items():
        try:
            out, err = w.communicate(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for other in writers.values():
                other.kill()
            raise
        assert w.returncode == 0 and "Traceback" not in err, (name, err)
        reports[name] = [json.loads(line) for line in out.splitlines()]
        assert len(reports[name]) == n, (name, out)
    return reports


def _decisions(minutes: Minutes, mid: UUID) -> list[DecisionRecorded]:
    return [e for e in minutes.events.get(mid) if isinstance(e, DecisionRecorded)]


def test_four_processes_on_their_own_fields_lose_nothing(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    mid, shared, own = _setup(minutes)
    before = minutes.get(mid).version
    reports = _run_four(store, mid, shared, own, OWN_CHANGES, "own", tmp_path / "signals")
    assert all(r["outcome"] == "ok" for lines in reports.values() for r in lines)
    merged = sum(r["runs"] > 1 for lines in reports.values() for r in lines)
    assert merged >= len(NAMES) - 1, "the first round's saves collided and were merged"
    meeting = minutes.get(mid)
    assert meeting.version == before + len(NAMES) * OWN_CHANGES  # every change, one event each
    for name in NAMES:
        assert decision_text(meeting.item(own[name])) == f"{name} {OWN_CHANGES - 1}"
        texts = [e.text for e in _decisions(minutes, mid) if e.item_id == own[name]]
        assert texts == [f"{name} {k}" for k in range(OWN_CHANGES)]  # in order, none lost


def test_four_processes_on_the_same_field_overwrite_nothing_unseen(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    mid, shared, own = _setup(minutes)
    before = minutes.get(mid).version
    reports = _run_four(store, mid, shared, own, MIXED_CHANGES, "shared", tmp_path / "signals")
    lines = [r for name in NAMES for r in reports[name]]
    landed = {r["text"]: r for r in lines if r["outcome"] == "ok"}
    refused = [r for r in lines if r["outcome"] == "conflict"]
    assert all(r["item"] == str(shared) for r in refused)  # only the shared field conflicts
    assert {r["stored"] for r in refused} <= {"Udgangspunkt"} | set(landed)

    # Replay the log: each stored write of the shared decision replaced exactly the text
    # its writer had seen (its base); a refused write is not in the log at all.
    current = {shared: "Udgangspunkt", **{i: "" for i in own.values()}}
    stored_texts = []
    for event in _decisions(minutes, mid):
        if event.originator_version <= before:
            continue
        report = landed[event.text]
        assert report["item"] == str(event.item_id)
        assert report["base"] == current[event.item_id], (event.text, report)
        current[event.item_id] = event.text
        stored_texts.append(event.text)
    assert sorted(stored_texts) == sorted(landed)  # every reported success stored, once
    assert minutes.get(mid).version == before + len(landed)
    for name in NAMES:  # the own fields all survived the merges
        assert current[own[name]] == f"{name} {MIXED_CHANGES - 1}"

    merged = sum(r["runs"] > 1 for r in lines if r["outcome"] == "ok")
    print(f"{len(landed)} stored, {len(refused)} reported as conflicts, {merged} merged")
    # The first round (shared field, all four loaded before anyone saved): one write lands,
    # the other three are refused. The second (own fields, likewise): three are merged.
    first = [reports[name][0] for name in NAMES]
    assert sorted(r["outcome"] for r in first) == ["conflict", "conflict", "conflict", "ok"]
    assert sum(reports[name][1]["runs"] > 1 for name in NAMES) >= len(NAMES) - 1
