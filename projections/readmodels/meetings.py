"""The meeting list: one row per meeting, its searchable texts with it."""

from __future__ import annotations

from domain.meeting.aggregate import Meeting
from projections.readmodels.search import search_rows
from projections.readmodels.search_text import FileText
from projections.readmodels.view import MeetingRows


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
