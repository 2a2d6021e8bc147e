"""Fixtures: every store-backed test runs on a real SQLite file and on the real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from domain.application import Minutes
from projections.store.connect import open_minutes

PG_SERVER = os.environ.get("CHEFFORUM_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
# CI sets this: there a missing PostgreSQL is a failure, not a skip.
REQUIRE_PG = os.environ.get("CHEFFORUM_REQUIRE_PG") == "1"


@pytest.fixture(scope="session")
def pg_available() -> bool:
    try:
        psycopg.connect(PG_SERVER, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL at {PG_SERVER} is required but unreachable: {e}")
        return False
    return True


@pytest.fixture(autouse=True, scope="session")
def _state_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """PostgreSQL stores append their checkpoints to a file in the user's state folder
    (projections/store/checkpoints.py): for the tests' processes, a temporary one."""
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    # The public site's made pages (projections/site/rendered.py): the tests' own.
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


def _pg_url(schema: str) -> str:
    return f"{PG_SERVER}?schema={schema}"


@pytest.fixture
def pg_store(pg_available: bool) -> Iterator[str]:
    """A fresh schema on the real PostgreSQL server, dropped afterwards."""
    if not pg_available:
        pytest.skip(f"no PostgreSQL at {PG_SERVER} (set CHEFFORUM_TEST_PG to point elsewhere)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield _pg_url(schema)
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The location of an empty store: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
    else:
        yield request.getfixturevalue("pg_store")


@pytest.fixture
def minutes(store: str) -> Iterator[Minutes]:
    app = open_minutes(store)
    yield app
    app.close()


@pytest.fixture
def sqlite_minutes(tmp_path: Path) -> Iterator[Minutes]:
    app = open_minutes(str(tmp_path / "events.db"))
    yield app
    app.close()


LANES = ("unit", "integration", "tui", "processes")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked with its lane (the folder it is in); the processes lane and
    tests marked by hand are slow, and `pytest -m "not slow"` leaves them out."""
    for item in items:
        lane = next((p for p in item.path.parts if p in LANES), None)
        if lane is not None:
            item.add_marker(lane)
        if lane == "processes":
            item.add_marker("slow")
    # The monkey's walks run last: after its 20 walks a later Pilot test in the same
    # process waited for ever on pending messages (Pilot's WaitForScreenTimeout, then a
    # timer that never stopped in the app's teardown; each file alone passes). The cause
    # is not found yet (issue 20); until then nothing runs behind the monkey.
    items.sort(key=lambda item: item.path.name == "test_tui_monkey.py")
