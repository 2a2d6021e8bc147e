"""What the public may read of a store: the meetings whose agenda is published, each one's
agenda and (once approved) its referat in the public version, and search over them.

Read through the read models (ReadModels.of(minutes)), which catch up before every query,
so a publication shows on the next request. The public documents of a meeting are kept
by (meeting id, version): a new event gives the meeting a new version, so nothing kept
here can outlive a change, a publication or an approval.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.application import MeetingSummary, Minutes
from domain.forum import forum_id
from domain.meeting.events import AgendaPublished, MeetingEnded, MeetingStarted, MinutesApproved
from domain.meeting.state import MeetingState, Status
from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.referat import agenda, ever_closed, printed_numbers, public_document
from projections.readmodels.runner import ReadModels
from projections.readmodels.search import Hit
from projections.store.connect import chained

# A meeting is public once its agenda is published; its referat once approved.
HIDDEN: Status = "draft"
APPROVED: Status = "approved"
# What decides a meeting's status, latest in its life first: read from its events, never
# only from the read model's row (a row is a cache that whoever writes the store can edit).
_LIFECYCLE: tuple[tuple[str, Status], ...] = (
    (MinutesApproved.TOPIC, "approved"),  # type: ignore[attr-defined]
    (MeetingEnded.TOPIC, "ended"),  # type: ignore[attr-defined]
    (MeetingStarted.TOPIC, "started"),  # type: ignore[attr-defined]
    (AgendaPublished.TOPIC, "published"),  # type: ignore[attr-defined]
)
# Search fields that only the referat has: not shown before approval.
REFERAT_FIELDS = frozenset({"Beslutning", "Protokolbemærkning"})
KEPT = 256  # meetings whose public documents are kept (by version)


@dataclass(frozen=True)
class PublicMeeting:
    """One published meeting as the public may read it."""

    summary: MeetingSummary
    state: MeetingState  # for times and zone only: its texts are not all public
    agenda: ix.Document  # public version, without decisions
    referat: ix.Document | None  # public version, once approved
    published_at: datetime | None  # when the agenda was published
    changed_at: datetime  # the meeting's last event

    @property
    def id(self) -> UUID:
        return self.summary.id

    @property
    def current(self) -> ix.Document:
        """What the meeting's page shows: the referat once approved, else the agenda."""
        return self.referat or self.agenda


@dataclass(frozen=True)
class Forum:
    name: str
    meetings: list[MeetingSummary]  # published, by date

    @property
    def key(self) -> str:
        return forum_id(self.name).hex


