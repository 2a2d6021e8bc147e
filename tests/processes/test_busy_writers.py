"""Busy writers, small: four processes each making 25 changes to their own item of one
meeting, on SQLite and on PostgreSQL. None is refused (none conflicts with another: saves
wait with backoff until a deadline) and none is lost. The full run, 4 x 100 five times
on both stores, is `python -m bench.busy_writers`."""

from __future__ import annotations

from pathlib import Path

from tests.processes.busy import run

CHANGES = 25


def test_busy_writers_on_their_own_items_are_neither_refused_nor_lost(
    store: str, tmp_path: Path
) -> None:
    result = run(store, tmp_path, writers=4, changes=CHANGES)
    print(result.line("postgres" if store.startswith("postgresql") else "sqlite"))
    assert result.refused == 0, result.messages
    assert result.lost == 0
    assert result.merged > 0, "the writers never collided: the test proved nothing"
