"""Bring a referat document into the store as the events that would have produced it.

The document is reconciled with the meeting of the same forum and date: only what
differs is recorded, so importing the same file twice records nothing the second time.
All events of one import are saved together, so a refused file stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import time
from uuid import UUID

from domain.application import Minutes
from domain.errors import NotFound, RuleViolation
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Item, Vote
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.referat import document, printed_numbers, sign


@contextmanager
def at_path(path: str) -> Iterator[None]:
    """Name the document's JSON path in a refusal raised by a domain rule."""
    try:
        yield
    except (RuleViolation, NotFound) as e:
        raise DocumentError(f"{path}: {e}") from None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def import_document(app: Minutes, doc: ix.Document, actor: str) -> tuple[UUID, int]:
    """Import into a new or the matching meeting; returns its id and the events recorded."""
    m = doc.meeting
    found = app.find(m.forum, m.date)
    if found is None:
        with at_path("meeting"):
            meeting = Meeting.schedule(
                actor=actor,
                forum=m.forum,
                date=m.date,
                organisation=m.organisation,
                start=_time(m.start),
                end=_time(m.end),
                place=m.place,
                first_number=m.first_number,
            )
    else:
        meeting = app.get(found.id)
    reconcile(meeting, doc, actor)
    recorded = len(meeting.pending_events)
    if recorded:
        app.save_meeting(meeting)
    return meeting.id, recorded


def reconcile(meeting: Meeting, doc: ix.Document, actor: str) -> None:
    """Record on `meeting` the events that make its referat equal to `doc`."""
    if document(meeting.state) == doc:
        return
    m = doc.meeting
    with at_path("meeting"):
        meeting.change_details(
            actor,
            forum=m.forum,
            date=m.date,
            organisation=m.organisation,
            start=_time(m.start),
            end=_time(m.end),
            place=m.place,
            first_number=m.first_number,
            clear=[k for k in ("organisation", "start", "end", "place") if getattr(m, k) is None],
        )
    _participants(meeting, m, actor)
    item_ids = _items(meeting, m, actor)
    _lifecycle(meeting, m, actor)
    _approvals(meeting, m, actor)
    _corrections(meeting, m, actor, item_ids)


def _participants(meeting: Meeting, m: ix.Meeting, actor: str) -> None:
    wanted = {p.name for p in m.participants}
    for stored in list(meeting.state.participants):
        if stored.name not in wanted:
            with at_path("meeting.participants"):
                meeting.remove_participant(actor, stored.id)
    for index, p in enumerate(m.participants):
        with at_path(f"meeting.participants[{index}]"):
            try:
                current = meeting.participant(p.name)
            except NotFound:
                meeting.add_participant(
                    actor,
                    p.name,
                    title=p.title,
                    party=p.party,
                    role=p.role,
                    attendance=p.attendance,
                    substitute_for=p.substitute_for,
                )
                continue
            meeting.change_participant(
                actor, current.id, name=p.name, title=p.title, party=p.party, role=p.role
            )
            meeting.record_attendance(actor, current.id, p.attendance, p.substitute_for)


def _items(meeting: Meeting, m: ix.Meeting, actor: str) -> list[UUID]:
    """Match the document's items to the meeting's (by title, then position); returns ids."""
    unmatched = list(meeting.state.active_items())
    ids: list[UUID] = []
    for index, item in enumerate(m.items):
        path = f"meeting.items[{index}]"
        match = next((i for i in unmatched if i.title == item.title), None)
        if match is None and index < len(meeting.state.active_items()):
            candidate = meeting.state.active_items()[index]
            match = candidate if candidate in unmatched else None
        if match is not None:
            _refuse_public_copy(match, item, path)
            unmatched.remove(match)
            ids.append(match.id)
        else:
            with at_path(path):
                ids.append(
                    meeting.add_item(actor, item.title or "", supplementary=item.supplementary)
                )
    for leftover in unmatched:
        with at_path("meeting.items"):
            meeting.withdraw_item(actor, leftover.id, "Fjernet ved import")
    for index, item_id in enumerate(ids):
        with at_path(f"meeting.items[{index}]"):
            meeting.move_item(actor, item_id, index)
    # Numbers are set after all moves so a renumbering never collides midway.
    for index, (item_id, item) in enumerate(zip(ids, m.items, strict=True)):
        _item(meeting, item_id, item, f"meeting.items[{index}]", actor)
    return ids


def _has_content(item: ix.Item | Item) -> bool:
    return bool(
        item.recommendation
        or item.sections
        or item.earlier_decisions
        or item.decision
        or item.remarks
        or item.absent
        or item.attachments
        or item.case_number
    )


def _refuse_public_copy(stored: Item, incoming: ix.Item, path: str) -> None:
    """A public export shows a closed item by its title alone; imported over the internal
    minutes it would record that item as emptied. Refuse rather than lose its content."""
    if stored.closed and incoming.closed and _has_content(stored) and not _has_content(incoming):
        raise DocumentError(
            f"{path}: det lukkede punkt '{stored.title}' er tomt i filen, men ikke i "
            "referatet; filen ligner en offentlig udgave. Importér den interne udgave."
        )


