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

from domain.clock import zone
from domain.meeting.events import ItemAdded, ItemFieldsChanged
from domain.meeting.state import MeetingState, printed_number
from projections.documents import interchange as ix

CLOSED_MARK = "(Lukket punkt)"
LOCAL = zone()


def local(moment: datetime) -> datetime:
    """A stored instant in Danish local time (whole seconds), as exports show it."""
    return moment.astimezone(LOCAL).replace(microsecond=0)


def document(state: MeetingState) -> ix.Document:
    """The referat as it stands in the given state (withdrawn items left out)."""
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
            sections=[ix.Section(heading=s.heading, text=s.text) for s in item.sections],
            earlier_decisions=[
                ix.EarlierDecision(body=e.body, date=e.date, item=e.item, text=e.text)
                for e in item.earlier_decisions
            ],
            decision=(
                ix.Decision(
                    text=item.decision.text,
                    votes=[
                        ix.Vote(option=v.option, count=v.count, who=list(v.who))
                        for v in item.decision.votes
                    ],
                )
                if item.decision
                else None
            ),
            remarks=[ix.Remark(by=r.by, text=r.text) for r in item.remarks],
            absent=[
                ix.ItemAbsence(name=a.name, reason=a.reason, substitute=a.substitute)
                for a in item.absent
            ],
            attachments=[ix.Attachment(name=a.name, closed=a.closed) for a in item.attachments],
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
                )
                for p in state.participants
            ],
            items=items,
            approvals=[
                ix.Approval(
                    by=a.by,
                    at=local(a.at),
                    reservation=a.reservation,
                    recorded_by=a.recorded_by or msgspec.UNSET,
                )
                for a in state.approvals
            ],
            corrections=[
                ix.Correction(
                    by=c.by,
                    at=local(c.at),
                    item=numbers.get(c.item_id) if c.item_id else None,
                    reason=c.reason,
                    text=c.text,
                )
                for c in state.corrections
            ],
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
        ix.Item(number=item.number, title=item.title, closed=True)
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
