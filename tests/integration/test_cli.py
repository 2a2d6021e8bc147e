"""The chefforum command as a user runs it: real processes, real stores."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.builders import meeting_events

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def run(
    *args: str, cwd: Path, actor: str | None = "Karen Dahl", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
    if actor:
        environment["CHEFFORUM_ACTOR"] = actor
    environment.update(env)
    return subprocess.run(
        [CHEFFORUM, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60
    )


def stored_rows(db: Path) -> list[tuple[Any, ...]]:
    """The events and their hash chain: what "the store as it was" means."""
    with closing(sqlite3.connect(db)) as conn:
        events = conn.execute("SELECT rowid, * FROM stored_events ORDER BY rowid").fetchall()
        return events + conn.execute("SELECT * FROM chefforum_chain").fetchall()


def test_demo_then_meetings_on_the_default_store(tmp_path: Path) -> None:
    first = run("demo", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "events.db").exists()
    second = run("demo", cwd=tmp_path)
    assert "findes allerede" in second.stdout
    listing = run("meetings", cwd=tmp_path)
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert len(lines) == 2
    assert "2026-06-17" in lines[1] and "afholdt" in lines[1] and "Chefforum" in lines[1]
    rows = json.loads(run("meetings", "--json", cwd=tmp_path).stdout)
    assert [(r["forum"], r["date"], r["status"]) for r in rows] == [
        ("Chefforum", "2026-06-17", "afholdt")
    ]


def test_demo_on_postgres(pg_store: str, tmp_path: Path) -> None:
    assert run("--db", pg_store, "demo", cwd=tmp_path).returncode == 0
    rows = json.loads(run("meetings", "--json", cwd=tmp_path, CHEFFORUM_DB=pg_store).stdout)
    assert len(rows) == 1
    assert not (tmp_path / "events.db").exists()


def test_a_meeting_built_command_by_command(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    new = run("--db", db, "new", "Chefforum", "2026-05-20", "--start", "09:00", cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    steps = [
        ("grant", "Chefforum", "Karen Dahl", "chair"),
        ("add-participant", "Chefforum/2026-05-20", "Anne Holm", "--role", "chair"),
        ("add-item", "Chefforum/2026-05-20", "Budget", "--case-number", "00.30.00-S00-2-26"),
        ("publish", "Chefforum/2026-05-20"),
        ("start", "Chefforum/2026-05-20"),
        ("decide", "Chefforum/2026-05-20", "1", "Godkendt."),
        ("end", "Chefforum/2026-05-20", "--at", "11:00"),
        ("approve", "Chefforum/2026-05-20", "--by", "Anne Holm"),
        (
            "correct",
            "Chefforum/2026-05-20",
            "--reason",
            "Stavefejl",
            "--text",
            "Rettet.",
            "--item",
            "1",
        ),
    ]
    for step in steps:
        done = run("--db", db, *step, cwd=tmp_path)
        assert done.returncode == 0, (step, done.stderr)
    exported = json.loads(
        run("--db", db, "export", "Chefforum/2026-05-20", "--format", "json", cwd=tmp_path).stdout
    )
    assert exported["meeting"]["approvals"][0]["by"] == "Anne Holm"
    assert exported["meeting"]["corrections"][0]["item"] == "1"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("new", "Chefforum", "20-05-2026"), 2, "ikke en dato"),
        (("new", "Chefforum", "2026-05-20", "--start", "9"), 2, "klokkeslæt"),
        (("nonsense",), 2, "ugyldigt valg"),
        (("export", "Intet/2026-01-01"), 2, "Intet møde"),
        (("decide", "Chefforum/2026-06-17", "99", "x"), 2, "Punkt 99 findes ikke"),
        (("approve", "Chefforum/2026-06-17", "--by", "Karen Dahl"), 1, "ikke medlem"),
        (("new", "Chefforum", "2026-06-17"), 1, "findes allerede"),
        (("import", "no-such-file.json"), 2, "kan ikke læse"),
        (("--db", "/no/such/dir/x.db", "meetings"), 2, "findes ikke"),
        (("--db", "/no/such/dir/x.db"), 2, "findes ikke"),  # the UI: no blank screen
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(
    tmp_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    assert run("demo", cwd=tmp_path).returncode == 0
    before = stored_rows(tmp_path / "events.db")
    done = run(*args, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert stored_rows(tmp_path / "events.db") == before


def test_the_actor_comes_from_flag_env_or_login(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    run("--db", db, "--actor", "Fra Flag", "new", "A", "2026-01-01", cwd=tmp_path)
    run("--db", db, "new", "B", "2026-01-01", cwd=tmp_path, actor="Fra Miljø")
    run("--db", db, "new", "C", "2026-01-01", cwd=tmp_path, actor=None)
    import getpass

    from projections.store.connect import open_minutes

    app = open_minutes(db)
    actors = [meeting_events(app, i)[0].actor for i in app.meeting_ids()]
    assert actors == ["Fra Flag", "Fra Miljø", getpass.getuser()]


def test_help_describes_every_command(tmp_path: Path) -> None:
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    for command in ("meetings", "demo", "export", "import"):
        assert command in done.stdout
    assert "underskriver referatet" in run("approve", "--help", cwd=tmp_path).stdout
