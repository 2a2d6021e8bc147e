"""What members do through their personal links, and what a mailing records. A link's
action is the member's own event (the actor is the member, `via` says "link"), checked
against the link anew on the meeting as it is when saved, and idempotent: a form
submitted twice stores once."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from domain.cases.base import UseCases
from domain.errors import RuleViolation
from domain.forum.aggregate import Forum
from domain.meeting.aggregate import Meeting
from domain.meeting.member_links import MAIL_KINDS, LinkStatus, MemberLink, find_link
from domain.meeting.rules import signers
from domain.meeting.state import MeetingState, Participant
from domain.text import nfc

VIA_LINK = "link"
TOKEN_BYTES = 32  # 256 bits; the brief asks at least 128


class LinkRefused(RuleViolation):
    """The link does not (or no longer) allow this; status says why."""

    def __init__(self, status: LinkStatus | str, message: str) -> None:
        super().__init__(message)
        self.status = status


_WHY: dict[str, str] = {
    "expired": "Linket er udløbet.",
    "revoked": "Linket er trukket tilbage af sekretæren.",
    "replaced": "Linket er afløst af et nyere link i en senere mail.",
    "unknown": "Linket findes ikke.",
}


def valid_link(state: MeetingState, token: str, now: datetime, scope: str) -> MemberLink:
    status, link = find_link(state.links, token, now)
    if status != "valid" or link is None:
        raise LinkRefused(status, _WHY[status])
    if scope not in link.scope:
        raise LinkRefused("scope", "Linket giver ikke adgang til dette.")
    return link


def address_of(participant: Participant, forum: Forum | None) -> str | None:
    """The participant's own address, else the forum member's of the same name."""
    if participant.email:
        return participant.email
    member = forum.member(participant.name) if forum is not None else None
    return member.email if member is not None else None


class MemberCases(UseCases):
    # -- the secretary's mailing --------------------------------------------------------

    def issue_member_link(
        self, meeting_id: UUID, actor: str, member: str, kind: str, now: datetime, days: int
    ) -> tuple[str, UUID]:
        """A new personal link for a member (replacing their earlier ones); the token is
        returned once, for the mail, and never stored."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        scope = MAIL_KINDS.get(kind, ("read",))
        link_id = self.change(
            meeting_id, lambda m: m.issue_link(actor, member, token, scope, now, days)
        )
        return token, link_id

    def record_mail(
        self,
        meeting_id: UUID,
        actor: str,
        kind: str,
        to: str,
        address: str,
        delivered: bool,
        error: str | None = None,
        link_id: UUID | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_mail(actor, kind, to, address, delivered, error, link_id),
        )

    def revoke_member_links(self, meeting_id: UUID, actor: str, member: str | None) -> int:
        return self.change(meeting_id, lambda m: m.revoke_links(actor, member))

    def recipients(self, meeting_id: UUID) -> list[tuple[Participant, str | None]]:
        """Every participant and where their mail goes (None: no address known)."""
        state = self.get(meeting_id).state
        forum = self.forum(state.forum)
        return [(p, address_of(p, forum)) for p in state.participants]

    def not_yet_signed(self, meeting_id: UUID) -> list[str]:
        """The members present who have not signed the minutes (chefforum remind)."""
        return [p.name for p in signers(self.get(meeting_id).state)]

    # -- the member, through their link -------------------------------------------------

    def approve_via_link(
        self,
        meeting_id: UUID,
        token: str,
        reservation: str | None,
        digest: Callable[[MeetingState], str],
        now: datetime,
    ) -> bool:
        """The member signs through their link; False when they had already signed (the
        form sent twice, or signed otherwise): nothing more is stored."""

        def command(m: Meeting) -> bool:
            link = valid_link(m.state, token, now, "approve")
            if any(a.by == link.member for a in m.state.approvals):
                return False
            m.approve(
                link.member,
                link.member,
                reservation or None,
                digest=digest(m.state),
                via=VIA_LINK,
            )
            return True

        return self.change(meeting_id, command)

    def remark_via_link(
        self, meeting_id: UUID, token: str, item: str, kind: str, text: str, now: datetime
    ) -> bool:
        """The member's protokolbemærkning or mindretalsudtalelse on an item; False when
        the same remark is there already (the form sent twice)."""

        # A remark is one paragraph (as the CLI's): the form's line breaks become spaces.
        said = " ".join(nfc(text).split())

        def command(m: Meeting) -> bool:
            link = valid_link(m.state, token, now, "remark")
            found = m.item_by_number(item)
            if any(
                r.by == link.member and r.text == said and r.kind == kind for r in found.remarks
            ):
                return False
            m.add_statement(link.member, found.id, link.member, said, kind, None, VIA_LINK)
            return True

        return self.change(meeting_id, command)
