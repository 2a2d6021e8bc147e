"""A new meeting from its forum: members, standing items, sections, settings, numbering.

The forum (domain.forum.aggregate) keeps what its meetings start from. What a forum has
not set is taken as before: the sections and participants of its latest meeting, and as standing
items the first and last regular items of that meeting (never a supplementary or carried
item), else the Chefforum's. A meeting copies the template when it is made, so changing
the template later changes only meetings made afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from domain.forum.aggregate import Forum
from domain.forum.standing import DEFAULT_STANDING, StandingItem, guessed_standing
from domain.forum.state import PARTICIPANT_ROLE, ForumSettings, Numbering
from domain.meeting.state import Item, MeetingState

if TYPE_CHECKING:
    # Only for its type: the application hands itself in (it imports the forum, not this).
    from domain.application import Minutes

T = TypeVar("T")

CHEFFORUM_SECTIONS = (
    "Resumé",
    "Sagsfremstilling",
    "Kommunens vision og politikker",
    "Økonomi",
    "Lovgrundlag",
    "Borgerperspektiv",
    "Historik",
)


@dataclass(frozen=True)
class Template:
    sections: tuple[str, ...] = CHEFFORUM_SECTIONS
    standing: tuple[Item | StandingItem, ...] = field(default_factory=tuple)
    previous: MeetingState | None = None


def _headings(state: MeetingState) -> tuple[str, ...]:
    seen: list[str] = []
    for item in state.active_items():
        for section in item.sections:
            if section.heading not in seen:
                seen.append(section.heading)
    return tuple(seen) or CHEFFORUM_SECTIONS


def _earlier(minutes: Minutes, forum: str, before: date | None) -> list[UUID]:
    return [
        s.id
        for s in minutes.summaries()
        if s.forum.casefold() == forum.casefold() and (before is None or s.date < before)
    ]


def template_for(minutes: Minutes, forum: str, before: date | None = None) -> Template:
    """The template of `forum`: what the forum has set, the rest from its latest meeting
    before `before`, the rest from the Chefforum's."""
    own = minutes.forum(forum)
    earlier = _earlier(minutes, forum, before)
    previous = minutes.get(earlier[-1]).state if earlier else None
    sections = (
        tuple(own.state.sections)
        if own is not None and own.state.sections
        else _headings(previous)
        if previous is not None
        else CHEFFORUM_SECTIONS
    )
    guessed: tuple[Item | StandingItem | None, Item | StandingItem | None] = (
        guessed_standing(previous) if previous is not None else DEFAULT_STANDING
    )
    chosen = list(guessed)
    if own is not None:
        for index, place in enumerate(("first", "last")):
            if place in own.state.standing_set:
                chosen[index] = own.state.standing_first if index == 0 else own.state.standing_last
    standing = tuple(item for item in chosen if item is not None)
    return Template(sections=sections, standing=standing, previous=previous)


def sections_for(minutes: Minutes, state: MeetingState) -> tuple[str, ...]:
    """The headings the editor offers for a meeting: its own, else its forum's."""
    own = _headings(state)
    if own != CHEFFORUM_SECTIONS or any(i.sections for i in state.items):
        return own
    if state.template:
        return tuple(state.template)
    return template_for(minutes, state.forum, before=state.date).sections


def highest_number(state: MeetingState) -> int:
    """The highest item number printed in a meeting (its first number less one if none)."""
    numbers = [int(n) for n in state.item_numbers().values() if n.isdigit()]
    return max(numbers, default=state.first_number - 1)


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


def first_number_for(minutes: Minutes, forum: str, on: date) -> int:
    """1, or for a forum numbering through the year, one past its previous meeting's last."""
    own = minutes.forum(forum)
    numbering = own.state.settings.numbering if own is not None else "meeting"
    if numbering != "year":
        return 1
    previous = [
        (s.date, highest_number(minutes.get(s.id).state))
        for s in minutes.summaries()
        if s.forum.casefold() == forum.casefold() and s.date.year == on.year and s.date < on
    ]
    return next_first_number(numbering, on, previous)


def new_meeting(
    minutes: Minutes,
    actor: str,
    forum: str,
    on: date,
    start: time | None = None,
    place: str | None = None,
    *,
    end: time | None = None,
    organisation: str | None = None,
    first_number: int | None = None,
) -> UUID:
    """Schedule a meeting from its forum, in one save: the forum's members as
    participants, its standing items, its settings and the next number of the year."""
    template = template_for(minutes, forum, before=on)
    previous = template.previous
    own: Forum | None = minutes.forum(forum)
    settings = own.state.settings if own is not None else ForumSettings()
    configured = own is not None and settings != ForumSettings()

    meeting = minutes.draft_meeting(
        actor,
        forum,
        on,
        start=_pick(configured, start, settings.start, previous.start if previous else None),
        end=end if end is not None else settings.end,
        place=_pick(configured, place, settings.place, previous.place if previous else None),
        organisation=_pick(
            configured,
            organisation,
            settings.organisation,
            previous.organisation if previous else None,
        ),
        first_number=first_number or first_number_for(minutes, forum, on),
    )
    mid = meeting.id
    with minutes.unit_of_work(meeting):
        minutes.set_meeting_facts(
            mid,
            actor,
            document=settings.document,
            time_zone=settings.time_zone,
            # Kept with the meeting: a later change of the template is for later meetings.
            template=tuple(own.state.sections) if own is not None else (),
        )
        if own is not None and own.state.members:
            for member in own.state.members:
                minutes.add_participant(
                    mid,
                    actor,
                    member.name,
                    title=member.title,
                    party=member.party,
                    role=PARTICIPANT_ROLE[member.role],
                    email=member.email,
                )
        elif previous is not None:
            for p in previous.participants:
                if p.role != "substitute":
                    minutes.add_participant(
                        mid, actor, p.name, title=p.title, party=p.party, role=p.role
                    )
        for item in template.standing:
            _add_standing(minutes, mid, actor, item)
    return mid


def _pick(configured: bool, given: T | None, setting: T | None, old: T | None) -> T | None:
    """What the caller gave, else the forum's setting (once it has any), else as before."""
    if given is not None:
        return given
    if configured and setting is not None:
        return setting
    return old


def _add_standing(minutes: Minutes, mid: UUID, actor: str, item: Item | StandingItem) -> None:
    if isinstance(item, StandingItem):
        item_id = minutes.add_item(mid, actor, item.title, kind=item.kind)
        if item.recommendation:
            minutes.draft_recommendation(mid, actor, item_id, None, [item.recommendation])
        return
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
