"""The tamper matrix (tests/tamper/), one case per alteration and store: every
alteration of the events is found by verify given a checkpoint, every damaged read model
is repaired by the commands themselves, and no command raises a traceback.

Slow as a whole (about a minute, most of it building a PostgreSQL store per case); one
case takes seconds. `python -m bench.tamper_matrix` prints the matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PG_SERVER
from tests.tamper.alterations import TAMPERS, Tamper
from tests.tamper.commands import commands, prepare
from tests.tamper.judge import judged
from tests.tamper.store import Store, drop_schema

pytestmark = pytest.mark.slow

CASES = [pytest.param(t, kind, id=f"{kind}-{t.slug}") for t in TAMPERS for kind in t.kinds]


@pytest.fixture(scope="module")
def workspace(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[tuple[str, bool], Store]]:
    """A folder for the cases, and the SQLite stores built once in it and copied for each."""
    return tmp_path_factory.mktemp("tamper"), {}


@pytest.mark.parametrize(("tamper", "kind"), CASES)
def test_each_alteration_is_found_or_repaired_never_a_traceback(
    tamper: Tamper,
    kind: str,
    workspace: tuple[Path, dict[tuple[str, bool], Store]],
    request: pytest.FixtureRequest,
) -> None:
    if kind == "postgres" and not request.getfixturevalue("pg_available"):
        pytest.skip(f"no PostgreSQL at {PG_SERVER}")
    root, bases = workspace
    folder = root / f"{kind}-{tamper.slug}"
    store = prepare(tamper, kind, folder, bases, PG_SERVER)
    try:
        tamper.alter(store)
        outcomes = commands(store, folder)
    finally:
        if kind == "postgres":
            drop_schema(PG_SERVER, store.where)
    assert judged(tamper, outcomes) == [], {k: str(o) for k, o in outcomes.items()}
