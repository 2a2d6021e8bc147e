"""The reconciliation of an item: its title and fields, recommendation, sections,
earlier decisions, decision and votes, remarks, absences, attachments and status."""

from __future__ import annotations

from uuid import UUID

from domain.cases.files import FileContent
from domain.meeting.aggregate import Meeting
from domain.meeting.items import same_place
from domain.meeting.state import Item, ItemLink, Motion, Vote
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError, DocumentRefused
from projections.importing.base import Reconciling, append_only, at_path


def _stored_item(meeting: Meeting, item_id: UUID) -> Item:
    return meeting.state.item(item_id)  # by the state's index, not a pass over the items


class ItemsReconciliation(Reconciling):
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
        append_only(current.earlier_decisions, item.earlier_decisions, f"{path}.earlier_decisions")
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
        append_only(current.remarks, item.remarks, f"{path}.remarks")
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


def _link(ref: ix.ItemRef) -> ItemLink:
    return ItemLink(forum=ref.forum, date=ref.date, number=ref.number)
