"""What a forum's new meetings start from: members, standing items and settings.

Value types carried by the Forum's events (domain.forum); msgspec structs so that they
are stored and read back exactly. Each `cleaned()` checks its rules and normalises text.
"""

from __future__ import annotations

from datetime import date, time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec

from domain.clock import DEFAULT_ZONE
from domain.errors import RuleViolation
from domain.meeting.member_links import email_address
from domain.meeting.state import DOCUMENT_KINDS, ITEM_KINDS, DocumentKind, ItemKind
from domain.text import bounded, nfc_opt, required

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


class StandingItem(msgspec.Struct, kw_only=True, frozen=True):
    """An item on every meeting's agenda, with the recommendation it usually carries."""

    title: str
    kind: ItemKind | None = None
    recommendation: str | None = None

    def cleaned(self) -> StandingItem:
        if self.kind is not None and self.kind not in ITEM_KINDS:
            raise RuleViolation(
                f"Ukendt punkttype '{self.kind}'; brug en af: {', '.join(ITEM_KINDS)}."
            )
        return StandingItem(
            title=required(self.title, "Punktets titel"),
            kind=self.kind,
            recommendation=nfc_opt(self.recommendation),
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
        except (ZoneInfoNotFoundError, ValueError):
            raise RuleViolation(
                f"Ukendt tidszone '{self.time_zone}'; brug et IANA-navn som Europe/Copenhagen."
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


def next_first_number(numbering: Numbering, on: date, previous: list[tuple[date, int]]) -> int:
    """The first item number of a meeting on `on`: 1, or with numbering through the year
    one past the highest number of the forum's latest earlier meeting that year.

    `previous` holds (date, highest printed number) of the forum's earlier meetings."""
    if numbering != "year":
        return 1
    same_year = [(day, high) for day, high in previous if day.year == on.year and day < on]
    if not same_year:
        return 1
    return max(same_year)[1] + 1
