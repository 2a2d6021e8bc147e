"""What the public may read of a store: the meetings whose agenda is published, each one's
agenda and (once approved) its referat in the public version, and search over them.

Read through the read models (ReadModels.of(minutes)), which catch up before every query,
so a publication shows on the next request. The public documents of a meeting are kept
by (meeting id, version): a new event gives the meeting a new version, so nothing kept
here can outlive a change, a publication or an approval.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.application import Minutes, replay
from domain.forum.aggregate import forum_id
from domain.meeting.events.meeting import (
    AgendaPublished,
    MeetingEnded,
    MeetingStarted,
    MinutesApproved,
)
from domain.meeting.state import MeetingState
from domain.meeting.status import Status
from domain.meeting.summary import MeetingSummary
from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.referat import (
    agenda,
    ever_closed,
    local,
    printed_numbers,
    public_document,
)
from projections.readmodels.runner import ReadModels
from projections.readmodels.search import Hit
from projections.readmodels.search_text import query_key
from projections.site.rendered import Rendered
from projections.store.meeting_seal import check_events_sealed
from projections.store.recorders import chained

# A meeting is public once its agenda is published; its referat once approved.
HIDDEN: Status = "draft"
APPROVED: Status = "approved"
# What decides a meeting's status, latest in its life first: read from its events, never
# only from the read model's row (a row is a cache that whoever writes the store can edit).
_LIFECYCLE: tuple[tuple[str, Status], ...] = (
    (MinutesApproved.TOPIC, "approved"),
    (MeetingEnded.TOPIC, "ended"),
    (MeetingStarted.TOPIC, "started"),
    (AgendaPublished.TOPIC, "published"),
)
# Search fields that only the referat has: not shown before approval.
REFERAT_FIELDS = frozenset({"Beslutning", "Protokolbemærkning"})
KEPT = 256  # meetings whose public documents are kept in memory (by version)
# Searches kept per position: a site's readers ask the same few words in any order. A
# hit holds the whole text it was found in (a file's may be 100,000 characters), so the
# bound is the characters held, with a bound on the answers besides.
FOUND_CHARACTERS = 8_000_000
FOUND_ANSWERS = 2048


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

    def __init__(self, minutes: Minutes, rendered: Rendered | None = None) -> None:
        self.minutes = minutes
        # The served site's made files (rendered.py): every public meeting's, on disk.
        self.rendered = rendered
        self._kept: OrderedDict[tuple[UUID, int], PublicMeeting] = OrderedDict()
        self._list: dict[UUID, MeetingSummary] = {}
        self._list_at: int | None = None
        self._lock = threading.Lock()
        self._status: dict[tuple[UUID, int], Status] = {}
        self._forums: tuple[dict[UUID, MeetingSummary] | None, list[Forum]] = (None, [])
        # Searches answered at one position, by what they ask (search_text.query_key).
        self._found: dict[tuple[tuple[str, ...], int], list[tuple[Hit, int]]] = {}
        self._found_at: int | None = None
        self._found_size = 0  # characters of the kept hits' texts

    @property
    def read_models(self) -> ReadModels:
        return ReadModels.of(self.minutes)

    def meetings(self) -> list[MeetingSummary]:
        """Every meeting whose agenda is published, by date and forum."""
        return [s for s in self._listed().values() if s.status != HIDDEN]

    def _listed(self) -> dict[UUID, MeetingSummary]:
        """The meeting list by id, read once per position of the read models (once per
        change to the store), not once per request: a request costs the catching up and
        a dictionary lookup."""
        return self._listed_at()[1]

    def _listed_at(self) -> tuple[int, dict[UUID, MeetingSummary]]:
        """The position of the read models and the meeting list as of it."""
        read_models = self.read_models
        position = read_models.caught_up()
        with self._lock:
            if self._list_at == position:
                return position, self._list
        # Read at this position or a later one: at worst read again on the next request.
        # Each meeting's status is checked against its events (a row is a cache that
        # whoever writes the store can edit), once per version.
        listed = {}
        for row in read_models.meetings():
            status = self._lifecycle(row)
            listed[row.id] = row if row.status == status else replace(row, status=status)
        with self._lock:
            self._list, self._list_at = listed, position
        return position, listed

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
        """The forums with their published meetings, grouped once per meeting list (once
        per change to the store): the front page, a forum's page and OParl ask on every
        request."""
        listed = self._listed()
        with self._lock:
            if self._forums[0] is listed:
                return self._forums[1]
        by_forum: dict[str, list[MeetingSummary]] = {}
        for summary in listed.values():
            if summary.status != HIDDEN:
                by_forum.setdefault(summary.forum, []).append(summary)
        forums = [Forum(name, found) for name, found in sorted(by_forum.items())]
        with self._lock:
            self._forums = (listed, forums)
        return forums

    def forum(self, name: str) -> Forum | None:
        wanted = nfc(name).strip().casefold()
        return next((f for f in self.forums() if f.name.casefold() == wanted), None)

    def summary(self, meeting_id: UUID) -> MeetingSummary | None:
        found = self._listed().get(meeting_id)
        return found if found is not None and found.status != HIDDEN else None

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
        # Events altered behind the program's back are not published (store/sealed.py),
        # and the meeting is replayed from these events, never from a snapshot (which is
        # no part of the chain).
        check_events_sealed(self.minutes, summary.id, summary.version)
        events = list(self.minutes.events.get(summary.id, lte=summary.version))
        loaded = replay(None, events)
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

    def search(self, query: str, limit: int = 20, *, kept: bool = True) -> list[tuple[Hit, int]]:
        """Hits in what the public may read, each with the index of its item in the
        meeting's public document: published meetings, the referat's fields only once
        approved, a closed item's title only (as its public document shows it).

        From the index, the meeting list as of the read models' position and the
        meetings' outlines (numbers and closed items, made once per version): once made,
        no document. Kept until the store changes, for the same words in any order
        (kept=False: asked of the index all the same, as bench/site.py's baseline does)."""
        position, shown = self._listed_at()
        if not kept:
            return self._search(shown, query, limit)
        key = (query_key(query), limit)
        with self._lock:
            if self._found_at != position:
                self._found, self._found_at, self._found_size = {}, position, 0
            answer = self._found.get(key)
        if answer is not None:
            return answer
        found = self._search(shown, query, limit)
        size = sum(len(hit.text) for hit, _ in found)  # a hit holds its whole text
        with self._lock:
            if self._found_at == position and key not in self._found:
                self._found[key] = found
                self._found_size += size
                while self._found_size > FOUND_CHARACTERS or len(self._found) > FOUND_ANSWERS:
                    oldest = next(iter(self._found))
                    self._found_size -= sum(len(h.text) for h, _ in self._found.pop(oldest))
        return found

    def _search(
        self, shown: dict[UUID, MeetingSummary], query: str, limit: int
    ) -> list[tuple[Hit, int]]:
        hits = self.read_models.search(query, internal=False, limit=limit * 2)
        found: list[tuple[Hit, int]] = []
        for hit in hits:
            summary = shown.get(hit.meeting_id)
            if summary is None or summary.status == HIDDEN:
                continue
            if summary.status != APPROVED and hit.field in REFERAT_FIELDS:
                continue
            outline = self.outline(summary)
            numbers = [number for number, _ in outline]
            if hit.item_number not in numbers:
                continue
            index = numbers.index(hit.item_number)
            if hit.field != "Titel" and outline[index][1]:
                continue
            found.append((hit, index))
            if len(found) == limit:
                break
        return found

    def outline(self, summary: MeetingSummary) -> list[tuple[str, bool]]:
        """(printed number, closed) of each item of the meeting's public document."""

        def make() -> tuple[bytes, datetime]:
            made = self.public(summary)
            doc = made.current.meeting
            rows = list(zip(printed_numbers(doc), (i.closed for i in doc.items), strict=True))
            return json.dumps(rows).encode(), made.changed_at

        return [(n, c) for n, c in json.loads(self._small_file(summary, "outline", make))]

    def _small_file(
        self, summary: MeetingSummary, view: str, make: Callable[[], tuple[bytes, datetime]]
    ) -> bytes:
        """A small file made of a meeting once per version (outline, stamps, contents):
        kept with its pages and in memory when served, made each time without a folder."""
        if self.rendered is None:
            return make()[0]
        return self.rendered.get(summary.id, summary.version, view, make, remember=True)

    def stamps(self, summary: MeetingSummary) -> tuple[str, str]:
        """When a published meeting was created (its agenda published, else its last
        change) and last modified, as OParl writes them (ISO 8601 in the meeting's zone).
        Made once per version and kept like the outlines, so that what spans many
        meetings (a Body, an Organization, a list filtered by time) reads no document:
        at 1M events, building each meeting for it took 40 s a request."""

        def make() -> tuple[bytes, datetime]:
            made = self.public(summary)
            where = made.state.time_zone
            created = local(made.published_at or made.changed_at, where).isoformat()
            modified = local(made.changed_at, where).isoformat()
            return json.dumps([created, modified]).encode(), made.changed_at

        data = self._small_file(summary, "stamps", make)
        created, modified = json.loads(data)
        return str(created), str(modified)

    def contents(self, summary: MeetingSummary) -> tuple[list[str], list[list[Any]]]:
        """What OParl's Person and Paper lists need of a published meeting: its
        participants' names, and of each open item with a case number its id (hex), place,
        title, case number and kind. Made once per version and kept like the stamps, so
        that those lists read no meeting (at 1M events: 40 s a request)."""

        def make() -> tuple[bytes, datetime]:
            made = self.public(summary)
            doc = made.current.meeting
            ids = [item.id for item in made.state.active_items()]
            papers = [
                [ids[order].hex, order, item.title, item.case_number, item.kind]
                for order, item in enumerate(doc.items)
                if not item.closed and item.case_number
            ]
            names = [p.name for p in doc.participants]
            return json.dumps([names, papers]).encode(), made.changed_at

        data = self._small_file(summary, "contents", make)
        names, papers = json.loads(data)
        return list(names), list(papers)

    def publications(self) -> list[tuple[datetime, str, MeetingSummary]]:
        """(when, "dagsorden" or "referat", meeting) for every agenda published and every
        referat approved (its first signature), newest first."""
        shown = {s.id: s for s in self.meetings()}
        found: dict[tuple[UUID, str], datetime] = {}
        recorder = self.minutes.recorder
        topics = [AgendaPublished.TOPIC, MinutesApproved.TOPIC]
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
                kind = "dagsorden" if notification.topic == AgendaPublished.TOPIC else "referat"
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
