"""The events of the members' part: their personal links and the mails sent to them."""

from __future__ import annotations

from uuid import UUID

import msgspec

from domain.meeting.events.base import MeetingEvent
from domain.meeting.member_links import MailRecord, MemberLink
from domain.meeting.state import MeetingState


class LinkIssued(MeetingEvent):
    """A member's personal link to this meeting (domain.meeting.member_links)."""

    TOPIC = "chefforum:LinkIssued"
    link: MemberLink

    def apply_to(self, state: MeetingState) -> None:
        state.links.append(self.link)


class LinkRevoked(MeetingEvent):
    TOPIC = "chefforum:LinkRevoked"
    link_id: UUID

    def apply_to(self, state: MeetingState) -> None:
        state.links = [
            msgspec.structs.replace(link, revoked=self.timestamp)
            if link.id == self.link_id
            else link
            for link in state.links
        ]


class MailSent(MeetingEvent):
    """A mail to a member (agenda, draft, minutes, reminder): delivered or not."""

    TOPIC = "chefforum:MailSent"
    mail: MailRecord

    def apply_to(self, state: MeetingState) -> None:
        state.mails.append(self.mail)
