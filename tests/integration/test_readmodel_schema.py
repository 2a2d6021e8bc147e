"""Stores written before the read models kept one position open as ever: schema 3 (four
rows in rm_position, and rm_minutes) keeps its tables and carries its position over; any
other schema gets the tables anew and catches up from the first event."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import psycopg

from domain.meeting.aggregate import Meeting
from projections.readmodels.runner import ReadModels
from projections.readmodels.view import SCHEMA
from projections.store.connect import open_minutes
from tests.builders import SECRETARY


def execute(store: str, *statements: str) -> list[tuple[Any, ...]]:
    """Run SQL straight against the store; returns the last statement's rows."""
    rows: list[tuple[Any, ...]] = []
    if store.startswith("postgresql"):
        schema = parse_qs(urlparse(store).query)["schema"][0]
        with psycopg.connect(store.split("?")[0], autocommit=True) as conn:
            conn.execute(f'SET search_path TO "{schema}"')
            for statement in statements:
                cursor = conn.execute(statement)
                rows = cursor.fetchall() if cursor.description else []
    else:
        with closing(sqlite3.connect(store)) as db, db:
            for statement in statements:
                rows = db.execute(statement).fetchall()
    return rows


def _tracking(store: str) -> str:
    return "rm_tracking" if store.startswith("postgresql") else "tracking"


def _written(store: str) -> int:
    """A store with two meetings, its read models caught up; returns the position."""
    minutes = open_minutes(store)
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    minutes.change(mid, lambda m: m.add_item(SECRETARY, "Budget"))
    minutes.schedule(SECRETARY, "Økonomiudvalget", date(2026, 6, 3))
    read_models = ReadModels.of(minutes)
    assert len(read_models.meetings()) == 2
    position = read_models.position()
    minutes.close()
    return position


def test_a_schema_3_store_keeps_its_read_models_and_position(store: str) -> None:
    position = _written(store)
    # As the previous version left it: four positions that agree, rm_minutes, no tracking.
    execute(
        store,
        "CREATE TABLE rm_position (name TEXT PRIMARY KEY, position INTEGER NOT NULL)",
        *(
            f"INSERT INTO rm_position VALUES ('{name}', {position})"
            for name in ("meetings", "minutes", "audit", "search")
        ),
        "CREATE TABLE rm_minutes (id TEXT PRIMARY KEY, version INTEGER, document TEXT)",
        f"DELETE FROM {_tracking(store)} WHERE application_name = 'chefforum'",
        "UPDATE rm_schema SET version = 3",
    )
    minutes = open_minutes(store)
    read_models = ReadModels.of(minutes)
    assert read_models.position() == position
    assert read_models.catch_up() == 0  # nothing applied twice
    assert [s.forum for s in minutes.summaries()] == ["Chefforum", "Økonomiudvalget"]
    assert len(read_models.audit()) == 3  # each meeting event once
    minutes.close()
    assert execute(store, "SELECT version FROM rm_schema") == [(SCHEMA,)]
    for old in ("rm_position", "rm_minutes"):
        listed = (
            f"SELECT 1 FROM information_schema.tables WHERE table_name = '{old}' "
            "AND table_schema = current_schema()"
            if store.startswith("postgresql")
            else f"SELECT 1 FROM sqlite_master WHERE name = '{old}'"
        )
        assert execute(store, listed) == []


def test_another_schema_gets_new_tables_and_catches_up(store: str) -> None:
    position = _written(store)
    execute(store, "DELETE FROM rm_meetings", "UPDATE rm_schema SET version = 2")
    minutes = open_minutes(store)
    read_models = ReadModels.of(minutes)
    assert read_models.position() == 0
    assert [s.forum for s in minutes.summaries()] == ["Chefforum", "Økonomiudvalget"]
    assert read_models.position() == position
    minutes.close()


