"""Meetings and forums loaded lately, kept as replayed from the store and never handed out
(see Minutes._latest): loading one again reads only the events saved since."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any
from uuid import UUID

KEPT_MEETINGS = 16


class KeptAggregates:
    """The aggregates kept, the latest used last; each thread works on one it took out."""

    def __init__(self) -> None:
        self._kept: OrderedDict[UUID, Any] = OrderedDict()
        self._kept_lock = threading.Lock()

    def take(self, aggregate_id: UUID) -> Any:
        """The aggregate kept, taken out; None if none is."""
        with self._kept_lock:
            return self._kept.pop(aggregate_id, None)

    def keep(self, aggregate_id: UUID, kept: Any) -> None:
        """Keep the aggregate, the oldest kept dropped beyond KEPT_MEETINGS."""
        with self._kept_lock:
            self._kept[aggregate_id] = kept
            while len(self._kept) > KEPT_MEETINGS:
                self._kept.popitem(last=False)
