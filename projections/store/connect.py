"""Where the events live: an SQLite file (default events.db) or a PostgreSQL URL."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from domain.application import Minutes
from domain.errors import ChefforumError
from projections.readmodels.views import ReadModels
from projections.store.cipher import check_key, cipher_env

DEFAULT_DB = "events.db"


class StoreError(ChefforumError):
    """The store could not be opened."""


def location(given: str | None = None) -> str:
    """--db, else CHEFFORUM_DB, else events.db in the working directory."""
    return given or os.environ.get("CHEFFORUM_DB") or DEFAULT_DB


def is_postgres(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def store_env(where: str) -> dict[str, str]:
    """eventsourcing's environment for a store location."""
    if not is_postgres(where):
        path = Path(where)
        if path.is_dir():
            raise StoreError(f"{where} er en mappe, ikke en databasefil.")
        if not path.parent.exists():
            raise StoreError(f"Mappen {path.parent} findes ikke.")
        return {
            # WAL journal, and each commit synced to disk (see projections/durable.py).
            "PERSISTENCE_MODULE": "projections.store.durable:DurableSQLiteFactory",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "10",
            "APPLICATION_RECORDER_TOPIC": "projections.store.chain:ChainedSQLiteRecorder",
            **cipher_env(),
        }
    url = urlparse(where)
    query = parse_qs(url.query)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(url.path.lstrip("/")) or "postgres",
        "POSTGRES_HOST": url.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": unquote(url.username or "") or os.environ.get("USER", "postgres"),
        "POSTGRES_PASSWORD": unquote(url.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_LOCK_TIMEOUT": "10",
        "APPLICATION_RECORDER_TOPIC": "projections.store.chain:ChainedPostgresRecorder",
        **cipher_env(),
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env


# Any fixed number: the key of the advisory lock that serialises table creation.
_SETUP_LOCK = 7_261_526


def _open_postgres(env: dict[str, str]) -> Minutes:
    """Create the schema if asked for, and the tables, one process at a time.

    eventsourcing (re)creates its tables and functions on every start; two processes
    doing so at the same moment collide ("tuple concurrently updated"), hence the lock.
    """
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=5,
        autocommit=True,
    ) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK,))
        try:
            schema = env.get("POSTGRES_SCHEMA")
            if schema:
                conn.execute(
                    sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema))
                )
            return Minutes(env=env)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))


def open_minutes(given: str | None = None) -> Minutes:
    """Open (creating on first use) the store at the given or default location."""
    where = location(given)
    env = store_env(where)
    try:
        minutes = _open_postgres(env) if is_postgres(where) else Minutes(env=env)
        try:
            check_key(minutes, where)  # before anything reads an event
        except ChefforumError:
            minutes.close()
            raise
        read_models = ReadModels(minutes)
        minutes.directory = read_models.meetings
        return minutes
    except ChefforumError:
        raise
    except Exception as e:  # the drivers raise many kinds; the user needs one line
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StoreError(f"Kan ikke åbne {where}: {first_line}") from e