def test_a_schema_3_search_index_keeps_closed_items_out_of_the_public_view(
    tmp_path: Path,
) -> None:
    """Schema 3 numbered a meeting's texts from the start of its range; SQLite's public
    view now tells public texts by their rowid, so the carried rows are renumbered."""
    store = str(tmp_path / "events.db")
    minutes = open_minutes(store)
    mid = minutes.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
    for title, text, closed in (
        ("Budget", "Revisionen af budgettet", False),
        ("Lønsag", "Fortrolig forhandling", True),
    ):
        iid = minutes.change(
            mid, partial(Meeting.add_item, actor=SECRETARY, title=title, closed=closed)
        )
        minutes.change(
            mid,
            partial(
                Meeting.write_section,
                actor=SECRETARY,
                item_id=iid,
                heading="Sagsfremstilling",
                text=text,
            ),
        )
    read_models = ReadModels.of(minutes)
    assert [h.field for h in read_models.search("forhandling", internal=True)] == [
        "Sagsfremstilling"
    ]
    position = read_models.position()
    minutes.close()
    execute(
        store,
        # Schema 3's rowids: the meeting's first text at the start of its range, and so on.
        "CREATE TEMP TABLE old AS SELECT rowid AS id, * FROM rm_search",
        "DELETE FROM rm_search",
        "INSERT INTO rm_search (rowid, meeting_id, item_number, item_title, field, public, text) "
        "SELECT (id >> 20 << 20) + row_number() OVER (PARTITION BY id >> 20 ORDER BY id) - 1, "
        "meeting_id, item_number, item_title, field, public, text FROM old",
        "CREATE TABLE rm_position (name TEXT PRIMARY KEY, position INTEGER NOT NULL)",
        f"INSERT INTO rm_position VALUES ('search', {position})",
        "DELETE FROM tracking WHERE application_name = 'chefforum'",
        "UPDATE rm_schema SET version = 3",
    )
    assert execute(store, "SELECT max(rowid) & 1048575 FROM rm_search") == [(3,)]
    minutes = open_minutes(store)
    read_models = ReadModels.of(minutes)
    assert read_models.position() == position
    assert read_models.search("forhandling") == []
    assert [h.field for h in read_models.search("lønsag")] == ["Titel"]  # a closed item's title
    assert [h.field for h in read_models.search("revisionen")] == ["Sagsfremstilling"]
    assert [h.field for h in read_models.search("forhandling", internal=True)] == [
        "Sagsfremstilling"
    ]
    minutes.close()


def test_a_schema_7_store_keeps_its_rows_and_ranks_its_texts_in_place(store: str) -> None:
    """Schema 8 ranks a search's texts by field; on SQLite the rank is in each text's
    rowid. A store at 7 keeps its rows and position: its texts are renumbered, not
    rebuilt from the events."""
    position = _written(store)
    if not store.startswith("postgresql"):
        # Schema 7's rowids: no rank.
        execute(store, f"UPDATE rm_search SET rowid = rowid & ~{7 << 16}")
    execute(store, "UPDATE rm_schema SET version = 7", "DELETE FROM rm_audit WHERE position = 2")
    minutes = open_minutes(store)
    read_models = ReadModels.of(minutes)
    # Not rebuilt: the audit row taken out above is still missing, the position kept.
    assert read_models.position() == position
    assert len(read_models.view.audit(None)) == 2
    # Another meeting than the carried title's (a change writes its meeting's texts anew).
    mid = next(s.id for s in minutes.summaries() if s.forum == "Økonomiudvalget")
    iid = minutes.change(mid, lambda m: m.add_item(SECRETARY, "Drift"))
    minutes.change(
        mid,
        partial(
            Meeting.write_section,
            actor=SECRETARY,
            item_id=iid,
            heading="Økonomi",
            text="Budgettet til drift holder.",
        ),
    )
    hits = read_models.search("budget")
    # The carried title ranks above the newer section (with no rank, it would not).
    assert [(h.item_title, h.field) for h in hits] == [("Budget", "Titel"), ("Drift", "Økonomi")]
    minutes.close()
    assert execute(store, "SELECT version FROM rm_schema") == [(SCHEMA,)]
