"""The meeting list: one row per meeting, its searchable texts with it."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.meeting.aggregate import Meeting
from domain.meeting.summary import MeetingSummary
from projections.readmodels.search import search_rows
from projections.readmodels.search_text import FileText
from projections.readmodels.view import MeetingRows, Row


def meeting_rows(meeting: Meeting, file_text: FileText | None = None) -> MeetingRows:
    state, key = meeting.state, meeting.id.hex
    return MeetingRows(
        key=key,
        forum=state.forum,
        date=state.date.isoformat(),
        status=state.status,
        items=len(state.active_items()),
        version=meeting.version,
        forum_key=state.forum.casefold(),  # SQLite's lower() folds only ASCII
        search=search_rows(key, state, file_text),
    )


def summary(row: Row) -> MeetingSummary:
    return MeetingSummary(
        UUID(row["id"]),
        row["forum"],
        date.fromisoformat(row["date"]),
        row["status"],
        row["items"],
        row["version"],
    )
