"""What verify reads of the recorder, guarded, and in batches."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, Protocol, TypeVar

from projections.store.chain import ChainRow, StoredRow, StoreInfo
from projections.tools.verification.problems import guarded

BATCH = 5000
R = TypeVar("R", ChainRow, StoredRow)


class VerifiedRecorder(Protocol):
    """What verify reads (projections/store/sqlite/recorder.py and postgres/recorder.py)."""

    events_table_name: str

    def tables(self) -> set[str]: ...
    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]: ...
    def stored_rows(self, start: int, limit: int) -> list[StoredRow]: ...
    def store_row(self) -> tuple[StoreInfo | None, bool]: ...
    def last_versions(self) -> dict[str, int]: ...
    def snapshot_versions(self) -> set[tuple[str, int]]: ...


class Rows(Protocol):
    """The chain's rows and the events' rows, by notification id."""

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]: ...
    def stored_rows(self, start: int, limit: int) -> list[StoredRow]: ...


class Guarded:
    """The recorder's reads, each a problem found when the store makes it fail."""

    def __init__(self, recorder: VerifiedRecorder) -> None:
        self.recorder = recorder

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]:
        return guarded("hashkæden kan ikke læses", partial(self.recorder.read_chain, start, limit))

    def stored_rows(self, start: int, limit: int) -> list[StoredRow]:
        return guarded(
            "hændelserne kan ikke læses", partial(self.recorder.stored_rows, start, limit)
        )


def stored_version(value: Any) -> int:
    return value if isinstance(value, int) else -1


def batches(read: Callable[[int, int], Sequence[R]]) -> Iterator[R]:
    """Rows in notification order, read BATCH at a time: memory stays flat."""
    start = 1
    while True:
        batch = read(start, BATCH)
        yield from batch
        if len(batch) < BATCH:
            return
        start = batch[-1].notification_id + 1
