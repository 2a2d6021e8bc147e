"""The meeting list's first page, read straight from the read model in a PostgreSQL store's
schema before the store is opened (the TUI shows it as its first frame, while the domain
and the store load: see projections/readmodels/first_look.py). Only psycopg is loaded
here, not eventsourcing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.sql import SQL, Identifier

# The meeting list newest first, from a key on (keyset pagination on rm_meetings_list).
MEETINGS_PAGE = (
    "SELECT * FROM {{s}}.rm_meetings {where} ORDER BY date DESC, forum DESC, id DESC LIMIT %s"
)
# A first look never makes anyone wait long: a server slow to answer is left to the
# store's opening, which has its own deadlines (connection.py) and messages.
CONNECT_TIMEOUT = 2
SESSION_OPTIONS = "-c lock_timeout=1s -c statement_timeout=2s"


def first_page(env: Mapping[str, str], schema: int, limit: int) -> list[dict[str, Any]] | None:
    """The newest `limit` rows of rm_meetings, in a read-only transaction; None where the
    store's schema holds no read model of this schema version (a new store, an encrypted
    one, an older version) or cannot be read now: opening the store decides then."""
    store_schema = Identifier(env.get("POSTGRES_SCHEMA", "").strip() or "public")
    try:
        with psycopg.connect(
            dbname=env["POSTGRES_DBNAME"],
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
            connect_timeout=CONNECT_TIMEOUT,
            options=SESSION_OPTIONS,
            row_factory=dict_row,
        ) as db:
            db.read_only = True
            version = db.execute(
                SQL("SELECT version FROM {s}.rm_schema").format(s=store_schema)
            ).fetchone()
            if version is None or version["version"] != schema:
                return None
            page = SQL(MEETINGS_PAGE.format(where="")).format(s=store_schema)
            return db.execute(page, (limit,)).fetchall()
    except psycopg.Error:
        return None
