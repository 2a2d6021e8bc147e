"""Who may record what, checked on the events a command produced before they are saved.

Checking events rather than commands keeps one rule per kind of change, whatever path
(the UI, the command line, an import) produced it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.errors import RuleViolation
from domain.forum.aggregate import Forum
from domain.meeting import rules
from domain.meeting.events.decisions import RemarkAdded, RemarkWithdrawn
from domain.meeting.events.meeting import CorrectionAdded, MeetingEnded, MinutesApproved


def speaks_for(forum: Forum, actor: str, by: str) -> bool:
    """A member speaks for themselves, and a party group's members for their group."""
    if actor == by:
        return True
    member = forum.member(actor)
    return member is not None and member.party is not None and member.party == by


def check(forum: Forum, pending: Iterable[Any]) -> None:
    """Refuse the whole change if any event's actor lacks the role for it (the forum's
    part of the rules, domain.meeting.rules)."""
    name = forum.state.name
    for event in pending:
        actor = event.actor
        roles = forum.roles_of(actor)
        if isinstance(event, MinutesApproved):
            if event.transcribed and rules.records_signatures(name, roles) is not None:
                raise RuleViolation(
                    f"{actor} kan ikke indføre underskrifter fra en fil; kun formanden eller "
                    f"en sekretær for {name} kan registrere underskrifter, som er givet uden "
                    "for systemet (eller hvert medlem underskriver selv med 'chefforum approve')."
                )
            if actor != event.approval.by:
                rules.refuse(rules.records_signatures(name, roles))
        elif isinstance(event, MeetingEnded):
            rules.refuse(rules.ends(name, roles))
        elif isinstance(event, CorrectionAdded):
            rules.refuse(rules.corrects(name, roles))
        elif isinstance(event, RemarkAdded | RemarkWithdrawn):
            by = event.remark.by if isinstance(event, RemarkAdded) else event.by
            if not (forum.has(actor, "secretary") or speaks_for(forum, actor, by)):
                raise RuleViolation(
                    f"Kun {by} selv eller en sekretær for {name} (på {by}s vegne) kan skrive "
                    f"eller trække {by}s bemærkninger; {actor} kan ikke."
                )
        else:
            rules.refuse(rules.secretary(name, roles, actor))
