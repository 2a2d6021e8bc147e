"""A meeting's line in the list, from its row in rm_meetings."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.meeting.summary import MeetingSummary
from projections.readmodels.view import Row


def summary(row: Row) -> MeetingSummary:
    return MeetingSummary(
        UUID(row["id"]),
        row["forum"],
        date.fromisoformat(row["date"]),
        row["status"],
        row["items"],
        row["version"],
    )
