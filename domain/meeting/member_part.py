"""The meeting's side of a mailing: issuing and revoking personal links, recording mails
(mixed into the Meeting aggregate; the mailing itself is projections/mail)."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID, uuid4

from domain.errors import RuleViolation
from domain.meeting.events.links import LinkIssued, LinkRevoked, MailSent
from domain.meeting.member_links import (
    MAIL_KINDS,
    SCOPES,
    MailRecord,
    MemberLink,
    token_hash,
)
from domain.meeting.part import MeetingPart
from domain.text import line

MAX_DAYS = 365


class MemberPart(MeetingPart):
    def issue_link(
        self,
        actor: str,
        member: str,
        token: str,
        scope: tuple[str, ...],
        now: datetime,
        days: int,
    ) -> UUID:
        """A personal link for a participant; the token itself is never stored."""
        name = self.participant(member).name
        if not scope or any(s not in SCOPES for s in scope):
            raise RuleViolation(f"Ukendt omfang af linket; brug {', '.join(SCOPES)}.")
        if not 1 <= days <= MAX_DAYS:
            raise RuleViolation(f"Et link gælder fra 1 til {MAX_DAYS} dage.")
        link = MemberLink(
            id=uuid4(),
            member=name,
            token_hash=token_hash(token),
            issued=now,
            expires=now + timedelta(days=days),
            scope=scope,  # type: ignore[arg-type]
        )
        self.trigger_event(LinkIssued, actor=actor, link=link)
        return link.id

    def revoke_links(self, actor: str, member: str | None = None) -> int:
        """Revoke a member's links (or everyone's); returns how many were in force."""
        name = self.participant(member).name if member is not None else None
        count = 0
        for link in self.state.links:
            if link.revoked is None and (name is None or link.member == name):
                self.trigger_event(LinkRevoked, actor=actor, link_id=link.id)
                count += 1
        return count

    def record_mail(
        self,
        actor: str,
        kind: str,
        to: str,
        address: str,
        delivered: bool,
        error: str | None = None,
        link_id: UUID | None = None,
    ) -> None:
        if kind not in MAIL_KINDS:
            raise RuleViolation(f"Ukendt slags post '{kind}'; brug {', '.join(MAIL_KINDS)}.")
        mail = MailRecord(
            kind=kind,
            to=self.participant(to).name,
            address=line(address, "E-mailadressen"),
            delivered=delivered,
            error=line(error[:400], "Fejlen") if error else None,
            link_id=link_id,
        )
        self.trigger_event(MailSent, actor=actor, mail=mail)
