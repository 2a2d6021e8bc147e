"""How chefforum connects to PostgreSQL: every connection's deadlines, and the lock under
which one process at a time sets up a store's schema."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg
from eventsourcing.postgres import PostgresFactory
from psycopg.sql import SQL, Identifier

from projections.store.chain import STORE_TABLE

# What psycopg raises itself (eventsourcing wraps most, not all: see damage.py).
DRIVER_ERRORS = (psycopg.Error,)
# Any fixed number: the key of the advisory lock that serialises the store's table
# creation (the read models' is readmodels._READ_MODELS_LOCK).
_SETUP_LOCK = 7_261_526
# The store's tables, functions and triggers as this version makes them; a store set up
# at this version opens without creating anything (which only its owner may do).
# 2: the server checks each event's JSON, its actor and the lifecycle after approval;
# writers read the read models and snapshots and do not write them.
# 3: the site's role and the members' links (site_role.py).
STORE_SETUP = 3
# Every connection has deadlines: a table locked by someone (LOCK TABLE needs only the
# UPDATE a writer holds) or a statement that runs away makes a command fail in one line
# instead of waiting without end. eventsourcing retries a read ten times, so a lock held by
# someone else fails a command after some 20 s. Saves set their own lock_timeout
# (POSTGRES_LOCK_TIMEOUT) and retry until SAVE_DEADLINE; the read models' writes wait
# longer (READ_MODELS_LOCK_TIMEOUT: only the owner's processes can lock those tables).
# The longest statement (a rebuild's batch, verify's reads) takes seconds on a million
# events.
LOCK_TIMEOUT = "2s"
READ_MODELS_LOCK_TIMEOUT = "60s"
STATEMENT_TIMEOUT = "120s"
SESSION_OPTIONS = f"-c lock_timeout={LOCK_TIMEOUT} -c statement_timeout={STATEMENT_TIMEOUT}"


class DeadlinePostgresFactory(PostgresFactory):
    """eventsourcing's factory whose pool gives every connection the deadlines
    (SESSION_OPTIONS): the pool connects on first use, after this."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)
        kwargs["options"] = SESSION_OPTIONS


@contextmanager
def setup_lock(env: Mapping[str, str], *, create: bool = True) -> Iterator[bool]:
    """Create the schema if it is missing (unless not create), and hold the lock under
    which one process at a time makes the store's tables. Yields whether the store is
    already set up at this version (then nothing needs creating, and a role that may not
    create can open it).

    eventsourcing (re)creates its tables and functions on every start; two processes
    doing so at the same moment collide ("tuple concurrently updated"), hence the lock.
    """
    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=5,
        autocommit=True,
        options=SESSION_OPTIONS,
    ) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK,))
        try:
            schema = env.get("POSTGRES_SCHEMA") or "public"
            found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
            if found.fetchone() is None and create:
                conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(schema)))
            yield _set_up(conn, schema)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))


def _set_up(conn: psycopg.Connection[Any], schema: str) -> bool:
    try:
        row = conn.execute(
            SQL("SELECT max(setup) FROM {}.{}").format(Identifier(schema), Identifier(STORE_TABLE))
        ).fetchone()
    except psycopg.Error:  # no table (a new or older store), or no right to read it
        return False
    return bool(row and row[0] == STORE_SETUP)
