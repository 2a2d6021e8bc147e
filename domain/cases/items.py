"""Use cases of the agenda's items: adding, naming, moving and withdrawing them, their
Indstilling, sections, attachments and earlier decisions, and postponing one to a later
meeting (both meetings saved in one transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain import permissions
from domain.cases.base import ItemRef, UseCases, item_id_of
from domain.errors import NotFound, RuleViolation
from domain.forum.standing import before_closing
from domain.meeting.aggregate import Meeting, expect_unchanged
from domain.meeting.state import ItemLink
from domain.meeting.texts import (
    SECTION_PREFIX,
    field_label,
    field_texts,
    section_position,
    typed_minutes,
)


def _write_section(
    m: Meeting, actor: str, item_id: UUID, heading: str, text: str, template: tuple[str, ...]
) -> None:
    """Write a section's text; emptied, the section is removed; a new one goes where the
    forum's template puts it."""
    existing = [s.heading for s in m.item(item_id).sections]
    if not text.strip():
        if heading in existing:
            m.remove_section(actor, item_id, heading)
        return
    m.write_section(
        actor, item_id, heading, text, position=section_position(existing, heading, template)
    )


class ItemCases(UseCases):
    def item_id(self, meeting_id: UUID, item: ItemRef) -> UUID:
        """The id of an item named by its printed number (or id) as the meeting stands."""
        return item_id_of(self.get(meeting_id), item)

    def add_item(self, meeting_id: UUID, actor: str, title: str, **details: Any) -> UUID:
        """Position, number, case_number, kind, duration_minutes, closed, supplementary."""
        return self.change(meeting_id, lambda m: m.add_item(actor, title, **details))

    def add_agenda_item(self, meeting_id: UUID, actor: str, title: str, **details: Any) -> UUID:
        """Add an item as a secretary does: before the standing closing item."""
        return self.change(
            meeting_id,
            lambda m: m.add_item(actor, title, position=self._before_closing(m), **details),
        )

    def retitle_item(self, meeting_id: UUID, actor: str, item: ItemRef, title: str) -> None:
        self.change(meeting_id, lambda m: m.retitle_item(actor, item_id_of(m, item), title))

    def change_item_fields(
        self, meeting_id: UUID, actor: str, item: ItemRef, **fields: Any
    ) -> None:
        """Number, case_number, kind, duration_minutes, closed, supplementary."""
        self.change(
            meeting_id, lambda m: m.change_item_fields(actor, item_id_of(m, item), **fields)
        )

    def move_item(self, meeting_id: UUID, actor: str, item: ItemRef, position: int) -> None:
        self.change(meeting_id, lambda m: m.move_item(actor, item_id_of(m, item), position))

    def withdraw_item(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        reason: str | None = None,
        keep_number: bool = True,
    ) -> None:
        """Trukket: the item keeps its number and is printed as withdrawn; without
        keep_number (an import's removal) it leaves the agenda and the rest renumber."""
        self.change(
            meeting_id,
            lambda m: m.withdraw_item(actor, item_id_of(m, item), reason, keep_number),
        )

    def withdraw_keeping_number(
        self, meeting_id: UUID, actor: str, item: ItemRef, reason: str | None = None
    ) -> None:
        """Trukket: the item keeps its number and is printed as withdrawn with the reason."""
        self.change(
            meeting_id,
            lambda m: m.withdraw_item(actor, item_id_of(m, item), reason, keep_number=True),
        )

    def draft_recommendation(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        by: str | None,
        points: Sequence[str],
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.draft_recommendation(actor, item_id_of(m, item), by, points),
        )

    def place_recommendation(self, meeting_id: UUID, actor: str, item: ItemRef, at: int) -> None:
        self.change(meeting_id, lambda m: m.place_recommendation(actor, item_id_of(m, item), at))

    def write_section(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        heading: str,
        text: str,
        template: tuple[str, ...] = (),
    ) -> None:
        """Write a section's text; emptied, the section is removed; a new one goes where
        the forum's template puts it."""

        self.change(
            meeting_id,
            lambda m: _write_section(m, actor, item_id_of(m, item), heading, text, template),
        )

    def place_section(
        self, meeting_id: UUID, actor: str, item: ItemRef, heading: str, text: str, position: int
    ) -> None:
        """Write a section at a given place among the item's sections, as a document
        brought in has it: an empty text is written as such, not removed."""
        self.change(
            meeting_id,
            lambda m: m.write_section(actor, item_id_of(m, item), heading, text, position=position),
        )

    def remove_section(self, meeting_id: UUID, actor: str, item: ItemRef, heading: str) -> None:
        self.change(meeting_id, lambda m: m.remove_section(actor, item_id_of(m, item), heading))

    def place_section_after_decision(
        self, meeting_id: UUID, actor: str, item: ItemRef, heading: str, after: bool
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.place_section_after_decision(actor, item_id_of(m, item), heading, after),
        )

    def edit_item_text(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        field: str,
        text: str,
        base: str | None,
        template: tuple[str, ...] = (),
    ) -> None:
        """Store one text field of the item editor (see domain.meeting.texts), unless
        someone else changed that text since the editor loaded it (base): then the edit is
        refused with the other's text (EditConflict), never written over it."""

        def command(m: Meeting) -> None:
            item_id = item_id_of(m, item)
            current = m.item(item_id)
            expect_unchanged(
                field_texts(current).get(field, ""), base, field_label(field), new=text
            )
            if field == "title":
                m.retitle_item(actor, item_id, text)
            elif field == "case_number":
                m.change_item_fields(actor, item_id, case_number=text)
            elif field == "duration_minutes":
                m.change_item_fields(actor, item_id, duration_minutes=typed_minutes(text))
            elif field in ("rec_by", "rec_points"):
                rec = current.recommendation
                by = text if field == "rec_by" else (rec.by if rec else None)
                points = (
                    [line.strip() for line in text.splitlines() if line.strip()]
                    if field == "rec_points"
                    else (rec.points if rec else ())
                )
                m.draft_recommendation(actor, item_id, by, points)
            elif field == "decision":
                m.record_decision(actor, item_id, text)
            else:
                heading = field.removeprefix(SECTION_PREFIX)
                _write_section(m, actor, item_id, heading, text, template)

        self.change(meeting_id, command)

    def add_attachment(
        self, meeting_id: UUID, actor: str, item: ItemRef, name: str, closed: bool = False
    ) -> None:
        self.change(
            meeting_id, lambda m: m.add_attachment(actor, item_id_of(m, item), name, closed)
        )

    def remove_attachment(self, meeting_id: UUID, actor: str, item: ItemRef, name: str) -> None:
        self.change(meeting_id, lambda m: m.remove_attachment(actor, item_id_of(m, item), name))

    def record_earlier_decision(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        *,
        body: str,
        text: str,
        date: date | None = None,
        number: str | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_earlier_decision(
                actor, item_id_of(m, item), body=body, text=text, date=date, item=number
            ),
        )

    def _before_closing(self, meeting: Meeting) -> int | None:
        """Where a secretary's new item goes: before the standing closing item."""
        forum = self.forum(meeting.state.forum)
        if forum is None:
            return before_closing(meeting.state, (), None)
        return before_closing(meeting.state, forum.state.standing_set, forum.state.standing_last)

    # -- postponed items --------------------------------------------------------------

    def next_meeting(self, meeting_id: UUID) -> UUID:
        """The forum's next meeting after this one that is not yet approved."""
        state = self.get(meeting_id).state
        later = [
            s
            for s in self.summaries()
            if s.forum.casefold() == state.forum.casefold()
            and s.date > state.date
            and s.status != "approved"
        ]
        if not later:
            raise NotFound(
                f"{state.forum} har intet senere møde at udsætte punktet til; opret det først "
                "(chefforum new) eller angiv mødet."
            )
        return min(later, key=lambda s: s.date).id

    def postpone_item(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        reason: str | None = None,
        to: UUID | None = None,
    ) -> tuple[UUID, UUID]:
        """Udsat: the item stays in this meeting under its number, and a copy of it with
        its content goes on the agenda of the forum's next meeting (or `to`), before a
        standing last item, linked both ways. Both meetings are saved in one transaction.
        Returns the ids of the later meeting and of the new item."""
        source = self.get(meeting_id)
        target_id = to if to is not None else self.next_meeting(meeting_id)
        if target_id == meeting_id:
            raise RuleViolation("Et punkt kan ikke udsættes til samme møde.")
        target = self.get(target_id)
        if target.state.date <= source.state.date:
            raise RuleViolation("Et punkt udsættes til et senere møde.")
        item_id = item_id_of(source, item)
        original = source.item(item_id)
        number = source.state.item_numbers()[item_id]
        position = self._before_closing(target)
        new_id = target.add_item(
            actor,
            original.title,
            position=position,
            case_number=original.case_number,
            kind=original.kind,
            duration_minutes=original.duration_minutes,
            closed=original.closed,
        )
        if original.recommendation:
            target.draft_recommendation(
                actor, new_id, original.recommendation.by, original.recommendation.points
            )
        for section in original.sections:
            target.write_section(actor, new_id, section.heading, section.text)
        for earlier in original.earlier_decisions:
            target.record_earlier_decision(
                actor,
                new_id,
                body=earlier.body,
                text=earlier.text,
                date=earlier.date,
                item=earlier.item,
            )
        for attachment in original.attachments:
            target.carry_attachment(actor, new_id, attachment)  # its file too, if kept
        target.carry_in(
            actor,
            new_id,
            ItemLink(
                forum=source.state.forum,
                date=source.state.date,
                number=number,
                meeting_id=source.id,
                item_id=item_id,
            ),
        )
        source.postpone(
            actor,
            item_id,
            reason,
            ItemLink(
                forum=target.state.forum,
                date=target.state.date,
                number=target.state.item_numbers()[new_id],
                meeting_id=target.id,
                item_id=new_id,
            ),
        )
        self._save_both(source, target)
        return target.id, new_id

    def _save_both(self, *meetings: Meeting) -> None:
        for meeting in meetings:
            forum = self.forum(meeting.state.forum)
            if forum is None:
                raise RuleViolation(f"Forummet '{meeting.state.forum}' findes ikke.")
            permissions.check(forum, list(meeting.pending_events))
        self._save(*meetings)

    def mark_postponed(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        reason: str | None,
        carried_to: ItemLink | None,
    ) -> None:
        """Udsat, as a document brought in says, without carrying the item anywhere."""
        self.change(
            meeting_id, lambda m: m.postpone(actor, item_id_of(m, item), reason, carried_to)
        )

    def link_carried_from(
        self, meeting_id: UUID, actor: str, item: ItemRef, carried_from: ItemLink
    ) -> None:
        self.change(meeting_id, lambda m: m.carry_in(actor, item_id_of(m, item), carried_from))
