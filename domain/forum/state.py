"""The Forum's state and the value types its events carry: roles, members, settings.

msgspec structs, so that they are stored and read back exactly. Each `cleaned()` checks
its rules and normalises text. The standing items are in domain.forum.standing.
"""

from __future__ import annotations

from datetime import time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from domain.clock import DEFAULT_ZONE
from domain.errors import InvalidInput, RuleViolation
from domain.forum.standing import StandingItem
from domain.meeting.member_links import email_address
from domain.meeting.state import DOCUMENT_KINDS, DocumentKind
from domain.text import bounded, nfc_opt, required

ForumRole = Literal["secretary", "chair"]
FORUM_ROLES: dict[str, str] = {"secretary": "sekretær", "chair": "formand"}

MemberRole = Literal["formand", "næstformand", "medlem"]
MEMBER_ROLES: tuple[MemberRole, ...] = ("formand", "næstformand", "medlem")
Numbering = Literal["meeting", "year"]
NUMBERINGS: tuple[Numbering, ...] = ("meeting", "year")
NUMBERING_LABELS: dict[Numbering, str] = {
    "meeting": "fra 1 på hvert møde",
    "year": "fortløbende hen over kalenderåret",
}
# A member's role in the forum, as a participant's role on a meeting.
PARTICIPANT_ROLE: dict[MemberRole, str] = {
    "formand": "chair",
    "næstformand": "member",
    "medlem": "member",
}


class Member(msgspec.Struct, kw_only=True, frozen=True):
    name: str
    title: str | None = None
    party: str | None = None
    role: MemberRole = "medlem"
    # Standing substitutes (stedfortrædere), in the order they are called in.
    substitutes: tuple[str, ...] = ()
    # Where the member's mail goes (chefforum send).
    email: str | None = None

    def cleaned(self) -> Member:
        if self.role not in MEMBER_ROLES:
            raise RuleViolation(
                f"Ukendt rolle '{self.role}'; brug en af: {', '.join(MEMBER_ROLES)}."
            )
        name = required(self.name, "Medlemmets navn")
        substitutes = tuple(required(s, "En stedfortræders navn") for s in self.substitutes)
        if name in substitutes:
            raise RuleViolation("Et medlem kan ikke være stedfortræder for sig selv.")
        return Member(
            name=name,
            title=nfc_opt(self.title),
            party=nfc_opt(self.party),
            role=self.role,
            substitutes=substitutes,
            email=email_address(self.email),
        )


AGENDA_DAYS = 4  # the usual styrelsesvedtægt
AGENDA_DAYS_LIMIT = 90


class ForumSettings(msgspec.Struct, kw_only=True, frozen=True):
    organisation: str | None = None
    place: str | None = None
    start: time | None = None
    end: time | None = None
    time_zone: str = DEFAULT_ZONE
    document: DocumentKind = "referat"
    numbering: Numbering = "meeting"
    # How many days before the meeting the agenda must go out (styrelsesvedtægt; the
    # TUI warns when it is late: projections/mail/deadline.py).
    agenda_days: int = AGENDA_DAYS

    def cleaned(self) -> ForumSettings:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long
            raise InvalidInput(
                f"Ukendt tidszone '{_shown(self.time_zone)}'; brug et IANA-navn som "
                "Europe/Copenhagen."
            ) from None
        if self.document not in DOCUMENT_KINDS:
            raise RuleViolation(
                f"Ukendt dokumenttype '{self.document}'; brug en af: {', '.join(DOCUMENT_KINDS)}."
            )
        if self.numbering not in NUMBERINGS:
            raise RuleViolation(
                f"Ukendt nummerering '{self.numbering}'; brug en af: {', '.join(NUMBERINGS)}."
            )
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise RuleViolation("Mødet kan ikke slutte, før det begynder.")
        bounded(self.agenda_days, "Antal dage før mødet", high=AGENDA_DAYS_LIMIT)
        return ForumSettings(
            organisation=nfc_opt(self.organisation),
            place=nfc_opt(self.place),
            start=self.start,
            end=self.end,
            time_zone=self.time_zone,
            document=self.document,
            numbering=self.numbering,
            agenda_days=self.agenda_days,
        )


class ForumState(msgspec.Struct, kw_only=True):
    name: str
    roles: dict[str, list[str]] = msgspec.field(default_factory=dict)  # person -> roles
    members: list[Member] = msgspec.field(default_factory=list)
    # Section headings in order; empty: the default template (domain.forum.template).
    sections: list[str] = msgspec.field(default_factory=list)
    standing_first: StandingItem | None = None
    standing_last: StandingItem | None = None
    # The places ("first", "last") the secretaries have set, possibly to no item; a place
    # not set is taken as before (domain.forum.template).
    standing_set: list[str] = msgspec.field(default_factory=list)
    settings: ForumSettings = msgspec.field(default_factory=ForumSettings)

    def holders(self, role: str) -> list[str]:
        return [person for person, roles in self.roles.items() if role in roles]


def _shown(text: str) -> str:
    """A value quoted in a message: a long one cut (a zone name is at most some 30)."""
    return text if len(text) <= 60 else text[:59] + "…"
