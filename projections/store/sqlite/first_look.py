"""The meeting list's first page, read straight from the read model in an SQLite store's
file before the store is opened (the TUI shows it as its first frame, while the domain and
the store load: see projections/readmodels/first_look.py). Only sqlite3 is loaded here."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

# The meeting list newest first, from a key on (keyset pagination on rm_meetings_list).
MEETINGS_PAGE = "SELECT * FROM rm_meetings {where} ORDER BY date DESC, forum DESC, id DESC LIMIT ?"


def first_page(path: str, schema: int, limit: int) -> list[dict[str, Any]] | None:
    """The newest `limit` rows of rm_meetings, the file opened read-only; None where it
    holds no read model of this schema (a new store, an encrypted one, an older version)
    or cannot be read at once (locked, damaged): opening the store decides then."""
    file = Path(path)
    if not file.is_file():
        return None  # nothing is created here
    # Read-only, and no waiting on a lock: a first look, never a reason to wait.
    uri = f"{file.resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=0)) as db:
            db.row_factory = sqlite3.Row
            db.execute("BEGIN")  # the version and the rows from one snapshot
            found = db.execute("SELECT version FROM rm_schema").fetchone()
            if found is None or found["version"] != schema:
                return None
            return [dict(row) for row in db.execute(MEETINGS_PAGE.format(where=""), (limit,))]
    except sqlite3.Error:
        return None
