"""The minutes read model: a meeting's state projected into the interchange document.

Every renderer (text, Markdown, HTML, JSON) works from this one document, so the
public and agenda views are filters on it, applied in one place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from datetime import datetime
from uuid import UUID

import msgspec

from domain.clock import DEFAULT_ZONE, zone
from domain.meeting.events.items import ItemAdded, ItemFieldsChanged
from domain.meeting.state import ItemLink, MeetingState, Vote, printed_number
from projections.documents import interchange as ix

CLOSED_MARK = "(Lukket punkt)"
LOCAL = zone()


def local(moment: datetime, time_zone: str | None = None) -> datetime:
    """A stored instant in the meeting's zone (Danish time unless the meeting says
    otherwise), in whole seconds, as exports show it."""
    where = LOCAL if time_zone is None or time_zone == DEFAULT_ZONE else zone(time_zone)
    return moment.astimezone(where).replace(microsecond=0)


def _ref(link: ItemLink | None) -> ix.ItemRef | None:
    return ix.ItemRef(forum=link.forum, date=link.date, number=link.number) if link else None


def _votes(votes: tuple[Vote, ...]) -> list[ix.Vote]:
    return [ix.Vote(option=v.option, count=v.count, who=list(v.who)) for v in votes]


def document(state: MeetingState) -> ix.Document:
    """The referat as it stands in the given state (items removed from the agenda left
    out; postponed and withdrawn items keep their number). The additions to version 1 are
    set only when they differ from their defaults, so they are written only then."""
    numbers = state.item_numbers()
    items = [
        ix.Item(
            number=item.number,
            title=item.title,
            case_number=item.case_number,
            kind=item.kind,
            closed=item.closed,
            supplementary=item.supplementary,
            duration_minutes=item.duration_minutes,
            recommendation=(
                ix.Recommendation(
                    by=item.recommendation.by, points=list(item.recommendation.points)
                )
                if item.recommendation
                else None
            ),
            sections=[
                ix.Section(
                    heading=s.heading,
                    text=s.text,
                    after_decision=ix.unless(s.after_decision, False),
                )
                for s in item.sections
            ],
            earlier_decisions=[
                ix.EarlierDecision(body=e.body, date=e.date, item=e.item, text=e.text)
                for e in item.earlier_decisions
            ],
            decision=(
                ix.Decision(
                    text=item.decision.text,
                    votes=_votes(item.decision.votes),
                    motions=ix.unless(
                        [
                            ix.Motion(
                                text=mo.text, by=mo.by, result=mo.result, votes=_votes(mo.votes)
                            )
                            for mo in item.decision.motions
                        ],
                        [],
                    ),
                )
                if item.decision
                else None
            ),
            remarks=[
                ix.Remark(
                    by=r.by,
                    text=r.text,
                    kind=ix.unless(r.kind, "protokolbemærkning"),
                    recorded_by=ix.unless(r.recorded_by, None),
                    via=ix.unless(r.via, None),  # type: ignore[arg-type]
                )
                for r in item.remarks
            ],
            absent=[
                ix.ItemAbsence(name=a.name, reason=a.reason, substitute=a.substitute)
                for a in item.absent
            ],
            attachments=[
                ix.Attachment(
                    name=a.name,
                    closed=a.closed,
                    sha256=ix.unless(a.sha256, None),
                    media_type=ix.unless(a.media_type, None),
                    size=ix.unless(a.size, None),
                )
                for a in item.attachments
            ],
            status=ix.unless(item.status, "behandlet"),
            status_reason=ix.unless(item.status_reason, None),
            carried_from=ix.unless(_ref(item.carried_from), None),
            carried_to=ix.unless(_ref(item.carried_to), None),
            recommendation_at=ix.unless(item.recommendation_at, 0),
        )
        for item in state.active_items()
    ]
    return ix.Document(
        format=ix.FORMAT,
        meeting=ix.Meeting(
            forum=state.forum,
            organisation=state.organisation,
            date=state.date,
            start=state.start.strftime("%H:%M") if state.start else None,
            end=state.end.strftime("%H:%M") if state.end else None,
            place=state.place,
            first_number=state.first_number,
            participants=[
                ix.Participant(
                    name=p.name,
                    title=p.title,
                    party=p.party,
                    role=p.role,
                    attendance=p.attendance,
                    substitute_for=p.substitute_for,
                    absence_reason=ix.unless(p.absence_reason, None),
                )
                for p in state.participants
            ],
            items=items,
            approvals=[
                ix.Approval(
                    by=a.by,
                    at=local(a.at, state.time_zone),
                    reservation=a.reservation,
                    recorded_by=a.recorded_by or msgspec.UNSET,
                    via=ix.unless(a.via, None),  # type: ignore[arg-type]
                )
                for a in state.approvals
            ],
            corrections=[
                ix.Correction(
                    by=c.by,
                    at=local(c.at, state.time_zone),
                    item=numbers.get(c.item_id) if c.item_id else None,
                    reason=c.reason,
                    text=c.text,
                )
                for c in state.corrections
            ],
            kind=ix.unless(state.kind, "ordinært"),
            document=ix.unless(state.document, "referat"),
            remarks=ix.unless(state.remarks, None),
            time_zone=ix.unless(state.time_zone, DEFAULT_ZONE),
            case_label=ix.unless(state.case_label, None),
        ),
    )


def digest(state: MeetingState) -> str:
    """SHA-256 of the referat's content as exported (approvals and corrections aside),
    recorded with each signature (Minutes.sign_minutes) and checked again by `verify`."""
    doc = document(state)
    content = msgspec.structs.replace(doc.meeting, approvals=[], corrections=[])
    return hashlib.sha256(ix.encode(msgspec.structs.replace(doc, meeting=content))).hexdigest()


def printed_numbers(meeting: ix.Meeting) -> list[str]:
    """The number printed before each item: its own, or counted from first_number."""
    return [
        printed_number(item.number, meeting.first_number, offset)
        for offset, item in enumerate(meeting.items)
    ]


def ever_closed(events: Iterable[object]) -> frozenset[UUID]:
    """The items that were closed at any time in a meeting's history (its events)."""
    return frozenset(
        event.item_id
        for event in events
        if isinstance(event, ItemAdded | ItemFieldsChanged) and event.closed
    )


