"""A mailing: each member their own mail, with a new personal link, recorded on the
meeting as events (LinkIssued, then MailSent delivered or not), so the log shows who was
sent what and when, and a mail that failed is shown and can be sent again (`--to`)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from domain.application import Minutes
from domain.errors import RuleViolation
from domain.meeting.member_links import MAIL_KINDS
from domain.meeting.state import MeetingState, Participant
from projections.documents.referat import document
from projections.mail.bilag import limit_bytes, mail_files
from projections.mail.compose import compose, entitled, hidden_from, member_document, render_pdf
from projections.mail.transport import Transport, Undelivered, transport

DEFAULT_DAYS = 14
DEFAULT_SITE = "http://127.0.0.1:8000"
DEFAULT_SENDER = "chefforum@localhost"
LINK_PATH = "/medlem"
# What the meeting must have come to before each kind of mail goes out.
READY: dict[str, tuple[tuple[str, ...], str]] = {
    "dagsorden": (
        ("published", "started", "ended", "approved"),
        "Dagsordenen er ikke udsendt endnu; udsend den først (chefforum publish MØDE).",
    ),
    "udkast": (("ended",), "Udkastet sendes, når mødet er afsluttet og før det er godkendt."),
    "påmindelse": (("ended", "approved"), "Der er intet referat at godkende endnu."),
    "referat": (("approved",), "Referatet er ikke godkendt endnu."),
}


@dataclass(frozen=True)
class Sent:
    name: str
    address: str | None
    where: str | None = None
    error: str | None = None


def link_url(site: str, meeting_id: UUID, token: str) -> str:
    return f"{site.rstrip('/')}{LINK_PATH}/{meeting_id.hex}/{token}"


def _slug(name: str) -> str:
    flat = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-") or "medlem"


def send(
    minutes: Minutes,
    meeting_id: UUID,
    actor: str,
    kind: str,
    *,
    to: tuple[str, ...] = (),
    days: int = DEFAULT_DAYS,
    env: Mapping[str, str] | None = None,
    via: Transport | None = None,
) -> list[Sent]:
    """Mail each participant (or those named in `to`) the meeting's `kind` of mail."""
    env = os.environ if env is None else env
    if kind not in MAIL_KINDS:
        raise RuleViolation(f"Ukendt slags post '{kind}'; brug {', '.join(MAIL_KINDS)}.")
    state = minutes.get(meeting_id).state
    ready, why = READY[kind]
    if state.status not in ready:
        raise RuleViolation(why)
    recipients = minutes.recipients(meeting_id)
    if to:
        known = {p.name for p, _ in recipients}
        for name in to:
            if name not in known:
                raise RuleViolation(f"{name} er ikke deltager i mødet.")
        recipients = [(p, a) for p, a in recipients if p.name in to]
    elif kind == "påmindelse":
        waiting = set(minutes.not_yet_signed(meeting_id))
        recipients = [(p, a) for p, a in recipients if p.name in waiting]
    carrier = via or transport(env)
    site = env.get("CHEFFORUM_SITE_URL") or DEFAULT_SITE
    sender = env.get("CHEFFORUM_MAIL_FROM") or DEFAULT_SENDER
    bilag_limit = limit_bytes(env)
    # Members who may read the same items get the same PDF: typeset once per view.
    pdfs: dict[tuple[bool, ...], bytes] = {}
    results: list[Sent] = []
    for participant, address in recipients:
        if address is None:
            results.append(Sent(participant.name, None, error="ingen e-mailadresse"))
            continue
        now = datetime.now(UTC)
        token, link_id = minutes.issue_member_link(
            meeting_id, actor, participant.name, kind, now, days
        )
        state = minutes.get(meeting_id).state
        data = _pdf(pdfs, state, participant, kind)
        files = mail_files(
            minutes,
            meeting_id,
            member_document(state, participant, kind),
            entitled(participant),
            site,
            bilag_limit,
        )
        msg = compose(
            state,
            participant,
            address,
            kind,
            link_url(site, meeting_id, token),
            sender,
            data,
            files,
        )
        name = f"{state.date.isoformat()}-{kind}-{_slug(participant.name)}-{link_id.hex[:8]}.eml"
        try:
            where = carrier.deliver(msg, name)
        except Undelivered as e:
            minutes.record_mail(
                meeting_id, actor, kind, participant.name, address, False, str(e), link_id
            )
            results.append(Sent(participant.name, address, error=str(e)))
            continue
        minutes.record_mail(meeting_id, actor, kind, participant.name, address, True, None, link_id)
        results.append(Sent(participant.name, address, where=where))
    return results


def _pdf(
    made: dict[tuple[bool, ...], bytes], state: MeetingState, member: Participant, kind: str
) -> bytes:
    key = tuple(hidden_from(item, member) for item in document(state).meeting.items)
    if key not in made:
        made[key] = render_pdf(state, member, kind)
    return made[key]
