"""Pages made from the read models as a whole (the front page, a forum's page, a search),
kept per position of the read models.

Such a page is the same for every reader until the store changes, and every change moves
the position; so the first request at a position makes it and the next ones at the same
position (the same path and query) send the same bytes. A search for a common word on a
store of a million events costs tens of milliseconds of ranking; repeated by many readers
it costs one. Bounded, oldest out first, and emptied when the position moves.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.responses import Response

KEPT = 2048  # answers per server process; a search page is some 10 kB


class Answers:
    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._at: int | None = None
        self._answers: OrderedDict[str, tuple[int, bytes, list[tuple[bytes, bytes]]]] = (
            OrderedDict()
        )
        self._lock = threading.Lock()

    def find(self, position: int, key: str) -> Response | None:
        """The answer kept for this position and key, or None."""
        with self._lock:
            if self._at != position:
                self._answers.clear()
                self._at = position
            found = self._answers.get(key)
            if found is None:
                return None
            self._answers.move_to_end(key)
        return _response(found)

    def get(self, position: int, key: str, make: Callable[[], Response]) -> Response:
        """The answer kept, else made now by `make` and kept."""
        found = self.find(position, key)
        if found is not None:
            return found
        made = make()
        kept = (made.status_code, bytes(made.body), list(made.raw_headers))
        with self._lock:
            if self._at == position:  # not a page of a position already left
                self._answers[key] = kept
                while len(self._answers) > self._kept:
                    self._answers.popitem(last=False)
        return _response(kept)


def _response(kept: tuple[int, bytes, list[tuple[bytes, bytes]]]) -> Response:
    status, body, headers = kept
    answer = Response(body, status_code=status)
    answer.raw_headers = list(headers)
    return answer