class PublicSite:
    """The public's view of one opened store."""

    def __init__(self, minutes: Minutes) -> None:
        self.minutes = minutes
        self._kept: OrderedDict[tuple[UUID, int], PublicMeeting] = OrderedDict()
        self._lock = threading.Lock()
        self._status: dict[tuple[UUID, int], Status] = {}

    @property
    def read_models(self) -> ReadModels:
        return ReadModels.of(self.minutes)

    def meetings(self) -> list[MeetingSummary]:
        """Every meeting whose agenda is published, by date and forum: the read model's
        list, each meeting's status checked against its events."""
        found = []
        for row in self.read_models.meetings():
            status = self._lifecycle(row)
            if status != HIDDEN:
                found.append(row if row.status == status else replace(row, status=status))
        return found

    def _lifecycle(self, summary: MeetingSummary) -> Status:
        """The meeting's status at the row's version as its events say (one indexed query
        for each step of its life, once per version)."""
        key = (summary.id, summary.version)
        kept = self._status.get(key)
        if kept is not None:
            return kept
        recorder = chained(self.minutes)
        found: Status = next(
            (
                status
                for topic, status in _LIFECYCLE
                if recorder.last_of(summary.id, summary.version, topic) is not None
            ),
            HIDDEN,
        )
        with self._lock:
            if len(self._status) > KEPT * 64:  # a long-running server: old versions go
                self._status.clear()
            self._status[key] = found
        return found

    def forums(self) -> list[Forum]:
        by_forum: dict[str, list[MeetingSummary]] = {}
        for summary in self.meetings():
            by_forum.setdefault(summary.forum, []).append(summary)
        return [Forum(name, found) for name, found in sorted(by_forum.items())]

    def forum(self, name: str) -> Forum | None:
        wanted = nfc(name).strip().casefold()
        return next((f for f in self.forums() if f.name.casefold() == wanted), None)

    def summary(self, meeting_id: UUID) -> MeetingSummary | None:
        return next((s for s in self.meetings() if s.id == meeting_id), None)

    def meeting(self, meeting_id: UUID) -> PublicMeeting | None:
        """A published meeting, or None for a draft or no meeting."""
        summary = self.summary(meeting_id)
        return self.public(summary) if summary is not None else None

    def public(self, summary: MeetingSummary) -> PublicMeeting:
        key = (summary.id, summary.version)
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        made = self._make(summary)
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return made

    def _make(self, summary: MeetingSummary) -> PublicMeeting:
        # The events at the summary's version: the documents are those of that version,
        # even when a change lands while they are made.
        events = list(self.minutes.events.get(summary.id, lte=summary.version))
        loaded = self.minutes.get(summary.id, version=summary.version)
        state = loaded.state
        public = public_document(state, ever_closed(events))
        published = next((e.timestamp for e in events if isinstance(e, AgendaPublished)), None)
        return PublicMeeting(
            summary=summary,
            state=state,
            agenda=agenda(public),
            referat=public if summary.status == APPROVED else None,
            published_at=published,
            changed_at=loaded.modified_on,
        )

    def search(self, query: str, limit: int = 20) -> list[tuple[Hit, int]]:
        """Hits in what the public may read, each with the index of its item in the
        meeting's public document: published meetings, the referat's fields only once
        approved, a closed item's title only (as its public document shows it)."""
        shown = {s.id: s for s in self.meetings()}
        found: list[tuple[Hit, int]] = []
        for hit in self.read_models.search(query, internal=False, limit=limit * 2):
            summary = shown.get(hit.meeting_id)
            if summary is None:
                continue
            if summary.status != APPROVED and hit.field in REFERAT_FIELDS:
                continue
            doc = self.public(summary).current.meeting
            numbers = printed_numbers(doc)
            if hit.item_number not in numbers:
                continue
            index = numbers.index(hit.item_number)
            if hit.field != "Titel" and doc.items[index].closed:
                continue
            found.append((hit, index))
            if len(found) == limit:
                break
        return found

    def publications(self) -> list[tuple[datetime, str, MeetingSummary]]:
        """(when, "dagsorden" or "referat", meeting) for every agenda published and every
        referat approved (its first signature), newest first."""
        shown = {s.id: s for s in self.meetings()}
        found: dict[tuple[UUID, str], datetime] = {}
        recorder = self.minutes.recorder
        topics = [AgendaPublished.TOPIC, MinutesApproved.TOPIC]  # type: ignore[attr-defined]
        start = 1
        while True:
            batch = recorder.select_notifications(start=start, limit=1000, topics=topics)
            if not batch:
                break
            for notification in batch:
                meeting_id = UUID(str(notification.originator_id))
                summary = shown.get(meeting_id)
                if summary is None:
                    continue
                kind = "dagsorden" if notification.topic == AgendaPublished.TOPIC else "referat"  # type: ignore[attr-defined]
                if kind == "referat" and summary.status != APPROVED:
                    continue
                if (meeting_id, kind) not in found:
                    event: Any = self.minutes.mapper.to_domain_event(notification)
                    found[(meeting_id, kind)] = event.timestamp
            start = batch[-1].id + 1
        return sorted(
            ((at, kind, shown[mid]) for (mid, kind), at in found.items()),
            key=lambda row: (row[0], row[1]),
            reverse=True,
        )

    def coming(self, forum: Forum, today: date) -> list[PublicMeeting]:
        return [self.public(s) for s in forum.meetings if s.date >= today]
