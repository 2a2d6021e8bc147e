"""The member's page at their personal link (`/medlem/MØDE/TOKEN`): the meeting as they
may read it, and plain HTML forms (no JavaScript) to approve the minutes, approve with a
reservation, or enter a protocol remark or minority statement. The only write path on the
web: each form is stored as the member's own event marked `via` link (domain/cases/members.py).

Safe by construction: a CSRF token per form (an HMAC under a key of this process over the
link and the form); `Referrer-Policy: no-referrer` and `Cache-Control: no-store` on every
answer (the token is in the address); the same 404 for an unknown meeting and an unknown
token, a page saying so for an expired, revoked or replaced one; unknown tokens counted
per client, which is refused (429) for a while after too many; a form sent twice stores
once. uvicorn's access log is off (cli/site.py), so no token reaches a log line.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime
from urllib.parse import parse_qs
from uuid import UUID

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from domain.application import Minutes
from domain.cases.members import VIA_LINK, LinkRefused
from domain.errors import ChefforumError, NotFound, RuleViolation
from domain.meeting.member_links import MemberLink, find_link
from domain.meeting.rules import signing_refusal
from domain.meeting.state import REMARK_KINDS, MeetingState
from projections.documents.referat import digest
from projections.documents.render import html
from projections.documents.render.printed_dates import long_date, moment
from projections.mail.compose import member_document
from projections.site.pages import ENV, Site, error_page
from projections.store.link_token import LINK_TOKEN

PREFIX = "/medlem"
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
}
FORMS = ("approve", "reservation", "remark")
BODY_LIMIT = 200_000  # bytes of a form
# Unknown tokens from one client: after FAILURES within WINDOW seconds it is refused
# until the window has passed; a guess at 256 bits cannot succeed anyway, this keeps a
# client from hammering the store.
FAILURES = 10
WINDOW = 600.0
CLIENTS_KEPT = 10_000
MESSAGES = {
    "expired": ("Linket er udløbet", "Dit personlige link er udløbet. Bed sekretæren om et nyt."),
    "revoked": (
        "Linket er trukket tilbage",
        "Sekretæren har trukket dette link tilbage. Bed sekretæren om et nyt.",
    ),
    "replaced": (
        "Linket er afløst",
        "Du har fået et nyere link i en senere mail; brug det i stedet.",
    ),
}
NOTICES = {
    "godkendt": "Tak. Din godkendelse er gemt.",
    "bemaerkning": "Tak. Din bemærkning er indført i referatet.",
    "uaendret": "Det var allerede gemt; intet er gemt to gange.",
}


class Throttle:
    """Failed tokens per client in a sliding window."""

    def __init__(self, limit: int = FAILURES, window: float = WINDOW) -> None:
        self.limit, self.window = limit, window
        self._failed: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> list[float]:
        times = [t for t in self._failed.get(client, []) if now - t < self.window]
        self._failed[client] = times
        self._failed.move_to_end(client)
        while len(self._failed) > CLIENTS_KEPT:
            self._failed.popitem(last=False)
        return times

    def blocked(self, client: str) -> float:
        """Seconds until this client may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            times = self._recent(client, now)
            return self.window - (now - times[0]) if len(times) >= self.limit else 0.0

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client, time.monotonic()).append(time.monotonic())


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def routes(minutes: Minutes, site: Site) -> list[Route]:
    key = secrets.token_bytes(32)
    throttle = Throttle()

    def csrf(link: MemberLink, form: str) -> str:
        return hmac.new(key, f"{link.id}:{form}".encode(), hashlib.sha256).hexdigest()

    def missing() -> Response:
        return _html(error_page(site, "Siden findes ikke", "Der er ingen side her."), 404)

    def page(title: str, message: str, status: int) -> Response:
        return _html(error_page(site, title, message), status)

    def opened(request: Request) -> tuple[UUID, MeetingState, MemberLink] | Response:
        """The meeting and the link of the address, or the answer to give instead."""
        client = request.client.host if request.client else "?"
        wait = throttle.blocked(client)
        if wait:
            return HTMLResponse(
                error_page(site, "For mange forsøg", "Prøv igen senere."),
                status_code=429,
                headers={**HEADERS, "Retry-After": str(int(wait) + 1)},
            )
        text, token = request.path_params["meeting"], request.path_params["token"]
        try:
            meeting_id = UUID(hex=text) if len(text) == 32 else None
            state = minutes.get(meeting_id).state if meeting_id else None
        except (ValueError, NotFound):
            state = None
        status, link = (
            find_link(state.links, token, datetime.now(UTC)) if state else ("unknown", None)
        )
        if state is None or meeting_id is None or link is None:
            throttle.failed(client)
            return missing()
        if status != "valid":
            title, message = MESSAGES[status]
            return page(title, message, 410)
        return meeting_id, state, link

    def show(
        state: MeetingState,
        link: MemberLink,
        notice: str | None,
        problem: str | None = None,
        typed: dict[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        """The page; after a refused form, with why (`problem`) and what was typed."""
        member = next((p for p in state.participants if p.name == link.member), None)
        if member is None:  # no longer a participant: the link has nothing to show
            return page(*MESSAGES["revoked"], 410)
        agenda = state.status in ("draft", "published")
        doc = member_document(state, member, "dagsorden" if agenda else "udkast")
        signed = next((a for a in state.approvals if a.by == link.member), None)
        refusal = signing_refusal(state, member)
        can_approve = (
            "approve" in link.scope and state.status in ("ended", "approved") and refusal is None
        )
        approve_note = None
        if "approve" in link.scope and not can_approve:
            approve_note = (
                refusal
                if state.status in ("ended", "approved") and refusal
                else "Referatet kan godkendes, når mødet er afsluttet."
            )
        can_remark = "remark" in link.scope and state.status != "approved"
        signature = (
            {
                "when": moment(signed.at, state.time_zone),
                "reservation": signed.reservation,
                "via": signed.via == VIA_LINK,
            }
            if signed
            else None
        )
        body = Markup("\n".join(html.body(doc, agenda=agenda)))
        items = [(state.number_of(i.id), i.title) for i in state.active_items()]
        text = ENV.get_template("member.html").render(
            site=site,
            title=f"{link.member} · {state.forum} {long_date(state.date)}",
            member=link.member,
            notice=notice,
            problem=problem,
            typed=typed or {},
            unsaved=(typed or {}).get("text") or (typed or {}).get("reservation"),
            signature=signature,
            can_approve=can_approve,
            approve_note=approve_note,
            can_remark=can_remark,
            csrf={form: csrf(link, form) for form in FORMS},
            items=items,
            body=body,
        )
        return _html(text, status)

    def get(request: Request) -> Response:
        found = opened(request)
        if isinstance(found, Response):
            return found
        _, state, link = found
        return show(state, link, NOTICES.get(request.query_params.get("udfald", "")))

    def act(request: Request, form: dict[str, str]) -> Response:
        found = opened(request)
        if isinstance(found, Response):
            return found
        meeting_id, _, link = found
        action = form.get("action", "")
        given = form.get("csrf", "")
        if action not in FORMS or not hmac.compare_digest(given, csrf(link, action)):
            return page(
                "Formularen kan ikke bruges",
                "Formularen er ugyldig eller for gammel; intet er gemt. Hent siden igen.",
                403,
            )
        token = request.path_params["token"]
        now = datetime.now(UTC)
        # On PostgreSQL the token goes with the save, for the server to check (the site's
        # own role records only what a valid link allows: projections/store/postgres/site_role.py).
        presented = LINK_TOKEN.set(token)
        try:
            if action == "remark":
                kind = form.get("kind", "")
                if kind not in REMARK_KINDS:
                    raise RuleViolation("Vælg protokolbemærkning eller mindretalsudtalelse.")
                stored = minutes.remark_via_link(
                    meeting_id, token, form.get("item", ""), kind, form.get("text", ""), now
                )
                outcome = "bemaerkning" if stored else "uaendret"
            else:
                reservation = form.get("reservation", "") if action == "reservation" else ""
                if action == "reservation" and not reservation.strip():
                    raise RuleViolation("Skriv dit forbehold, eller godkend uden forbehold.")
                stored = minutes.approve_via_link(meeting_id, token, reservation, digest, now)
                outcome = "godkendt" if stored else "uaendret"
        except LinkRefused as e:
            return page("Linket kan ikke bruges", str(e), 410 if e.status != "scope" else 403)
        except ChefforumError as e:
            # Nothing typed is lost: the page again, with why and the text as typed.
            typed = {k: form.get(k, "") for k in ("text", "reservation")}
            state = minutes.get(meeting_id).state
            return show(state, link, None, " ".join(str(e).split()), typed, 409)
        finally:
            LINK_TOKEN.reset(presented)
        # After a POST, a GET (the browser's reload sends nothing again).
        return RedirectResponse(f"?udfald={outcome}", status_code=303, headers=HEADERS)

    async def post(request: Request) -> Response:
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > BODY_LIMIT:
                return page("For stor formular", "Teksten er for lang.", 413)
        if request.headers.get("content-type", "").split(";")[0].strip() != (
            "application/x-www-form-urlencoded"
        ):
            return page("Formularen kan ikke bruges", "Ukendt formularformat.", 400)
        try:
            parsed = parse_qs(data.decode("utf-8"), strict_parsing=False, max_num_fields=10)
        except (UnicodeDecodeError, ValueError):
            return page("Formularen kan ikke bruges", "Formularen kan ikke læses.", 400)
        form = {k: v[0] for k, v in parsed.items()}
        return await run_in_threadpool(act, request, form)

    async def endpoint(request: Request) -> Response:
        if request.method == "POST":
            return await post(request)
        return await run_in_threadpool(get, request)

    return [Route(PREFIX + "/{meeting}/{token}", endpoint, methods=["GET", "HEAD", "POST"])]


def is_member_path(path: str) -> bool:
    return path.startswith(PREFIX + "/")
