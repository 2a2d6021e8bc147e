"""Where the events live: an SQLite file (default events.db) or a PostgreSQL URL."""

from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from domain.application import Minutes
from domain.errors import ChefforumError
from projections.readmodels.runner import ReadModels
from projections.readmodels.view import ReadModelView
from projections.store.cipher import check_key, cipher_env
from projections.store.postgres import ChainedPostgresRecorder, PostgresReadModelView, setup_lock
from projections.store.sqlite import ChainedSQLiteRecorder, SQLiteReadModelView, memory_datastore

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
            # WAL journal, and each commit synced to disk (see DurableSQLiteFactory).
            "PERSISTENCE_MODULE": "projections.store.sqlite:DurableSQLiteFactory",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "10",
            "APPLICATION_RECORDER_TOPIC": "projections.store.sqlite:ChainedSQLiteRecorder",
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
        "APPLICATION_RECORDER_TOPIC": "projections.store.postgres:ChainedPostgresRecorder",
        **cipher_env(),
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env


def _read_models(minutes: Minutes, where: str) -> ReadModels:
    """The store's one ReadModels, its tables made or migrated."""
    recorder = minutes.recorder
    view: ReadModelView
    if minutes.mapper.cipher is not None:
        # An encrypted store keeps its read models out of the store, where they would
        # hold the minutes in clear: in this process's memory, filled on first use.
        view = SQLiteReadModelView(memory_datastore(), application_name=minutes.name)
    elif isinstance(recorder, ChainedPostgresRecorder):
        view = PostgresReadModelView(recorder.datastore, application_name=minutes.name)
    elif isinstance(recorder, ChainedSQLiteRecorder):
        view = SQLiteReadModelView(recorder.datastore, application_name=minutes.name)
    else:
        raise StoreError(f"{where}: ukendt lager ({type(recorder).__name__})")
    view.create()
    return ReadModels(minutes, view)


def open_minutes(given: str | None = None) -> Minutes:
    """Open (creating on first use) the store at the given or default location, with its
    read models attached (ReadModels.of(minutes))."""
    where = location(given)
    env = store_env(where)
    try:
        # PostgreSQL: one process at a time makes the tables (see postgres.setup_lock).
        with setup_lock(env) if is_postgres(where) else nullcontext():
            minutes = Minutes(env=env)
            try:
                check_key(minutes, where)  # before anything reads an event or writes a table
                minutes.read_models = _read_models(minutes, where)
            except BaseException:
                minutes.close()
                raise
        return minutes
    except ChefforumError:
        raise
    except Exception as e:  # the drivers raise many kinds; the user needs one line
        first_line = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise StoreError(f"Kan ikke åbne {where}: {first_line}") from e
