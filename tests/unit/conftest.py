"""The unit lane runs in memory: the application on eventsourcing's in-memory store, with
the same msgspec mapper as the real stores, and no file or server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from domain.application import Minutes


@pytest.fixture
def minutes() -> Iterator[Minutes]:
    app = Minutes()
    yield app
    app.close()
