# Over 400 lines: one reconciliation, each part of the document beside its siblings.
"""Bring a referat document into the store as the events that would have produced it.

The document is reconciled with the meeting of the same forum and date: only what
differs is recorded, so importing the same file twice records nothing the second time.
All events of one import are saved together (one unit of work: the use cases of Minutes
run on the loaded meeting and are saved at its end), so a refused file stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import time
from uuid import UUID

from domain.application import Minutes
from domain.cases.files import FileContent
from domain.clock import DEFAULT_ZONE
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meeting.aggregate import Meeting
from domain.meeting.items import same_place
from domain.meeting.state import Item, ItemLink, Motion, Participant, Vote
from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError, DocumentRefused
from projections.documents.referat import digest, document, printed_numbers
from projections.files.inspect import inspect


@contextmanager
def at_path(path: str) -> Iterator[None]:
    """Name the document's JSON path in a refusal raised by the domain: bad input (text
    that cannot be stored, a name that is not there) or a rule of the minutes."""
    try:
        yield
    except DocumentRefused:
        raise
    except (InvalidInput, NotFound) as e:
        raise DocumentError(f"{path}: {e}") from None
    except RuleViolation as e:
        raise DocumentRefused(f"{path}: {e}") from None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def import_document(
    minutes: Minutes,
    doc: ix.Document,
    actor: str,
    files: Mapping[str, bytes] | None = None,
    *,
    dry_run: bool = False,
) -> tuple[UUID, int]:
    """Import into a new or the matching meeting; returns its id and the events recorded.
    Line breaks in the document's texts are taken as LF (see interchange.with_lf). files:
    the Bilag's bytes by SHA-256, from a bundle (documents/bundle.py, checked there). With
    dry_run every rule and limit is checked as the import would, and nothing is stored."""
    doc, _ = ix.with_lf(doc)
    contents = _contents(files or {})
    m = doc.meeting
    found = minutes.find(m.forum, m.date)
    if found is None:
        with at_path("meeting"):
            meeting = minutes.draft_meeting(
                actor,
                m.forum,
                m.date,
                organisation=m.organisation,
                start=_time(m.start),
                end=_time(m.end),
                place=m.place,
                first_number=m.first_number,
            )
    else:
        meeting = minutes.get(found.id)
    # The files ride with the unit of work's one save (domain/file_cases.py).
    with minutes.carrying(*contents.values()), minutes.unit_of_work(meeting, dry_run=dry_run):
        reconcile(minutes, meeting, doc, actor, contents)
        recorded = len(meeting.pending_events)
    return meeting.id, recorded


def _contents(files: Mapping[str, bytes]) -> dict[str, FileContent]:
    """Each bundled file judged as one attached by hand (kind, pages, text, refusals)."""
    contents: dict[str, FileContent] = {}
    for sha, data in files.items():
        try:
            contents[sha] = inspect(data, f"bilag/{sha}")
        except InvalidInput as e:
            raise DocumentError(str(e)) from None
    return contents


def reconcile(
    minutes: Minutes,
    meeting: Meeting,
    doc: ix.Document,
    actor: str,
    files: Mapping[str, FileContent] | None = None,
) -> None:
    """Record, through the use cases, the events that make the meeting's referat equal to
    `doc`; called inside minutes.unit_of_work(meeting), which saves them together."""
    if document(meeting.state) == doc:
        return
    Reconciliation(minutes, meeting, actor, files).run(doc.meeting)


def _stored_item(meeting: Meeting, item_id: UUID) -> Item:
    return meeting.state.item(item_id)  # by the state's index, not a pass over the items


def _stored_participant(meeting: Meeting, name: str) -> Participant | None:
    wanted = nfc(name).strip()
    return next((p for p in meeting.state.participants if p.name == wanted), None)


class Reconciliation:
    """One document brought into one meeting: each part compared, each difference recorded
    by the use case a user would have called (read back from the meeting in between)."""

    def __init__(
        self,
        minutes: Minutes,
        meeting: Meeting,
        actor: str,
        files: Mapping[str, FileContent] | None = None,
    ) -> None:
        self.minutes = minutes
        self.meeting = meeting
        self.id = meeting.id
        self.actor = actor
        self.files = files or {}

    def run(self, m: ix.Meeting) -> None:
        with at_path("meeting"):
            self.minutes.change_details(
                self.id,
                self.actor,
                forum=m.forum,
                date=m.date,
                organisation=m.organisation,
                start=_time(m.start),
                end=_time(m.end),
                place=m.place,
                first_number=m.first_number,
                clear=[
                    k for k in ("organisation", "start", "end", "place") if getattr(m, k) is None
                ],
            )
        with at_path("meeting"):
            self.minutes.set_meeting_facts(
                self.id,
                self.actor,
                kind=ix.given(m.kind, "ordinært"),
                document=ix.given(m.document, "referat"),
                remarks=ix.given(m.remarks, None) or "",
                time_zone=ix.given(m.time_zone, DEFAULT_ZONE),
            )
            self.minutes.set_case_label(self.id, self.actor, ix.given(m.case_label, None))
        self._participants(m)
        item_ids = self._agenda(m)
        # A held meeting is published and started before what it decided is recorded,
        # as it was held; it is ended after.
        self._open(m)
        for index, (item_id, item) in enumerate(zip(item_ids, m.items, strict=True)):
            self._item(item_id, item, f"meeting.items[{index}]")
        self._close(m)
        self._approvals(m)
        self._corrections(m, item_ids)

    def _participants(self, m: ix.Meeting) -> None:
        minutes, mid, actor = self.minutes, self.id, self.actor
        wanted = {p.name for p in m.participants}
        for stored in list(self.meeting.state.participants):
            if stored.name not in wanted:
                with at_path("meeting.participants"):
                    minutes.remove_participant(mid, actor, stored.id)
        for index, p in enumerate(m.participants):
            with at_path(f"meeting.participants[{index}]"):
                current = _stored_participant(self.meeting, p.name)
                if current is None:
                    minutes.add_participant(
                        mid,
                        actor,
                        p.name,
                        title=p.title,
                        party=p.party,
                        role=p.role,
                        attendance=p.attendance,
                        substitute_for=p.substitute_for,
                    )
                else:
                    minutes.change_participant(
                        mid,
                        actor,
                        current.id,
                        name=p.name,
                        title=p.title,
                        party=p.party,
                        role=p.role,
                    )
                    minutes.record_attendance(
                        mid, actor, current.id, p.attendance, p.substitute_for
                    )
                minutes.record_absence_reason(mid, actor, p.name, ix.given(p.absence_reason, None))

    def _agenda(self, m: ix.Meeting) -> list[UUID]:
        """Match the document's items to the meeting's (by title, then position), add the
        new ones, withdraw the missing ones and put them in order; returns their ids."""
        minutes, mid, actor, state = self.minutes, self.id, self.actor, self.meeting.state
        # The agenda as it was: items added below go after it, so its places are theirs.
        agenda = state.active_items()
        unmatched = list(agenda)
        ids: list[UUID] = []
        for index, item in enumerate(m.items):
            path = f"meeting.items[{index}]"
            match = next((i for i in unmatched if i.title == item.title), None)
            if match is None and index < len(agenda):
                candidate = agenda[index]
                match = candidate if candidate in unmatched else None
            if match is not None:
                _refuse_public_copy(match, item, path)
                unmatched.remove(match)
                ids.append(match.id)
            else:
                with at_path(path):
                    ids.append(
                        minutes.add_item(
                            mid, actor, item.title or "", supplementary=item.supplementary
                        )
                    )
        for leftover in unmatched:
            with at_path("meeting.items"):
                minutes.withdraw_item(
                    mid, actor, leftover.id, "Fjernet ved import", keep_number=False
                )
        for index, item_id in enumerate(ids):
            with at_path(f"meeting.items[{index}]"):
                minutes.move_item(mid, actor, item_id, index)
        # Numbers are set (by _item) after all moves so a renumbering never collides midway.
        return ids

    def _item(self, item_id: UUID, item: ix.Item, path: str) -> None:
        minutes, mid, actor = self.minutes, self.id, self.actor
        with at_path(f"{path}.title"):
            minutes.retitle_item(mid, actor, item_id, item.title)
        with at_path(f"{path}.number"):
            minutes.change_item_fields(
                mid,
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
            minutes.draft_recommendation(
                mid, actor, item_id, rec.by if rec else None, rec.points if rec else []
            )
        self._sections(item_id, item, path)
        current = _stored_item(self.meeting, item_id)
        for index, earlier in enumerate(item.earlier_decisions):
            if index < len(current.earlier_decisions):
                continue
            with at_path(f"{path}.earlier_decisions[{index}]"):
                minutes.record_earlier_decision(
                    mid,
                    actor,
                    item_id,
                    body=earlier.body,
                    text=earlier.text,
                    date=earlier.date,
                    number=earlier.item,
                )
        _append_only(current.earlier_decisions, item.earlier_decisions, f"{path}.earlier_decisions")
        decision = item.decision
        with at_path(f"{path}.decision"):
            minutes.record_decision(mid, actor, item_id, decision.text if decision else "")
            votes = (
                [Vote(option=v.option, count=v.count, who=tuple(v.who)) for v in decision.votes]
                if decision
                else []
            )
            minutes.record_votes(mid, actor, item_id, votes)
            motions = [
                Motion(
                    text=mo.text,
                    by=mo.by,
                    result=mo.result,
                    votes=tuple(
                        Vote(option=v.option, count=v.count, who=tuple(v.who)) for v in mo.votes
                    ),
                )
                for mo in (ix.given(decision.motions, []) if decision else [])
            ]
            minutes.record_motions(mid, actor, item_id, motions, confirm=True)
        current = _stored_item(self.meeting, item_id)
        for index, remark in enumerate(item.remarks):
            if index >= len(current.remarks):
                with at_path(f"{path}.remarks[{index}]"):
                    minutes.add_statement(
                        mid,
                        actor,
                        item_id,
                        remark.by,
                        remark.text,
                        ix.given(remark.kind, "protokolbemærkning"),
                        transcribed=True,
                        recorded_by=ix.given(remark.recorded_by, None),
                        via=ix.given(remark.via, None),
                    )
        _append_only(current.remarks, item.remarks, f"{path}.remarks")
        for index, absence in enumerate(item.absent):
            with at_path(f"{path}.absent[{index}]"):
                minutes.record_member_absence(
                    mid,
                    actor,
                    item_id,
                    absence.name,
                    absence.reason,
                    absence.substitute,
                    transcribed=True,
                )
        stored = _stored_item(self.meeting, item_id)
        if [a.name for a in stored.absent] != [a.name for a in item.absent]:
            raise DocumentRefused(f"{path}.absent: fravær kan ikke fjernes ved import")
        self._attachments(item_id, item, path)
        self._status(item_id, item, path)

    def _status(self, item_id: UUID, item: ix.Item, path: str) -> None:
        """Carried from, postponed or withdrawn, as the document says (never taken back)."""
        minutes, mid, actor = self.minutes, self.id, self.actor
        carried_from = ix.given(item.carried_from, None)
        if carried_from is not None:
            with at_path(f"{path}.carried_from"):
                minutes.link_carried_from(mid, actor, item_id, _link(carried_from))
        stored = _stored_item(self.meeting, item_id)
        status = ix.given(item.status, "behandlet")
        reason = ix.given(item.status_reason, None)
        carried_to = ix.given(item.carried_to, None)
        if status == stored.status:
            if (
                status == "udsat"
                and carried_to is not None
                and (
                    stored.carried_to is None
                    or not same_place(stored.carried_to, _link(carried_to))
                )
            ):
                raise DocumentError(
                    f"{path}.carried_to: et udsat punkt kan ikke flyttes ved import"
                )
            return
        if stored.status != "behandlet":
            raise DocumentError(
                f"{path}.status: et {stored.status} punkt kan ikke ændres ved import"
            )
        with at_path(f"{path}.status"):
            if status == "udsat":
                link = _link(carried_to) if carried_to is not None else None
                minutes.mark_postponed(mid, actor, item_id, reason, link)
            else:
                minutes.withdraw_item(mid, actor, item_id, reason, keep_number=True)

    def _file(self, a: ix.Attachment) -> FileContent | None:
        """The bundled file of an attachment (a plain JSON brings names only)."""
        sha = ix.given(a.sha256, None)
        return self.files.get(sha) if sha is not None else None

    def _attachments(self, item_id: UUID, item: ix.Item, path: str) -> None:
        minutes, mid, actor = self.minutes, self.id, self.actor
        wanted = {}
        for a in item.attachments:
            content = self._file(a)
            wanted[a.name] = (a.closed, content.facts.sha256 if content else None)
        for kept in list(_stored_item(self.meeting, item_id).attachments):
            known = wanted.get(kept.name)
            # A file the document does not bring leaves a kept one as it is.
            if known is None or known[0] != kept.closed or known[1] not in (None, kept.sha256):
                with at_path(f"{path}.attachments"):
                    minutes.remove_attachment(mid, actor, item_id, kept.name)
        for index, a in enumerate(item.attachments):
            if all(x.name != a.name for x in _stored_item(self.meeting, item_id).attachments):
                content = self._file(a)
                with at_path(f"{path}.attachments[{index}]"):
                    if content is None:
                        minutes.add_attachment(mid, actor, item_id, a.name, a.closed)
                    else:
                        minutes.attach_file(mid, actor, item_id, a.name, content, a.closed)

    def _sections(self, item_id: UUID, item: ix.Item, path: str) -> None:
        minutes, mid, actor = self.minutes, self.id, self.actor
        headings = [s.heading for s in item.sections]
        current = [s.heading for s in _stored_item(self.meeting, item_id).sections]
        if [h for h in current if h in headings] != [h for h in headings if h in current]:
            current = []  # the order changed: write the sections anew
            for heading in [s.heading for s in _stored_item(self.meeting, item_id).sections]:
                minutes.remove_section(mid, actor, item_id, heading)
        for heading in current:
            if heading not in headings:
                minutes.remove_section(mid, actor, item_id, heading)
        for index, section in enumerate(item.sections):
            with at_path(f"{path}.sections[{index}]"):
                if section.heading in headings[:index]:
                    raise DocumentError(
                        f"{path}.sections[{index}]: afsnittet '{section.heading}' står to gange"
                    )
                minutes.place_section(mid, actor, item_id, section.heading, section.text, index)
                minutes.place_section_after_decision(
                    mid, actor, item_id, section.heading, ix.given(section.after_decision, False)
                )
        with at_path(f"{path}.recommendation_at"):
            minutes.place_recommendation(mid, actor, item_id, ix.given(item.recommendation_at, 0))

    def _open(self, m: ix.Meeting) -> None:
        """Publish the agenda and start the meeting, when the document shows it was held."""
        if not _held(m):
            return
        minutes, mid, actor = self.minutes, self.id, self.actor
        with at_path("meeting"):
            if self.meeting.state.status == "draft":
                minutes.publish_agenda(mid, actor)
            if self.meeting.state.status == "published":
                minutes.start_meeting(mid, actor)

    def _close(self, m: ix.Meeting) -> None:
        if _held(m) and self.meeting.state.status == "started":
            with at_path("meeting"):
                self.minutes.end_meeting(self.id, self.actor)

    def _approvals(self, m: ix.Meeting) -> None:
        signed = [a.by for a in self.meeting.state.approvals]
        for index, approval in enumerate(m.approvals):
            if approval.by in signed:
                continue
            with at_path(f"meeting.approvals[{index}]"):
                self.minutes.sign_minutes(
                    self.id,
                    self.actor,
                    approval.by,
                    digest,
                    approval.reservation,
                    at=approval.at,
                    transcribed=True,
                    recorded_by=approval.recorded_by or None,
                    via=ix.given(approval.via, None),
                )
        if any(name not in {a.by for a in m.approvals} for name in signed):
            raise DocumentRefused("meeting.approvals: en underskrift kan ikke fjernes ved import")

    def _corrections(self, m: ix.Meeting, item_ids: list[UUID]) -> None:
        numbers = dict(zip(printed_numbers(m), item_ids, strict=True))
        state = self.meeting.state
        existing = len(state.corrections)
        for index, c in enumerate(m.corrections):
            if index < existing:
                continue
            path = f"meeting.corrections[{index}]"
            if c.item is not None and c.item not in numbers:
                raise DocumentError(f"{path}.item: punkt {c.item} findes ikke i dokumentet")
            with at_path(path):
                self.minutes.add_correction(
                    self.id,
                    self.actor,
                    reason=c.reason,
                    text=c.text,
                    item=numbers.get(c.item) if c.item else None,
                    by=c.by,
                    at=c.at,
                )
        _append_only(list(state.corrections), list(m.corrections), "meeting.corrections")


def _link(ref: ix.ItemRef) -> ItemLink:
    return ItemLink(forum=ref.forum, date=ref.date, number=ref.number)


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


def _append_only(current: Sequence[object], wanted: Sequence[object], path: str) -> None:
    """Earlier decisions and remarks are never taken back; a document that drops one is refused."""
    if len(current) > len(wanted):
        raise DocumentRefused(f"{path}: det, der står i referatet, kan ikke fjernes ved import")


def _held(m: ix.Meeting) -> bool:
    return bool(m.approvals) or any(
        item.decision or item.remarks or item.absent for item in m.items
    )
