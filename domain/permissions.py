"""Who may record what, checked on the events a command produced before they are saved.

Checking events rather than commands keeps one rule per kind of change, whatever path
(the UI, the command line, an import) produced it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.errors import RuleViolation
from domain.forum.aggregate import Forum
from domain.meeting import events


def speaks_for(forum: Forum, actor: str, by: str) -> bool:
    """A member speaks for themselves, and a party group's members for their group."""
    if actor == by:
        return True
    member = forum.member(actor)
    return member is not None and member.party is not None and member.party == by


def check(forum: Forum, pending: Iterable[Any]) -> None:
    """Refuse the whole change if any event's actor lacks the role for it."""
    name = forum.state.name
    for event in pending:
        actor = event.actor
        if isinstance(event, events.MinutesApproved):
            signer = event.approval.by
            records = forum.has(actor, "chair") or forum.has(actor, "secretary")
            if event.transcribed and not records:
                raise RuleViolation(
                    f"{actor} kan ikke indføre underskrifter fra en fil; kun formanden eller "
                    f"en sekretær for {name} kan registrere underskrifter, som er givet uden "
                    "for systemet (eller hvert medlem underskriver selv med 'chefforum approve')."
                )
            if actor != signer and not (forum.has(actor, "chair") or forum.has(actor, "secretary")):
                raise RuleViolation(
                    f"{actor} kan ikke underskrive for {signer}. {signer} underskriver selv "
                    f"(chefforum --actor '{signer}' approve ... --by '{signer}'), eller "
                    f"formanden eller en sekretær for {name} registrerer en underskrift, "
                    "som er givet på papir."
                )
        elif isinstance(event, events.MeetingEnded):
            if not (forum.has(actor, "chair") or forum.has(actor, "secretary")):
                raise RuleViolation(
                    f"Kun formanden eller sekretæren for {name} kan afslutte mødet."
                )
        elif isinstance(event, events.CorrectionAdded):
            if not (forum.has(actor, "chair") or forum.has(actor, "secretary")):
                raise RuleViolation(
                    f"Kun formanden eller sekretæren for {name} kan tilføje rettelser."
                )
        elif isinstance(event, events.RemarkAdded | events.RemarkWithdrawn):
            by = event.remark.by if isinstance(event, events.RemarkAdded) else event.by
            if not (forum.has(actor, "secretary") or speaks_for(forum, actor, by)):
                raise RuleViolation(
                    f"Kun {by} selv eller en sekretær for {name} (på {by}s vegne) kan skrive "
                    f"eller trække {by}s bemærkninger; {actor} kan ikke."
                )
        elif not forum.has(actor, "secretary"):
            raise RuleViolation(
                f"Kun sekretærer i {name} kan ændre dagsorden og referat; {actor} er ikke sekretær "
                "(en sekretær kan tildele rollen med 'chefforum grant')."
            )
