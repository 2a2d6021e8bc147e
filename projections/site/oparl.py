"""The public meetings as OParl 1.1 objects (https://schema.oparl.org/1.1/), for the
council-information clients that read OParl.

One System with one Body (the site); an Organization per forum, a Meeting per published
meeting with its AgendaItems inside, a Person per participant named in a published
meeting, a Paper per public item with a case number, a File per agenda and referat PDF,
a Location per meeting place. Every object has one canonical URL under /oparl/v1, which
serves it. Lists are paginated as the specification says (data, pagination, links, the
filters created_since, created_until, modified_since, modified_until, omit_internal and
limit kept in every link, parameters in one sorted order). Only what the public pages
show is here: drafts never, closed items by title only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID, uuid5

from domain.clock import zone
from domain.meeting.status import STATUS_LABELS
from domain.meeting.summary import MeetingSummary
from projections.documents import interchange as ix
from projections.documents.referat import local, printed_numbers
from projections.documents.render.phrases import KIND_LABELS
from projections.documents.render.printed_dates import long_date
from projections.site.files import KeptFiles, auxiliary_files
from projections.site.pages import Site, forum_url, meeting_url
from projections.site.public import Forum, PublicMeeting, PublicSite

SCHEMA = "https://schema.oparl.org/1.1/"
VERSION = "https://schema.oparl.org/1.1/"
ROOT = "/oparl/v1"
BODY = "1"
PAGE_SIZE = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
PERSONS = UUID("a4c2b7e0-5f1d-4c8e-9a3b-6d0e2f7c1b95")  # names -> person ids
EXAMPLE = "2026-01-01T00:00:00+01:00"
FILE_KINDS = {"dagsorden": "Dagsorden", "referat": "Referat"}

Json = dict[str, Any]


class BadRequest(Exception):
    """A list's parameter that cannot be read (OParl's Error object, HTTP 400)."""


class Missing(Exception):
    """No such object (HTTP 404)."""


def error(message: str, debug: str = "") -> Json:
    return {"type": SCHEMA + "Error", "message": message, "debug": debug}


def person_key(name: str) -> str:
    return uuid5(PERSONS, name).hex


def _time(moment: datetime, meeting: PublicMeeting) -> str:
    """yyyy-mm-ddThh:mm:ss±hh:mm in the meeting's zone, as OParl writes a date-time."""
    return local(moment, meeting.state.time_zone).isoformat()


def _drop_empty(obj: Json) -> Json:
    """OParl: no null, empty list or empty string for an optional property."""
    return {k: v for k, v in obj.items() if v not in (None, [], "")}


@dataclass(frozen=True)
class ListQuery:
    """A list page's parameters, read and checked."""

    page: int
    limit: int
    filters: Mapping[str, datetime]
    omit_internal: bool

    @staticmethod
    def read(params: Mapping[str, str]) -> ListQuery:
        def number(name: str, default: int, high: int) -> int:
            text = params.get(name, str(default))
            if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 10**9:
                raise BadRequest(f"'{name}' skal være et helt tal fra 1")
            return min(int(text), high)

        filters: dict[str, datetime] = {}
        for name in FILTERS:
            if name in params:
                try:
                    moment = datetime.fromisoformat(params[name])
                except ValueError:
                    moment = None
                if moment is None or moment.tzinfo is None:
                    raise BadRequest(f"'{name}' skal være et tidspunkt som {EXAMPLE}")
                filters[name] = moment
        return ListQuery(
            page=number("page", 1, 10**9),
            limit=number("limit", PAGE_SIZE, PAGE_SIZE),
            filters=filters,
            omit_internal=params.get("omit_internal") == "true",
        )

    def keeps(self, obj: Json) -> bool:
        for name, moment in self.filters.items():
            field, _, side = name.partition("_")
            if field not in obj:  # a body without meetings yet
                return False
            value = datetime.fromisoformat(obj[field])
            if (side == "since" and value < moment) or (side == "until" and value > moment):
                return False
        return True

    def params(self, page: int) -> str:
        """The canonical query string of a page: parameters in one sorted order."""
        given: dict[str, str] = {k: v.isoformat() for k, v in self.filters.items()}
        if self.limit != PAGE_SIZE:
            given["limit"] = str(self.limit)
        if self.omit_internal:
            given["omit_internal"] = "true"
        if page > 1:
            given["page"] = str(page)
        return ("?" + urlencode(sorted(given.items()))) if given else ""


