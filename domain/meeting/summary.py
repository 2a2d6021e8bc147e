"""A meeting in one line, as lists show it: the read models keep these, and the
application lists meetings with them (domain.application, projections.readmodels)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.meeting.status import STATUS_LABELS, Status


@dataclass(frozen=True)
class MeetingSummary:
    id: UUID
    forum: str
    date: date
    status: Status
    items: int
    version: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def ref(self) -> str:
        return f"{self.forum}/{self.date.isoformat()}"
