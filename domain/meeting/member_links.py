"""What a meeting records of its members' part from their own devices: the personal links
a mailing issues and the mails sent (events LinkIssued, LinkRevoked, MailSent).

A link's token is random (256 bits) and goes only into the member's mail; the meeting
keeps its SHA-256, from which the token cannot be found again, so whoever reads the store
(or a backup of it) cannot act as a member. A token of 256 random bits needs no slow hash:
there is nothing to guess a dictionary from. A link issued later for the same member
replaces the older one, so a mail sent again is the one that works.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime
from typing import Literal
from uuid import UUID

import msgspec

from domain.errors import InvalidInput
from domain.text import line

Scope = Literal["read", "approve", "remark"]
SCOPES: tuple[str, ...] = ("read", "approve", "remark")
# What a mail of each kind sends, and what its link lets the member do.
MAIL_KINDS: dict[str, tuple[str, ...]] = {
    "dagsorden": ("read",),
    "udkast": ("read", "approve", "remark"),
    "referat": ("read",),
    "påmindelse": ("read", "approve", "remark"),
}
LinkStatus = Literal["valid", "expired", "revoked", "replaced", "unknown"]
_ADDRESS = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


class MemberLink(msgspec.Struct, kw_only=True, frozen=True):
    id: UUID
    member: str
    token_hash: str  # SHA-256 of the token, hex
    issued: datetime
    expires: datetime
    scope: tuple[Scope, ...]
    revoked: datetime | None = None


class MailRecord(msgspec.Struct, kw_only=True, frozen=True):
    kind: str  # a key of MAIL_KINDS
    to: str  # the member's name
    address: str
    delivered: bool
    error: str | None = None
    link_id: UUID | None = None


def email_address(value: str | None) -> str | None:
    """An e-mail address as a member's contact, or None for none; refused in one line."""
    if value is None or not value.strip():
        return None
    address = line(value, "E-mailadressen").strip()
    if not _ADDRESS.match(address):
        raise InvalidInput(f"'{address}' er ikke en e-mailadresse (navn@domæne.dk).")
    return address


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_link(
    links: list[MemberLink], token: str, now: datetime
) -> tuple[LinkStatus, MemberLink | None]:
    """The link a token opens, and whether it still works. Every stored hash is compared
    in constant time, so the answer's timing says nothing about how near a guess came."""
    wanted = token_hash(token)
    found = None
    for link in links:
        if hmac.compare_digest(link.token_hash, wanted):
            found = link
    if found is None:
        return "unknown", None
    return link_status(links, found, now), found


def link_status(links: list[MemberLink], link: MemberLink, now: datetime) -> LinkStatus:
    if link.revoked is not None:
        return "revoked"
    later = links[links.index(link) + 1 :]
    if any(other.member == link.member for other in later):
        return "replaced"
    if now >= link.expires:
        return "expired"
    return "valid"