class OParl:
    """The objects, made from the public site's view of the store."""

    def __init__(
        self, public: PublicSite, site: Site, base: str, files: KeptFiles | None = None
    ) -> None:
        self.public = public
        self.site = site
        self.base = base.rstrip("/")
        self.root = self.base + ROOT
        self.files = files  # the public Bilag's bytes (site/files.py), for their File objects

    # -- URLs ------------------------------------------------------------------------

    def url(self, path: str = "") -> str:
        return self.root + path

    def body_url(self, part: str = "") -> str:
        return self.url(f"/body/{BODY}{part}")

    def organization_url(self, forum: Forum | str) -> str:
        name = forum if isinstance(forum, str) else forum.name
        return self.url(f"/organization/{Forum(name, []).key}")

    def meeting_url(self, meeting_id: UUID, part: str = "") -> str:
        return self.url(f"/meeting/{meeting_id.hex}{part}")

    def person_url(self, name: str) -> str:
        return self.url(f"/person/{person_key(name)}")

    # -- objects ---------------------------------------------------------------------

    def system(self) -> Json:
        return {
            "id": self.url(),
            "type": SCHEMA + "System",
            "oparlVersion": VERSION,
            "body": self.url("/body"),
            "name": self.site.name,
            "website": self.base + "/",
            "product": "https://schema.oparl.org/",
        }

    def body(self) -> Json:
        everyone = self.public.meetings()
        return _drop_empty(
            {
                "id": self.body_url(),
                "type": SCHEMA + "Body",
                "system": self.url(),
                "name": self.site.name,
                "website": self.base + "/",
                "organization": self.body_url("/organization"),
                "person": self.body_url("/person"),
                "meeting": self.body_url("/meeting"),
                "paper": self.body_url("/paper"),
                "legislativeTerm": [],
                "web": self.base + "/",
                **self._span(everyone),
            }
        ) | {"legislativeTerm": []}  # obligatory: an empty list

    def organization(self, forum: Forum) -> Json:
        key = self.organization_url(forum)
        return {
            "id": key,
            "type": SCHEMA + "Organization",
            "body": self.body_url(),
            "name": forum.name,
            "organizationType": "Gremium",
            "classification": "Udvalg",
            "meeting": key + "/meeting",
            "web": self.base + forum_url(forum.name),
            **self._span(forum.meetings),
        }

    def meeting(self, meeting: PublicMeeting, omit_internal: bool = False) -> Json:
        state, doc = meeting.state, meeting.current.meeting
        where = zone(state.time_zone)
        start = end = None
        if state.start is not None:
            start = _time(datetime.combine(state.date, state.start, tzinfo=where), meeting)
        if state.end is not None:
            end = _time(datetime.combine(state.date, state.end, tzinfo=where), meeting)
        obj: Json = {
            "id": self.meeting_url(meeting.id),
            "type": SCHEMA + "Meeting",
            "name": f"{meeting.summary.forum} {long_date(meeting.summary.date)}",
            "meetingState": STATUS_LABELS[meeting.summary.status],
            "start": start,
            "end": end,
            "location": self.location(meeting) if state.place else None,
            "organization": [self.organization_url(meeting.summary.forum)],
            "participant": [self.person_url(p.name) for p in doc.participants],
            "invitation": self.file(meeting, "dagsorden"),
            "resultsProtocol": self.file(meeting, "referat") if meeting.referat else None,
            "agendaItem": None if omit_internal else self.agenda_items(meeting),
            "web": self.base + meeting_url(meeting.id),
            **self._stamps(meeting),
        }
        return _drop_empty(obj)

    def _stamps(self, meeting: PublicMeeting) -> Json:
        created, modified = self.public.stamps(meeting.summary)
        return {"created": created, "modified": modified}

    def _span(self, meetings: Sequence[MeetingSummary]) -> Json:
        """created and modified of what holds these meetings: their first and last (from
        the kept stamps: no meeting is built)."""
        if not meetings:
            return {}
        stamps = [self.public.stamps(m) for m in meetings]
        return {
            "created": min((c for c, _ in stamps), key=datetime.fromisoformat),
            "modified": max((m for _, m in stamps), key=datetime.fromisoformat),
        }

    def stamped(self, summaries: Sequence[MeetingSummary], query: ListQuery) -> list[Any]:
        """The meetings a time filter keeps, by their kept stamps, before any is built."""
        if not query.filters:
            return list(summaries)
        return [
            s
            for s in summaries
            if query.keeps(dict(zip(("created", "modified"), self.public.stamps(s), strict=True)))
        ]

    def location(self, meeting: PublicMeeting) -> Json:
        return {
            "id": self.meeting_url(meeting.id, "/location"),
            "type": SCHEMA + "Location",
            "description": meeting.state.place,
            "meeting": [self.meeting_url(meeting.id)],
            **self._stamps(meeting),
        }

    def agenda_items(self, meeting: PublicMeeting) -> list[Json]:
        doc = meeting.current.meeting
        ids = [item.id for item in meeting.state.active_items()]
        numbers = printed_numbers(doc)
        return [
            self.agenda_item(meeting, order, ids[order], numbers[order], item)
            for order, item in enumerate(doc.items)
        ]

    def agenda_item(
        self, meeting: PublicMeeting, order: int, item_id: UUID, number: str, item: ix.Item
    ) -> Json:
        decision = None if item.closed or item.decision is None else item.decision.text
        return _drop_empty(
            {
                "id": self.meeting_url(meeting.id, f"/agendaitem/{item_id.hex}"),
                "type": SCHEMA + "AgendaItem",
                "meeting": self.meeting_url(meeting.id),
                "number": number,
                "order": order,
                "name": item.title,
                "public": not item.closed,
                "resolutionText": decision,
                "auxiliaryFile": (
                    auxiliary_files(self, self.files, meeting, order) if self.files else None
                ),
                "web": self.base + meeting_url(meeting.id) + f"#punkt-{order + 1}",
                **self._stamps(meeting),
            }
        )

    def file(self, meeting: PublicMeeting, kind: str) -> Json:
        what = FILE_KINDS[kind]
        access = self.base + meeting_url(meeting.id) + f"{kind}.pdf"
        summary = meeting.summary
        return {
            "id": self.meeting_url(meeting.id, f"/file/{kind}"),
            "type": SCHEMA + "File",
            "name": f"{what} {summary.forum} {long_date(summary.date)}",
            "fileName": f"{what.lower()}-{summary.date.isoformat()}.pdf",
            "mimeType": "application/pdf",
            "date": summary.date.isoformat(),
            "accessUrl": access,
            "downloadUrl": access + "?download=1",
            "meeting": [self.meeting_url(meeting.id)],
            "web": self.base + meeting_url(meeting.id) + f"{kind}/",
            **self._stamps(meeting),
        }

    def papers(self, meeting: PublicMeeting) -> list[Json]:
        return self.papers_of(meeting.summary)

    def papers_of(self, summary: MeetingSummary) -> list[Json]:
        """A Paper (sag) for each public item with a case number (from the meeting's kept
        contents: no meeting is built)."""
        created, modified = self.public.stamps(summary)
        return [
            _drop_empty(
                {
                    "id": self.meeting_url(summary.id, f"/paper/{item_id}"),
                    "type": SCHEMA + "Paper",
                    "body": self.body_url(),
                    "name": title,
                    "reference": case_number,
                    "date": summary.date.isoformat(),
                    "paperType": KIND_LABELS.get(kind) if kind else None,
                    "web": self.base + meeting_url(summary.id) + f"#punkt-{order + 1}",
                    "created": created,
                    "modified": modified,
                }
            )
            for item_id, order, title, case_number, kind in self.public.contents(summary)[1]
        ]

    def persons(self) -> list[Json]:
        """Everyone named as a participant of a published meeting, by name (from the
        meetings' kept contents)."""
        first: dict[str, MeetingSummary] = {}
        for summary in self.public.meetings():
            for name in self.public.contents(summary)[0]:
                first.setdefault(name, summary)
        return [self.person(name, summary) for name, summary in sorted(first.items())]

    def person(self, name: str, summary: MeetingSummary) -> Json:
        created, modified = self.public.stamps(summary)
        return {
            "id": self.person_url(name),
            "type": SCHEMA + "Person",
            "body": self.body_url(),
            "name": name,
            "created": created,
            "modified": modified,
        }

    # -- lists -------------------------------------------------------------------------

    def page(
        self,
        path: str,
        items: Sequence[Any],
        build: Callable[[Any], Json],
        query: ListQuery,
        *,
        filtered: bool = False,
    ) -> Json:
        """One page of an external list at `path` (the list's URL without parameters), of
        the objects built from `items`: without a filter, or with `items` filtered already
        (meetings, by their stamps), only the page's are built."""
        built_first = bool(query.filters) and not filtered
        if built_first:
            kept: Sequence[Any] = [obj for obj in map(build, items) if query.keeps(obj)]
        else:
            kept = items
        pages = max(1, -(-len(kept) // query.limit))
        if query.page > pages:
            raise Missing(f"Listen har {pages} sider")
        first = (query.page - 1) * query.limit
        links = {
            "first": path + query.params(1),
            "self": path + query.params(query.page),
            "last": path + query.params(pages),
        }
        if query.page > 1:
            links["prev"] = path + query.params(query.page - 1)
        if query.page < pages:
            links["next"] = path + query.params(query.page + 1)
        return {
            "data": [
                obj if built_first else build(obj) for obj in kept[first : first + query.limit]
            ],
            "pagination": {
                "totalElements": len(kept),
                "elementsPerPage": query.limit,
                "currentPage": query.page,
                "totalPages": pages,
            },
            "links": links,
        }

    def meeting_of(self, omit_internal: bool) -> Callable[[Any], Json]:
        """Builds the Meeting of a published meeting's summary."""
        return lambda summary: self.meeting(self.public.public(summary), omit_internal)

    def all_papers(self) -> list[Json]:
        return [paper for summary in self.public.meetings() for paper in self.papers_of(summary)]
