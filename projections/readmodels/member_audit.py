"""How the log tells a mailing: who was sent what and when, and the personal links issued
and revoked (never a token: the events hold only its hash)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.meeting.events.links import LinkIssued, LinkRevoked, MailSent
from domain.meeting.state import Item, MeetingState

WHAT: dict[str, str] = {
    "dagsorden": "dagsordenen",
    "udkast": "udkastet til referatet",
    "referat": "referatet",
    "påmindelse": "en påmindelse om at godkende referatet",
}
SCOPE: dict[str, str] = {"read": "læse", "approve": "godkende", "remark": "bemærkninger"}


def _mail(e: Any, s: MeetingState, i: Item | None, w: str) -> tuple[str, bool, str | None]:
    m = e.mail
    what = WHAT.get(m.kind, m.kind)
    if m.delivered:
        return f"sendte {what} til {m.to} <{m.address}>", False, None
    return (
        f"kunne ikke sende {what} til {m.to} <{m.address}>: {m.error or 'ukendt fejl'}",
        False,
        None,
    )


def _issued(e: Any, s: MeetingState, i: Item | None, w: str) -> tuple[str, bool, str | None]:
    link = e.link
    scope = ", ".join(SCOPE.get(x, x) for x in link.scope)
    return (
        f"udstedte et personligt link til {link.member} ({scope}; gælder til "
        f"{link.expires:%d-%m-%Y})",
        False,
        None,
    )


def _revoked(e: Any, s: MeetingState, i: Item | None, w: str) -> tuple[str, bool, str | None]:
    member = next((link.member for link in s.links if link.id == e.link_id), "?")
    return f"trak {member}s personlige link tilbage", False, None


MEMBER_DESCRIBERS: dict[type, Callable[[Any, MeetingState, Item | None, str], Any]] = {
    MailSent: _mail,
    LinkIssued: _issued,
    LinkRevoked: _revoked,
}
