"""Raw access to a store, as someone with the database's files or its owner's login:
SQL past the program (and past PostgreSQL's triggers), its stored rows, and a chain
recomputed without the key."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from urllib.parse import parse_qs, urlparse

import psycopg

from projections.store.chain import GENESIS, Chain, StoredRow
from projections.store.connect import open_minutes
from tests.tamper.store import Store


def sql(store: Store, sqlite_sql: str, pg_sql: str, params: tuple[object, ...] = ()) -> None:
    if store.kind == "postgres":
        with pg(store) as conn:
            conn.execute(pg_sql, params)
    else:
        with closing(sqlite3.connect(store.where)) as db, db:
            db.execute(sqlite_sql, params)


@contextlib.contextmanager
def pg(store: Store) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    schema = parse_qs(urlparse(store.where).query)["schema"][0]
    with psycopg.connect(store.where.split("?")[0], autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        conn.execute("SET session_replication_role = replica")  # past the triggers
        yield conn


def events_table(store: Store) -> str:
    return "chefforum_events" if store.kind == "postgres" else "stored_events"


def nid(store: Store) -> str:
    return "notification_id" if store.kind == "postgres" else "rowid"


def first_of(store: Store, topic: str) -> int:
    minutes = open_minutes(store.where, create=False)
    try:
        for n in minutes.recorder.select_notifications(start=1, limit=100_000):
            if n.topic == f"chefforum:{topic}":
                return n.id
    finally:
        minutes.close()
    raise AssertionError(topic)


def rows(store: Store) -> list[StoredRow]:
    minutes = open_minutes(store.where, create=False)
    try:
        return list(minutes.recorder.stored_rows(1, 100_000))  # type: ignore[attr-defined]
    finally:
        minutes.close()


def rechain_without_key(store: Store) -> None:
    """Recompute the whole chain as plain SHA-256: all an attacker without the key can."""
    chain = Chain()
    link, new = GENESIS, []
    for row in rows(store):
        link = chain.link(link, row.hash)
        new.append((row.notification_id, row.originator_id, row.originator_version, row.hash, link))
    sql(store, "DELETE FROM chefforum_chain", "DELETE FROM chefforum_chain")
    for values in new:
        sql(
            store,
            "INSERT INTO chefforum_chain VALUES (?, ?, ?, ?, ?)",
            "INSERT INTO chefforum_chain VALUES (%s, %s, %s, %s, %s)",
            values,
        )
