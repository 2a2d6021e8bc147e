"""After a rebuild (or a catch-up of many events, a large import) the database renews the
planner's statistics of the read models: on PostgreSQL an ANALYZE of their tables, which
pg_stat_user_tables reports (issue 26: search p99 37-76 ms before autovacuum got to it,
17-28 ms after)."""

from __future__ import annotations

import time
from datetime import date

import psycopg
import pytest

from projections.readmodels import runner
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from tests.conftest import PG_SERVER


def _analyzed(schema: str) -> dict[str, bool]:
    with psycopg.connect(PG_SERVER) as conn:
        rows = conn.execute(
            "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables "
            "WHERE schemaname = %s AND relname IN ('rm_meetings', 'rm_audit', 'rm_search')",
            (schema,),
        ).fetchall()
    return {name: done for name, done in rows}


def test_a_rebuild_of_many_events_analyzes_the_read_models(
    pg_store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = pg_store.partition("?schema=")[2]
    minutes = open_minutes(pg_store)
    try:
        mid = minutes.schedule("Karen Dahl", "Økonomiudvalget", date(2031, 5, 6))
        for n in range(5):
            minutes.add_item(mid, "Karen Dahl", f"Budget {n}")
        monkeypatch.setattr(runner, "ANALYZE_AFTER", 6)  # "many": the six events here
        assert ReadModels.of(minutes).rebuild() == 6
        # The server publishes a backend's statistics within a second or so of its work.
        deadline = time.monotonic() + 10
        while not all(_analyzed(schema).values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _analyzed(schema) == dict.fromkeys(("rm_meetings", "rm_audit", "rm_search"), True)
        # The search index's pending list was merged: nothing is left for a clean to do.
        with psycopg.connect(PG_SERVER) as conn:
            index = f'"{schema}".rm_search_tsv'
            left = conn.execute("SELECT gin_clean_pending_list(%s::regclass)", (index,))
            assert left.fetchone() == (0,)
    finally:
        minutes.close()


def test_a_small_catch_up_leaves_the_statistics_to_autovacuum(pg_store: str) -> None:
    schema = pg_store.partition("?schema=")[2]
    minutes = open_minutes(pg_store)
    try:
        mid = minutes.schedule("Karen Dahl", "Økonomiudvalget", date(2031, 5, 6))
        minutes.add_item(mid, "Karen Dahl", "Budget")
        ReadModels.of(minutes).catch_up()
        time.sleep(2)  # as long as the statistics of an ANALYZE might take to show
        assert not any(_analyzed(schema).values())
    finally:
        minutes.close()
