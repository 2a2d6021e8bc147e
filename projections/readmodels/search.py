"""Search over every meeting: the rows a meeting puts in the index, and the hits found.

What is searchable and how a query becomes FTS5 or tsquery text: search_text.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.meeting.state import MeetingState
from domain.text import nfc
from projections.readmodels.search_text import FileText, fts5_query, stems, tsquery, units
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
    snippet: str  # matches between » and «
    rank: float  # higher is better


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
    match = fts5_query(query) if view.query_syntax == "fts5" else tsquery(query)
    if not match:
        return []
    where = SearchFilter(
        match=match,
        forum_key=nfc(forum).strip().casefold() if forum else None,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        internal=internal,
        limit=limit,
    )
    found = stems(query)
    return [_hit(row, found) for row in view.search(where)]


def _hit(row: Row, stems: list[str]) -> Hit:
    return Hit(
        UUID(row["meeting_id"]),
        row["forum"],
        date.fromisoformat(row["date"]),
        row["item_number"],
        row["item_title"],
        row["field"],
        snippet(row["text"], stems),
        float(row["rank"]),
    )