def _item(meeting: Meeting, item_id: UUID, item: ix.Item, path: str, actor: str) -> None:
    with at_path(f"{path}.title"):
        meeting.retitle_item(actor, item_id, item.title)
    with at_path(f"{path}.number"):
        meeting.change_item_fields(
            actor,
            item_id,
            number=item.number,
            case_number=item.case_number,
            kind=item.kind,
            duration_minutes=item.duration_minutes,
            closed=item.closed,
            supplementary=item.supplementary,
        )
    rec = item.recommendation
    with at_path(f"{path}.recommendation"):
        meeting.draft_recommendation(
            actor, item_id, rec.by if rec else None, rec.points if rec else []
        )
    _sections(meeting, item_id, item, path, actor)
    current = meeting.item(item_id)
    for index, earlier in enumerate(item.earlier_decisions):
        if index < len(current.earlier_decisions):
            continue
        with at_path(f"{path}.earlier_decisions[{index}]"):
            meeting.record_earlier_decision(
                actor,
                item_id,
                body=earlier.body,
                text=earlier.text,
                date=earlier.date,
                item=earlier.item,
            )
    _append_only(current.earlier_decisions, item.earlier_decisions, f"{path}.earlier_decisions")
    decision = item.decision
    with at_path(f"{path}.decision"):
        meeting.record_decision(actor, item_id, decision.text if decision else "")
        votes = (
            [Vote(option=v.option, count=v.count, who=tuple(v.who)) for v in decision.votes]
            if decision
            else []
        )
        meeting.record_votes(actor, item_id, votes)
    current = meeting.item(item_id)
    for index, remark in enumerate(item.remarks):
        if index >= len(current.remarks):
            with at_path(f"{path}.remarks[{index}]"):
                meeting.add_remark(actor, item_id, remark.by, remark.text)
    _append_only(current.remarks, item.remarks, f"{path}.remarks")
    for index, absence in enumerate(item.absent):
        with at_path(f"{path}.absent[{index}]"):
            meeting.record_item_absence(
                actor, item_id, absence.name, absence.reason, absence.substitute
            )
    if [a.name for a in meeting.item(item_id).absent] != [a.name for a in item.absent]:
        raise DocumentError(f"{path}.absent: fravær kan ikke fjernes ved import")
    wanted = {(a.name, a.closed) for a in item.attachments}
    for kept in list(meeting.item(item_id).attachments):
        if (kept.name, kept.closed) not in wanted:
            with at_path(f"{path}.attachments"):
                meeting.remove_attachment(actor, item_id, kept.name)
    for index, a in enumerate(item.attachments):
        if all(x.name != a.name for x in meeting.item(item_id).attachments):
            with at_path(f"{path}.attachments[{index}]"):
                meeting.add_attachment(actor, item_id, a.name, a.closed)


def _append_only(current: Sequence[object], wanted: Sequence[object], path: str) -> None:
    """Earlier decisions and remarks are never taken back; a document that drops one is refused."""
    if len(current) > len(wanted):
        raise DocumentError(f"{path}: det, der står i referatet, kan ikke fjernes ved import")


def _sections(meeting: Meeting, item_id: UUID, item: ix.Item, path: str, actor: str) -> None:
    headings = [s.heading for s in item.sections]
    current = [s.heading for s in meeting.item(item_id).sections]
    if [h for h in current if h in headings] != [h for h in headings if h in current]:
        current = []  # the order changed: write the sections anew
        for heading in [s.heading for s in meeting.item(item_id).sections]:
            meeting.remove_section(actor, item_id, heading)
    for heading in current:
        if heading not in headings:
            meeting.remove_section(actor, item_id, heading)
    for index, section in enumerate(item.sections):
        with at_path(f"{path}.sections[{index}]"):
            if section.heading in headings[:index]:
                raise RuleViolation(f"afsnittet '{section.heading}' står to gange")
            meeting.write_section(actor, item_id, section.heading, section.text, position=index)


def _held(m: ix.Meeting) -> bool:
    return bool(m.approvals) or any(
        item.decision or item.remarks or item.absent for item in m.items
    )


def _lifecycle(meeting: Meeting, m: ix.Meeting, actor: str) -> None:
    if not _held(m):
        return
    with at_path("meeting"):
        if meeting.state.status == "draft" and meeting.state.active_items():
            meeting.publish_agenda(actor)
        if meeting.state.status in ("draft", "published"):
            meeting.start(actor)
        if meeting.state.status == "started":
            meeting.end(actor)


def _approvals(meeting: Meeting, m: ix.Meeting, actor: str) -> None:
    signed = [a.by for a in meeting.state.approvals]
    for index, approval in enumerate(m.approvals):
        if approval.by in signed:
            continue
        with at_path(f"meeting.approvals[{index}]"):
            sign(
                meeting, actor, approval.by, approval.reservation, at=approval.at, transcribed=True
            )
    if any(name not in {a.by for a in m.approvals} for name in signed):
        raise DocumentError("meeting.approvals: en underskrift kan ikke fjernes ved import")


def _corrections(meeting: Meeting, m: ix.Meeting, actor: str, item_ids: list[UUID]) -> None:
    numbers = dict(zip(printed_numbers(m), item_ids, strict=True))
    existing = len(meeting.state.corrections)
    for index, c in enumerate(m.corrections):
        if index < existing:
            continue
        path = f"meeting.corrections[{index}]"
        if c.item is not None and c.item not in numbers:
            raise DocumentError(f"{path}.item: punkt {c.item} findes ikke i dokumentet")
        with at_path(path):
            meeting.add_correction(
                actor,
                reason=c.reason,
                text=c.text,
                item_id=numbers.get(c.item) if c.item else None,
                by=c.by,
                at=c.at,
            )
    _append_only(list(meeting.state.corrections), list(m.corrections), "meeting.corrections")
