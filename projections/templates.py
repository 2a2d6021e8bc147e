"""A forum's template: the sections its items have and the standing items of each meeting.

A forum that has met before takes its template from its latest meeting, so a body with
other headings than the Chefforum keeps them; a new forum starts from the Chefforum's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from uuid import UUID

from domain.application import Minutes
from domain.meeting.state import Item, MeetingState

CHEFFORUM_SECTIONS = (
    "Resumé",
    "Sagsfremstilling",
    "Kommunens vision og politikker",
    "Økonomi",
    "Lovgrundlag",
    "Borgerperspektiv",
    "Historik",
)
STANDING_FIRST = "Godkendelse af dagsorden og referat"
STANDING_LAST = "Temaer til kommende møder og eventuelt"


@dataclass(frozen=True)
class Template:
    sections: tuple[str, ...] = CHEFFORUM_SECTIONS
    standing: tuple[Item, ...] = field(default_factory=tuple)
    previous: MeetingState | None = None


def _headings(state: MeetingState) -> tuple[str, ...]:
    seen: list[str] = []
    for item in state.active_items():
        for section in item.sections:
            if section.heading not in seen:
                seen.append(section.heading)
    return tuple(seen) or CHEFFORUM_SECTIONS


def template_for(minutes: Minutes, forum: str, before: date | None = None) -> Template:
    """The template of `forum`, from its latest meeting before `before` if it has one."""
    earlier = [
        s
        for s in minutes.summaries()
        if s.forum.casefold() == forum.casefold() and (before is None or s.date < before)
    ]
    if not earlier:
        return Template()
    state = minutes.get(earlier[-1].id).state
    items = state.active_items()
    standing = tuple(items[:1] + items[-1:]) if len(items) > 1 else tuple(items)
    return Template(sections=_headings(state), standing=standing, previous=state)


def sections_for(minutes: Minutes, state: MeetingState) -> tuple[str, ...]:
    """The headings the editor offers for a meeting: its own, else its forum's."""
    own = _headings(state)
    if own != CHEFFORUM_SECTIONS or any(i.sections for i in state.items):
        return own
    return template_for(minutes, state.forum, before=state.date).sections


def new_meeting(
    minutes: Minutes,
    actor: str,
    forum: str,
    on: date,
    start: time | None = None,
    place: str | None = None,
) -> UUID:
    """Schedule a meeting with its forum's standing items and members, in one save."""
    template = template_for(minutes, forum, before=on)
    previous = template.previous
    meeting = minutes.draft_meeting(
        actor,
        forum,
        on,
        start=start if start is not None else previous.start if previous else None,
        place=place if place is not None else previous.place if previous else None,
        organisation=previous.organisation if previous else None,
    )
    mid = meeting.id
    with minutes.unit_of_work(meeting):
        if previous is not None:
            for p in previous.participants:
                if p.role != "substitute":
                    minutes.add_participant(
                        mid, actor, p.name, title=p.title, party=p.party, role=p.role
                    )
            standing = template.standing
        else:
            standing = (
                Item(id=mid, title=STANDING_FIRST, kind="beslutning"),
                Item(id=mid, title=STANDING_LAST, kind="drøftelse"),
            )
        for item in standing:
            item_id = minutes.add_item(
                mid,
                actor,
                item.title,
                case_number=item.case_number,
                kind=item.kind,
                duration_minutes=item.duration_minutes,
            )
            if item.recommendation:
                minutes.draft_recommendation(
                    mid, actor, item_id, item.recommendation.by, item.recommendation.points
                )
    return mid
