"""The read models are a cache: whoever can write the store can edit a row. What they
decide for the public (is a meeting published, is its referat approved) is read from the
events, and `verify` compares the rows with a replay (issue 21)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import psycopg

from projections.store.connect import open_minutes
from tests.builders import SECRETARY
from tests.conftest import PG_SERVER
from tests.site_server import CHEFFORUM


def forge(store: str, statement: str) -> None:
    """Run SQL on the store behind chefforum's back (as its owner)."""
    if store.startswith("postgresql://"):
        schema = parse_qs(urlparse(store).query)["schema"][0]
        with psycopg.connect(PG_SERVER, autocommit=True) as conn:
            conn.execute(f'SET search_path TO "{schema}"')
            conn.execute(statement)
    else:
        with sqlite3.connect(store) as conn:
            conn.execute(statement)


def _chefforum(store: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHEFFORUM_ACTOR": SECRETARY}
    return subprocess.run(
        [CHEFFORUM, "--db", store, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_an_edited_row_does_not_publish_a_draft(store: str, tmp_path: Path) -> None:
    app = open_minutes(store)
    draft = app.schedule(SECRETARY, "Økonomiudvalget", date(2026, 10, 7))
    app.add_item(draft, SECRETARY, "Kladde: må ikke ses")
    shown = app.schedule(SECRETARY, "Økonomiudvalget", date(2026, 10, 14))
    app.add_item(shown, SECRETARY, "Offentligt punkt")
    app.publish_agenda(shown, SECRETARY)
    assert app.read_models is not None
    app.read_models.meetings()  # the rows written
    app.close()
    forge(store, f"UPDATE rm_meetings SET status = 'approved' WHERE id = '{draft.hex}'")

    out = tmp_path / "site"
    done = _chefforum(store, "site", str(out))

    assert done.returncode == 0, done.stderr
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"Offentligt punkt" in everything
    assert b"Kladde" not in everything
    assert not (out / "moede" / draft.hex).exists()
    # The published agenda is not shown as an approved referat either.
    forge(store, f"UPDATE rm_meetings SET status = 'approved' WHERE id = '{shown.hex}'")
    out2 = tmp_path / "site2"
    assert _chefforum(store, "site", str(out2)).returncode == 0
    assert not (out2 / "moede" / shown.hex / "referat.pdf").exists()
    assert (out2 / "moede" / shown.hex / "dagsorden.pdf").exists()
