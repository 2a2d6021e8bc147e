"""A command loads only what it uses: `chefforum meetings` on SQLite starts no web server
(uvicorn, Starlette, Jinja2), no PostgreSQL driver, no typesetter (Typst), no PDF reader
and no UI, so that it starts about as fast as a process that opens the store (issue 26).

What a process imported is read from `python -X importtime` of the real `chefforum`
command: every module imported is one line on its standard error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHEFFORUM = [sys.executable, "-X", "importtime", "-m", "chefforum_tui.cli"]
HEAVY = (
    "uvicorn",
    "starlette",
    "jinja2",
    "icalendar",
    "psycopg",
    "typst",
    "pypdf",
    "pdfplumber",
    "textual",
    "markdown_it",
    "snowballstemmer",
)


def imported(db: str, *args: str) -> set[str]:
    """The top-level packages a `chefforum --db DB ARGS` process imported."""
    done = subprocess.run(
        [*CHEFFORUM, "--db", db, *args],
        env={**os.environ, "CHEFFORUM_ACTOR": "Test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    db = str(tmp_path / "events.db")
    subprocess.run(
        [sys.executable, "-m", "chefforum_tui.cli", "--db", db, "demo"],
        env={**os.environ, "CHEFFORUM_ACTOR": "Test"},
        check=True,
        capture_output=True,
    )
    return db


def test_meetings_on_sqlite_loads_no_server_driver_typesetter_or_ui(demo_db: str) -> None:
    found = imported(demo_db, "meetings")
    assert "domain" in found and "projections" in found  # the reading is seen at all
    assert found.isdisjoint(HEAVY), sorted(found & set(HEAVY))


def test_text_export_loads_no_typesetter_and_pdf_export_does(demo_db: str, tmp_path: Path) -> None:
    ref = (
        subprocess.run(
            [sys.executable, "-m", "chefforum_tui.cli", "--db", demo_db, "meetings"],
            env={**os.environ, "CHEFFORUM_ACTOR": "Test"},
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.splitlines()[1]
        .split()[0]
    )
    text = imported(demo_db, "export", ref, "--format", "text", "-o", str(tmp_path / "r.txt"))
    assert "typst" not in text and "uvicorn" not in text
    pdf = imported(demo_db, "export", ref, "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert "typst" in pdf  # the measure above can see a typesetter when one is loaded
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_meetings_on_postgresql_loads_the_driver_and_no_server(pg_store: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "chefforum_tui.cli", "--db", pg_store, "demo"],
        env={**os.environ, "CHEFFORUM_ACTOR": "Test"},
        check=True,
        capture_output=True,
    )
    found = imported(pg_store, "meetings")
    assert "psycopg" in found
    assert found.isdisjoint(set(HEAVY) - {"psycopg"}), sorted(found & set(HEAVY))
