"""The public site as a Starlette (ASGI) application: read-only, GET and HEAD only.

Every request reads the store through the read models, which catch up first, so a
publication shows on the next request without a restart; responses say `no-cache`, so
no browser or proxy keeps a page past a change either, but they carry an ETag (and a
meeting's pages and PDFs a Last-Modified), and a client that sends it back is answered
304 without a body while nothing changed. A meeting's pages and PDFs are made once per
version and kept on disk for every public meeting (rendered.py). Served by uvicorn
(`chefforum serve`); the same pages are written as files by static.py.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from datetime import datetime
from email.utils import formatdate, parsedate_to_datetime
from typing import Any
from uuid import UUID

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from domain.application import Minutes
from domain.errors import ChefforumError
from projections.documents.render import pdf
from projections.readmodels.search_text import stems
from projections.site import feeds, files, member, pages
from projections.site.answers import Answers
from projections.site.headers import SecurityHeaders
from projections.site.oparl import BODY, ROOT, BadRequest, ListQuery, Missing, OParl, error
from projections.site.pages import Site
from projections.site.public import APPROVED, PublicMeeting, PublicSite
from projections.site.readonly import ReadOnly
from projections.site.rendered import Rendered, default_folder
from projections.store.location import StoreError
from projections.store.recorders import on_postgres

NO_CACHE = {"Cache-Control": "no-cache"}
SEARCH_LIMIT = 200  # characters of a query
HITS = 20  # the best hits shown


class NotFound(Exception):
    pass


def _fresh(request: Request, etag: str, modified: float | None) -> bool:
    """Whether the client's copy is current (RFC 9110: If-None-Match first, else
    If-Modified-Since), so that the answer is 304 without a body."""
    tags = request.headers.get("if-none-match")
    if tags is not None:
        return tags.strip() == "*" or etag in (t.strip() for t in tags.split(","))
    since = request.headers.get("if-modified-since")
    if since is None or modified is None:
        return False
    try:
        return int(modified) <= parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError):
        return False


def _validators(etag: str, modified: float | None) -> dict[str, str]:
    headers = {**NO_CACHE, "ETag": etag}
    if modified is not None:
        headers["Last-Modified"] = formatdate(modified, usegmt=True)
    return headers


def _meeting_id(text: str) -> UUID:
    if len(text) != 32:
        raise NotFound
    try:
        return UUID(hex=text)
    except ValueError:
        raise NotFound from None


def create_app(
    minutes: Minutes,
    site: Site | None = None,
    base_url: str | None = None,
    *,
    serving: bool = False,
) -> Starlette:
    """The site over an opened store (open_minutes). base_url: the canonical address for
    OParl's ids and the feeds' links (else the address each request came to). serving:
    this process is the server's (`chefforum serve`), whose collector it may tune."""
    site = site or Site()
    store_id = getattr(minutes.recorder, "store_id", None) or "?"
    rendered = Rendered(default_folder(str(store_id), f"{site!r}\0{base_url}"))
    public = PublicSite(minutes, rendered)
    kept_files = files.KeptFiles(minutes)  # public Bilag (site/files.py)
    answers = Answers()  # lists and searches, per position (site/answers.py)
    # A page made from the read models (a search: 2-3 ms) is made on the event loop on
    # SQLite: its reads are this process's CPU, so a worker thread adds no parallelism,
    # only the interpreter's handoffs. Under 50 readers, each process's searches in 25
    # threads at once all finished late together: search p99 283-443 ms in threads against
    # 118-170 on the loop (SQLite 1M, six runs each, alternating). On PostgreSQL the wait
    # is the database server's: a thread each.
    on_loop = not on_postgres(minutes.recorder)

    def base(request: Request) -> str:
        return (base_url or str(request.base_url)).rstrip("/")

    def html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status, headers=NO_CACHE)

    def summary_of(request: Request) -> Any:
        found = public.summary(_meeting_id(request.path_params["key"]))
        if found is None:
            raise NotFound
        return found

    async def made(
        request: Request, view: str, media_type: str, make: Callable[[PublicMeeting], bytes]
    ) -> Response:
        """A meeting's page or PDF at its current version: 304 when the client has it,
        else read from the made files, made first if no process has made it.

        The common case runs on the event loop: an indexed lookup, a stat and a file read
        cost less than handing the request to a thread and taking the interpreter back
        from it, which under 50 readers was most of a page's time. Making a page (tens of
        milliseconds) goes to a worker thread."""
        summary = summary_of(request)
        etag = rendered.etag(summary.id, summary.version, view)
        modified = rendered.modified(summary.id, summary.version, view)
        if modified is not None and _fresh(request, etag, modified):
            return Response(status_code=304, headers=_validators(etag, modified))

        def making() -> tuple[bytes, datetime]:
            found = public.public(summary)
            public.outline(summary)  # what search needs of this version, made beside it
            public.stamps(summary)  # and what OParl's spans and time filters need,
            public.contents(summary)  # and its Person and Paper lists
            return make(found), found.changed_at

        body = rendered.read(summary.id, summary.version, view) if modified else None
        if body is None:
            body = await run_in_threadpool(rendered.get, summary.id, summary.version, view, making)
            modified = rendered.modified(summary.id, summary.version, view)
        return Response(body, media_type=media_type, headers=_validators(etag, modified))

    async def positioned(request: Request, make: Callable[[], Response]) -> Response:
        """A page made from the read models as a whole (lists, search, feeds): its ETag
        is the read models' position, which every change moves. Kept per position
        (answers.py); one made anew (a search: milliseconds) is made on the loop on
        SQLite, in a worker thread on PostgreSQL (on_loop)."""
        read_models = public.read_models
        position = read_models.caught_up()
        etag = f'"p{position}-{rendered.key}"'
        if _fresh(request, etag, None):
            return Response(status_code=304, headers=_validators(etag, None))
        key = str(request.url)  # the host included: a page's links name it
        response = answers.find(position, key)
        if response is None and on_loop:
            response = answers.get(position, key, make)
        elif response is None:
            response = await run_in_threadpool(answers.get, position, key, make)
        response.headers["ETag"] = etag
        return response

    async def index(request: Request) -> Response:
        return await positioned(request, lambda: html(pages.index_page(site, public.forums())))

    async def forum(request: Request) -> Response:
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
        return await positioned(request, lambda: html(pages.forum_page(site, found)))

    async def meeting_page(request: Request, agenda: bool) -> Response:
        def make(found: PublicMeeting) -> bytes:
            return pages.meeting_page(site, found, agenda=agenda).encode()

        view = "dagsorden.html" if agenda else "side.html"
        return await made(request, view, "text/html; charset=utf-8", make)

    async def meeting(request: Request) -> Response:
        return await meeting_page(request, agenda=False)

    async def agenda(request: Request) -> Response:
        return await meeting_page(request, agenda=True)

    async def referat(request: Request) -> Response:
        if summary_of(request).status != APPROVED:
            raise NotFound
        return await meeting_page(request, agenda=False)

    async def document_pdf(request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in ("dagsorden", "referat"):
            raise NotFound
        summary = summary_of(request)
        if kind == "referat" and summary.status != APPROVED:
            raise NotFound

        def make(found: PublicMeeting) -> bytes:
            doc = found.agenda if kind == "dagsorden" else found.referat
            assert doc is not None  # an approved meeting has its public referat
            return pdf.render(doc, agenda=kind == "dagsorden")

        response = await made(request, f"{kind}.pdf", "application/pdf", make)
        name = f"{kind}-{summary.date.isoformat()}.pdf"
        how = "attachment" if request.query_params.get("download") == "1" else "inline"
        response.headers["Content-Disposition"] = f'{how}; filename="{name}"'
        return response

    async def search(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()[:SEARCH_LIMIT]

        def make() -> Response:
            hits = public.search(query, HITS) if query else []
            return html(pages.search_page(site, query, hits))

        return await positioned(request, make)

    css = pages.stylesheet()
    css_tag = f'"css-{hashlib.sha256(css).hexdigest()[:16]}"'

    def stylesheet(request: Request) -> Response:
        if _fresh(request, css_tag, None):
            return Response(status_code=304, headers=_validators(css_tag, None))
        return Response(css, media_type="text/css", headers=_validators(css_tag, None))

    async def atom(request: Request) -> Response:
        def make() -> Response:
            text = feeds.atom(public, site, base(request))
            kind = "application/atom+xml; charset=utf-8"
            return Response(text, media_type=kind, headers=NO_CACHE)

        return await positioned(request, make)

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

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(_warm_up, public)
        if serving:
            _tune_collector()
        yield

    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders), Middleware(ReadOnly)],
        exception_handlers={
            404: not_found,
            NotFound: not_found,
            StoreError: unavailable,
            ChefforumError: unavailable,
        },
    )