def public_document(state: MeetingState, closed: Collection[UUID] = ()) -> ix.Document:
    """What the public may read of the referat in `state`: every item that is closed
    there, or is in `closed` (ever_closed over all the meeting's events: closed now, or
    at any time), is shown as a closed item. A referat as it stood before an item was
    closed must not show what the item is closed to hide."""
    if closed:
        items = [
            msgspec.structs.replace(item, closed=True) if item.id in closed else item
            for item in state.items
        ]
        state = msgspec.structs.replace(state, items=items)
    return public(document(state))


def public(doc: ix.Document) -> ix.Document:
    """What the public may read: a closed item keeps only its number and title;
    closed attachments are left out, and corrections of closed items are withheld.
    (For a stored meeting use public_document, which knows the items closed later.)"""
    numbers = printed_numbers(doc.meeting)
    closed_numbers = {n for n, item in zip(numbers, doc.meeting.items, strict=True) if item.closed}
    items = [
        ix.Item(number=item.number, title=item.title, closed=True, status=item.status)
        if item.closed
        else msgspec.structs.replace(
            item, attachments=[a for a in item.attachments if not a.closed]
        )
        for item in doc.meeting.items
    ]
    corrections = [c for c in doc.meeting.corrections if c.item not in closed_numbers]
    meeting = msgspec.structs.replace(doc.meeting, items=items, corrections=corrections)
    return msgspec.structs.replace(doc, meeting=meeting)


def agenda(doc: ix.Document) -> ix.Document:
    """The dagsorden: no decisions, votes, remarks, absences, approvals or corrections."""
    items = [
        msgspec.structs.replace(item, decision=None, remarks=[], absent=[])
        for item in doc.meeting.items
    ]
    meeting = msgspec.structs.replace(
        doc.meeting, end=None, items=items, approvals=[], corrections=[]
    )
    return msgspec.structs.replace(doc, meeting=meeting)
