"""The public site as a Starlette (ASGI) application: read-only, GET and HEAD only.

Every request reads the store through the read models, which catch up first, so a
publication shows on the next request without a restart; responses say `no-cache`, so
no browser or proxy keeps a page past a change either. Served by uvicorn
(`chefforum serve`); the same pages are written as files by static.py.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from domain.application import Minutes
from domain.errors import ChefforumError
from projections.documents.render import pdf
from projections.site import feeds, files, member, pages
from projections.site.oparl import BODY, ROOT, BadRequest, ListQuery, Missing, OParl, error
from projections.site.pages import Site
from projections.site.public import PublicMeeting, PublicSite
from projections.store.connect import StoreError

READING = ("GET", "HEAD")
NO_CACHE = {"Cache-Control": "no-cache"}
SEARCH_LIMIT = 200  # characters of a query
HITS = 20  # the best hits shown
PDFS_KEPT = 32  # typeset PDFs kept
PAGES_KEPT = 512  # meeting pages kept


class NotFound(Exception):
    pass


class Made:
    """Pages and PDFs of a meeting by (meeting, version, view): a new version is a new
    key, so nothing kept here outlives a change; the least recently used go first."""

    def __init__(self, size: int) -> None:
        self._kept: OrderedDict[tuple[UUID, int, str], Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, meeting: PublicMeeting, view: str, make: Callable[[], Any]) -> Any:
        key = (meeting.id, meeting.summary.version, view)
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        made = make()
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return made


def _meeting_id(text: str) -> UUID:
    if len(text) != 32:
        raise NotFound
    try:
        return UUID(hex=text)
    except ValueError:
        raise NotFound from None


def create_app(
    minutes: Minutes, site: Site | None = None, base_url: str | None = None
) -> Starlette:
    """The site over an opened store (open_minutes). base_url: the canonical address for
    OParl's ids and the feeds' links (else the address each request came to)."""
    site = site or Site()
    public = PublicSite(minutes)
    pdfs, made_pages = Made(PDFS_KEPT), Made(PAGES_KEPT)
    kept_files = files.KeptFiles(minutes)  # public Bilag (site/files.py)

    def base(request: Request) -> str:
        return (base_url or str(request.base_url)).rstrip("/")

    def html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status, headers=NO_CACHE)

    def meeting_of(request: Request) -> PublicMeeting:
        found = public.meeting(_meeting_id(request.path_params["key"]))
        if found is None:
            raise NotFound
        return found

    def index(request: Request) -> Response:
        return html(pages.index_page(site, public.forums()))

    def forum(request: Request) -> Response:
        rest: str = request.path_params["rest"]
        name, _, tail = rest.rpartition("/")
        if not name and public.forum(rest) is not None:  # /forum/NAME without its slash
            return RedirectResponse(pages.forum_url(rest), status_code=301)
        found = public.forum(name)
        if found is None or tail not in ("", "kalender.ics"):
            raise NotFound
        if tail == "kalender.ics":
            ics = feeds.calendar(public, site, found, base(request))
            return Response(ics, media_type="text/calendar; charset=utf-8", headers=NO_CACHE)
        return html(pages.forum_page(site, found))

    def meeting_page(found: PublicMeeting, agenda: bool) -> Response:
        view = "dagsorden" if agenda else "side"
        return html(
            made_pages.get(found, view, lambda: pages.meeting_page(site, found, agenda=agenda))
        )

    def meeting(request: Request) -> Response:
        return meeting_page(meeting_of(request), agenda=False)

    def agenda(request: Request) -> Response:
        return meeting_page(meeting_of(request), agenda=True)

    def referat(request: Request) -> Response:
        found = meeting_of(request)
        if found.referat is None:
            raise NotFound
        return meeting_page(found, agenda=False)

    def document_pdf(request: Request) -> Response:
        found, kind = meeting_of(request), request.path_params["kind"]
        if kind not in ("dagsorden", "referat"):
            raise NotFound
        doc = found.agenda if kind == "dagsorden" else found.referat
        if doc is None:
            raise NotFound
        data = pdfs.get(found, kind, lambda: pdf.render(doc, agenda=kind == "dagsorden"))
        name = f"{kind}-{found.summary.date.isoformat()}.pdf"
        how = "attachment" if request.query_params.get("download") == "1" else "inline"
        headers = {**NO_CACHE, "Content-Disposition": f'{how}; filename="{name}"'}
        return Response(data, media_type="application/pdf", headers=headers)

    def search(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()[:SEARCH_LIMIT]
        hits = public.search(query, HITS) if query else []
        return html(pages.search_page(site, query, hits))

    def stylesheet(request: Request) -> Response:
        return Response(pages.stylesheet(), media_type="text/css", headers=NO_CACHE)

    def atom(request: Request) -> Response:
        text = feeds.atom(public, site, base(request))
        return Response(text, media_type="application/atom+xml; charset=utf-8", headers=NO_CACHE)

    def oparl(request: Request) -> Response:
        api = OParl(public, site, base(request), kept_files)
        path = request.url.path.removeprefix(ROOT).rstrip("/")
        try:
            obj = _oparl_object(api, path.split("/")[1:], request)
        except BadRequest as e:
            return _json(error(str(e)), 400)
        except (Missing, NotFound) as e:
            return _json(error("Objektet findes ikke", str(e)), 404)
        return _json(obj)

    routes = [
        Route("/", index),
        Route("/site.css", stylesheet),
        Route("/feed.atom", atom),
        Route("/soeg/", search),
        Route("/forum/{rest:path}", forum),
        Route("/moede/{key}/", meeting),
        Route("/moede/{key}/dagsorden/", agenda),
        Route("/moede/{key}/referat/", referat),
        Route("/moede/{key}/{kind:str}.pdf", document_pdf),
        *files.routes(public, kept_files, _meeting_id, NO_CACHE, NotFound),
        Route(ROOT, oparl),
        Route(ROOT + "/{rest:path}", oparl),
        *member.routes(minutes, site),  # the members' own links: the only write path
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(ROOT):
            return _json(error("Objektet findes ikke"), 404)
        return html(pages.error_page(site, "Siden findes ikke", "Der er ingen side her."), 404)

    async def unavailable(request: Request, exc: Exception) -> Response:
        message = " ".join(str(exc).split())  # one line, never a traceback
        return html(pages.error_page(site, "Siden kan ikke vises lige nu", message), 503)

    return Starlette(
        routes=routes,
        middleware=[Middleware(ReadOnly)],
        exception_handlers={
            404: not_found,
            NotFound: not_found,
            StoreError: unavailable,
            ChefforumError: unavailable,
        },
    )


def _oparl_object(api: OParl, parts: list[str], request: Request) -> Any:
    public = api.public
    match parts:
        case []:
            return api.system()
        case ["body"]:
            query = ListQuery.read(request.query_params)
            return api.page(api.url("/body"), [BODY], lambda _: api.body(), query)
        case ["body", "1"]:
            return api.body()
        case ["body", "1", "organization"]:
            query = ListQuery.read(request.query_params)
            return api.page(api.body_url("/organization"), public.forums(), api.organization, query)
        case ["body", "1", "person"]:
            query = ListQuery.read(request.query_params)
            return api.page(api.body_url("/person"), api.persons(), _same, query)
        case ["body", "1", "paper"]:
            query = ListQuery.read(request.query_params)
            return api.page(api.body_url("/paper"), api.all_papers(), _same, query)
        case ["body", "1", "meeting"]:
            query = ListQuery.read(request.query_params)
            meetings = public.meetings()
            return api.page(
                api.body_url("/meeting"), meetings, api.meeting_of(query.omit_internal), query
            )
        case ["organization", key, *rest] if rest in ([], ["meeting"]):
            forum = next((f for f in public.forums() if f.key == key), None)
            if forum is None:
                raise Missing(key)
            if not rest:
                return api.organization(forum)
            query = ListQuery.read(request.query_params)
            return api.page(
                api.organization_url(forum) + "/meeting",
                forum.meetings,
                api.meeting_of(query.omit_internal),
                query,
            )
        case ["person", key]:
            found = next((p for p in api.persons() if p["id"] == api.url(f"/person/{key}")), None)
            if found is None:
                raise Missing(key)
            return found
        case ["meeting", key, *rest]:
            meeting = public.meeting(_meeting_id(key))
            if meeting is None:
                raise Missing(key)
            return _in_meeting(api, meeting, rest)
    raise Missing("/".join(parts))


def _same(obj: Any) -> Any:
    return obj


def _in_meeting(api: OParl, meeting: PublicMeeting, rest: list[str]) -> Any:
    match rest:
        case []:
            return api.meeting(meeting)
        case ["location"] if meeting.state.place:
            return api.location(meeting)
        case ["file", "dagsorden"]:
            return api.file(meeting, "dagsorden")
        case ["file", "referat"] if meeting.referat is not None:
            return api.file(meeting, "referat")
        case ["file", sha] if api.files is not None:
            try:
                return files.oparl_file(api, api.files, *files.find(api.public, meeting.id, sha))
            except LookupError:
                pass
        case ["agendaitem", key]:
            wanted = api.meeting_url(meeting.id, f"/agendaitem/{key}")
            found = next((i for i in api.agenda_items(meeting) if i["id"] == wanted), None)
            if found is not None:
                return found
        case ["paper", key]:
            wanted = api.meeting_url(meeting.id, f"/paper/{key}")
            found = next((p for p in api.papers(meeting) if p["id"] == wanted), None)
            if found is not None:
                return found
    raise Missing("/".join(rest))


def _json(obj: Any, status: int = 200) -> Response:
    # UTF-8 without escapes and without HTML escaping, as OParl asks.
    body = json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8")
    headers = {**NO_CACHE, "Access-Control-Allow-Origin": "*"}
    return Response(body, status_code=status, media_type="application/json", headers=headers)


class ReadOnly(BaseHTTPMiddleware):
    """Nothing on this site accepts a write: every other method is 405, on any path."""

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method not in READING and not (
            request.method == "POST" and member.is_member_path(request.url.path)
        ):
            return Response(
                "Metoden er ikke tilladt: siden kan kun læses.\n",
                status_code=405,
                headers={"Allow": ", ".join(READING)},
                media_type="text/plain; charset=utf-8",
            )
        return await call_next(request)