def _warm_up(public: PublicSite) -> None:
    """What every process pays once, paid before it takes its first request instead of
    by the first readers: the templates compiled, the stemmer loaded (all its languages),
    the meeting list read. Under 50 readers at once on a store of a million events, the
    first second of searches otherwise waited up to 0.9 s behind these in both processes."""
    pages.compile_templates()
    stems("budget")
    with suppress(ChefforumError, StoreError):  # shown on the first request instead
        public.meetings()


# Allocations between two collections of the youngest generation (Python's default: 700).
GC_YOUNG = 50_000


def _tune_collector() -> None:
    """A served process keeps what it made (documents of 256 meetings, the meeting list,
    kept answers): on the 1M store some 100,000 objects, and making pages promotes more
    every second. Python then ran a full collection about once a second, 70-120 ms each
    under load, finding nothing to free (the made documents hold no cycles): 3.2-4.2 s of
    each process's time in bench.site. What warm-up made is frozen out of the collector's
    way, and the young generation is collected far less often; the full collections
    went to none in the same run, the collector's time to 0.2-0.4 s. Each young
    collection is then longer (up to 60 ms while pages were being made, a few a run)."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG, 20, 10)


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
            meetings = api.stamped(public.meetings(), query)
            return api.page(
                api.body_url("/meeting"),
                meetings,
                api.meeting_of(query.omit_internal),
                query,
                filtered=True,
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
                api.stamped(forum.meetings, query),
                api.meeting_of(query.omit_internal),
                query,
                filtered=True,
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
