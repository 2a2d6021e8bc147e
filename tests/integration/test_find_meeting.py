"""Finding one meeting (whole id, id prefix, FORUM/DATE) and paging through the list read a
few rows through an index, however many meetings the store holds: the statements the read
model runs for them are counted, and the rows the database reads to answer each are
measured (SQLite: its virtual machine's steps; PostgreSQL: EXPLAIN ANALYZE), at two sizes
of the meeting list."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg.sql import Composable

from domain.application import Minutes
from domain.errors import NotFound
from projections.readmodels.runner import ReadModels
from projections.readmodels.view import MeetingRows
from projections.store.connect import open_minutes
from projections.store.location import is_postgres
from tests.builders import SECRETARY

FIRST = date(2000, 1, 1)


def test_a_meeting_is_found_by_id_prefix_and_forum_date(store: str) -> None:
    minutes = open_minutes(store)
    try:
        days = [FIRST + timedelta(n) for n in range(3)]
        ids = [minutes.schedule(SECRETARY, "Økonomiudvalget", day) for day in days]
        assert minutes.resolve(str(ids[1])) == ids[1]
        assert minutes.resolve(ids[2].hex[:8].upper()) == ids[2]
        assert minutes.resolve(" ØKONOMIUDVALGET/2000-01-02 ") == ids[1]
        found = minutes.find("økonomiudvalget", FIRST)
        assert found is not None and found.id == ids[0]
        assert minutes.find("Økonomiudvalget", date(1999, 1, 1)) is None
        with pytest.raises(NotFound, match="Intet møde med id 'zz'"):
            minutes.resolve("zz")
        with pytest.raises(NotFound, match="Intet møde Økonomiudvalget/1999-01-01"):
            minutes.resolve("Økonomiudvalget/1999-01-01")
        newest = minutes.meetings_page(None, 2)
        assert [s.id for s in newest] == [ids[2], ids[1]]
        assert [s.id for s in minutes.meetings_page(newest[-1], 2)] == [ids[0]]
    finally:
        minutes.close()


def _key(n: int) -> str:
    """Meeting ids spread over the key space, two of them sharing a prefix."""
    return f"{(n * 2654435761) % 2**32:08x}" + f"{n:024x}"


def _fill(minutes: Minutes, first: int, meetings: int) -> None:
    """Meetings number `first` to `meetings` in the meeting list, written as the read model
    writes them (no events: each row at version 0, so that catching up has nothing to do)."""
    view = ReadModels.of(minutes).view
    rows = [
        MeetingRows(
            key=_key(n),
            forum=f"Udvalg {n % 40}",
            date=(FIRST + timedelta(days=n // 40)).isoformat(),
            status="scheduled",
            items=0,
            version=0,
            forum_key=f"udvalg {n % 40}",
            search=(),
        )
        for n in range(first, meetings)
    ]
    for start in range(0, len(rows), 500):
        view.write(0, 0, [], rows[start : start + 500])
    twin = _key(7)[:6] + "f" * 26  # shares its first six digits with meeting 7
    view.write(0, 0, [], [MeetingRows(twin, "Tvilling", "1999-01-01", "scheduled", 0, 0, "x", ())])


@dataclass
class Statements:
    """The statements a read model ran, with their parameters and the rows each returned."""

    ran: list[tuple[Any, Sequence[Any], int]] = field(default_factory=list)


@contextmanager
def counted(minutes: Minutes) -> Iterator[Statements]:
    view: Any = ReadModels.of(minutes).view
    query = view._query
    seen = Statements()

    def counting(statement: Any, params: Sequence[Any] = ()) -> Any:
        rows = query(statement, params)
        seen.ran.append((statement, params, len(rows)))
        return rows

    view._query = counting
    try:
        yield seen
    finally:
        view._query = query


def rows_read(store: str, statement: Any, params: Sequence[Any]) -> int:
    """The work the database does for one statement: on SQLite the steps of its virtual
    machine (which grow with every row it visits), on PostgreSQL the rows every node of
    the executed plan produced or filtered away."""
    if not is_postgres(store):
        steps = 0

        def step() -> int:
            nonlocal steps
            steps += 1
            return 0

        with closing(sqlite3.connect(store)) as db:
            db.set_progress_handler(step, 1)
            db.execute(statement, params).fetchall()
        return steps
    base, _, schema = store.partition("?schema=")
    with psycopg.connect(base) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        text = statement.as_string(conn) if isinstance(statement, Composable) else statement
        row = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {text}", params).fetchone()
    assert row is not None
    plan = row[0] if isinstance(row[0], list) else json.loads(row[0])

    def visited(node: dict[str, Any]) -> int:
        here: int = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node[
            "Actual Loops"
        ]
        return here + sum(visited(child) for child in node.get("Plans", []))

    return visited(plan[0]["Plan"])


LOOKUPS: dict[str, Callable[[Minutes], object]] = {
    "whole id": lambda m: m.resolve(str(UUID(_key(123)))),
    "id prefix": lambda m: m.resolve(_key(321)[:8]),
    "ambiguous prefix": lambda m: m.resolve(_key(7)[:6]),
    "FORUM/DATE": lambda m: m.resolve("Udvalg 5/2000-01-03"),
    "first page": lambda m: m.meetings_page(None, 50),
    "a later page": lambda m: m.meetings_page(m.meetings_page(None, 60)[-1], 50),
}


def _measure(store: str, first: int, meetings: int) -> dict[str, tuple[int, int, int]]:
    """Per lookup: (statements, rows returned, rows read), the store grown to `meetings`."""
    minutes = open_minutes(store)
    try:
        _fill(minutes, first, meetings)
        # Opening checks once per process that no row is missing (a count); not a lookup.
        ReadModels.of(minutes).catch_up()
        found: dict[str, tuple[int, int, int]] = {}
        for name, lookup in LOOKUPS.items():
            with counted(minutes) as seen:
                try:
                    lookup(minutes)
                except NotFound as e:
                    assert name == "ambiguous prefix" and "flere møder" in str(e)
            found[name] = (
                len(seen.ran),
                sum(returned for _, _, returned in seen.ran),
                sum(rows_read(store, statement, params) for statement, params, _ in seen.ran),
            )
        return found
    finally:
        minutes.close()


@pytest.mark.slow
def test_finding_a_meeting_reads_as_many_rows_in_a_store_sixteen_times_larger(
    store: str,
) -> None:
    small = _measure(store, 0, 500)
    large = _measure(store, 500, 8000)
    for name in LOOKUPS:
        statements, returned, read = small[name]
        assert large[name][:2] == (statements, returned), name
        # An index lookup visits a few rows at any size (a B-tree one level deeper may
        # cost a few more steps); a scan would read sixteen times as many.
        assert large[name][2] <= read * 1.3 + 20, (name, small[name], large[name])
    assert small["whole id"][:2] == (1, 1)
    assert small["ambiguous prefix"][:2] == (1, 2)
    assert small["first page"][:2] == (1, 50)
