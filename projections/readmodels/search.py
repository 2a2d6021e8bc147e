"""Search over every meeting: the rows a meeting puts in the index, and the hits found.

What is searchable and how a query becomes FTS5 or tsquery text: search_text.py.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from uuid import UUID

from domain.meeting.state import MeetingState
from domain.text import nfc
from projections.readmodels.search_text import FileText, stems, tsquery, units
from projections.readmodels.snippets import snippet
from projections.readmodels.view import ReadModelView, Row, SearchFilter, SearchRow


@dataclass(frozen=True)
class Hit:
    meeting_id: UUID
    forum: str
    date: date
    item_number: str
    item_title: str
    field: str
    rank: float  # higher is better
    text: str = dataclasses.field(repr=False, compare=False)  # the whole text that matched
    words: tuple[str, ...] = dataclasses.field(repr=False, compare=False)  # the query's stems

    @cached_property
    def snippet(self) -> str:
        """The words of the text where the query's are, marked » «: made when shown (the
        site asks for more hits than it shows, and drops those the public may not read)."""
        return snippet(self.text, self.words)


def search_rows(
    key: str, state: MeetingState, file_text: FileText | None = None
) -> list[SearchRow]:
    return [
        (key, u.item_number, u.item_title, u.field, u.public, u.text)
        for u in units(state, file_text)
    ]


def find(
    view: ReadModelView,
    query: str,
    *,
    forum: str | None,
    date_from: date | None,
    date_to: date | None,
    internal: bool,
    limit: int,
) -> list[Hit]:
    """Ranked hits with a snippet; closed items' content only in the internal view."""
    found = stems(query)
    if not found:
        return []
    where = SearchFilter(
        stems=tuple(found),
        tsquery=tsquery(nfc(query)),
        forum_key=nfc(forum).strip().casefold() if forum else None,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        internal=internal,
        limit=limit,
    )
    return [_hit(row, found) for row in view.search(where)]


def _hit(row: Row, words: list[str]) -> Hit:
    return Hit(
        UUID(row["meeting_id"]),
        row["forum"],
        date.fromisoformat(row["date"]),
        row["item_number"],
        row["item_title"],
        row["field"],
        float(row["rank"]),
        row["text"],
        tuple(words),
    )
