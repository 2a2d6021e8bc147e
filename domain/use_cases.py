"""The things a user does, one method each: the UI, the CLI and the importer call these and
never the aggregate. Each loads the meeting, runs its command, and saves what it recorded
(see Minutes.change: retried on a concurrent save, or gathered into a unit of work).

An item is named by its id or by its printed number ("3", "159").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from domain.errors import InvalidInput
from domain.meeting.aggregate import Meeting, expect_unchanged
from domain.meeting.corrections import header_correction
from domain.meeting.state import MeetingState, Vote
from domain.meeting.texts import SECTION_PREFIX, field_label, field_texts, section_position
from domain.text import MINUTES_LIMIT

T = TypeVar("T")
ItemRef = UUID | str
Digest = Callable[[MeetingState], str]


def _item_id(meeting: Meeting, ref: ItemRef) -> UUID:
    return ref if isinstance(ref, UUID) else meeting.item_by_number(ref).id


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


def _minutes(text: str) -> int | None:
    """The time set aside as typed: blank is none; anything but whole minutes is refused."""
    digits = text.strip()
    if not digits:
        return None
    if not (digits.isascii() and digits.isdigit()) or len(digits.lstrip("0")) > len(
        str(MINUTES_LIMIT)
    ):
        raise InvalidInput(
            f"Tidsforbruget skal være et helt antal minutter fra 0 til {MINUTES_LIMIT}."
        )
    return int(digits)


class MeetingUseCases:
    """Mixed into Minutes (domain.application), which provides change()."""

    if TYPE_CHECKING:

        def get(self, meeting_id: UUID, version: int | None = None) -> Meeting: ...

        def change(self, meeting_id: UUID, command: Callable[[Meeting], T]) -> T: ...

    def item_id(self, meeting_id: UUID, item: ItemRef) -> UUID:
        """The id of an item named by its printed number (or id) as the meeting stands."""
        return _item_id(self.get(meeting_id), item)

    # -- the meeting as a whole ---------------------------------------------------------

    def change_details(self, meeting_id: UUID, actor: str, **details: Any) -> None:
        """Forum, date, organisation, start, end, place, first number; `clear` empties."""
        self.change(meeting_id, lambda m: m.change_details(actor, **details))

    def publish_agenda(self, meeting_id: UUID, actor: str) -> None:
        self.change(meeting_id, lambda m: m.publish_agenda(actor))

    def start_meeting(self, meeting_id: UUID, actor: str, at: time | None = None) -> None:
        self.change(meeting_id, lambda m: m.start(actor, at))

    def end_meeting(self, meeting_id: UUID, actor: str, at: time | None = None) -> None:
        self.change(meeting_id, lambda m: m.end(actor, at))

    def end_meeting_now(self, meeting_id: UUID, actor: str, now: time) -> None:
        """End the meeting at the clock's time; a clock not past the recorded start (a
        meeting kept after the fact) records no end time rather than a wrong one."""

        def end(m: Meeting) -> None:
            start = m.state.start
            m.end(actor, now if start is None or now > start else None)

        self.change(meeting_id, end)

    # -- participants -------------------------------------------------------------------

    def add_participant(self, meeting_id: UUID, actor: str, name: str, **details: Any) -> UUID:
        """Title, party, role, attendance and substitute_for may be given."""
        return self.change(meeting_id, lambda m: m.add_participant(actor, name, **details))

    def change_participant(
        self, meeting_id: UUID, actor: str, participant_id: UUID, **details: Any
    ) -> None:
        self.change(meeting_id, lambda m: m.change_participant(actor, participant_id, **details))

    def edit_participant(
        self,
        meeting_id: UUID,
        actor: str,
        participant_id: UUID,
        *,
        name: str,
        title: str | None,
        party: str | None,
        role: str,
        attendance: str,
        substitute_for: str | None = None,
    ) -> None:
        """Change a participant's details and attendance together, in one save."""

        def edit(m: Meeting) -> None:
            m.change_participant(
                actor, participant_id, name=name, title=title, party=party, role=role
            )
            m.record_attendance(actor, participant_id, attendance, substitute_for)

        self.change(meeting_id, edit)

    def remove_participant(self, meeting_id: UUID, actor: str, participant_id: UUID) -> None:
        self.change(meeting_id, lambda m: m.remove_participant(actor, participant_id))

    def record_attendance(
        self,
        meeting_id: UUID,
        actor: str,
        participant_id: UUID,
        attendance: str,
        substitute_for: str | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_attendance(actor, participant_id, attendance, substitute_for),
        )

    # -- the agenda ---------------------------------------------------------------------

    def add_item(self, meeting_id: UUID, actor: str, title: str, **details: Any) -> UUID:
        """Position, number, case_number, kind, duration_minutes, closed, supplementary."""
        return self.change(meeting_id, lambda m: m.add_item(actor, title, **details))

    def retitle_item(self, meeting_id: UUID, actor: str, item: ItemRef, title: str) -> None:
        self.change(meeting_id, lambda m: m.retitle_item(actor, _item_id(m, item), title))

    def change_item_fields(
        self, meeting_id: UUID, actor: str, item: ItemRef, **fields: Any
    ) -> None:
        """Number, case_number, kind, duration_minutes, closed, supplementary."""
        self.change(meeting_id, lambda m: m.change_item_fields(actor, _item_id(m, item), **fields))

    def move_item(self, meeting_id: UUID, actor: str, item: ItemRef, position: int) -> None:
        self.change(meeting_id, lambda m: m.move_item(actor, _item_id(m, item), position))

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
            lambda m: m.withdraw_item(actor, _item_id(m, item), reason, keep_number),
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
            lambda m: m.draft_recommendation(actor, _item_id(m, item), by, points),
        )

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
            lambda m: _write_section(m, actor, _item_id(m, item), heading, text, template),
        )

    def place_section(
        self, meeting_id: UUID, actor: str, item: ItemRef, heading: str, text: str, position: int
    ) -> None:
        """Write a section at a given place among the item's sections, as a document
        brought in has it: an empty text is written as such, not removed."""
        self.change(
            meeting_id,
            lambda m: m.write_section(actor, _item_id(m, item), heading, text, position=position),
        )

    def remove_section(self, meeting_id: UUID, actor: str, item: ItemRef, heading: str) -> None:
        self.change(meeting_id, lambda m: m.remove_section(actor, _item_id(m, item), heading))

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
            item_id = _item_id(m, item)
            current = m.item(item_id)
            expect_unchanged(
                field_texts(current).get(field, ""), base, field_label(field), new=text
            )
            if field == "title":
                m.retitle_item(actor, item_id, text)
            elif field == "case_number":
                m.change_item_fields(actor, item_id, case_number=text)
            elif field == "duration_minutes":
                m.change_item_fields(actor, item_id, duration_minutes=_minutes(text))
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
        self.change(meeting_id, lambda m: m.add_attachment(actor, _item_id(m, item), name, closed))

    def remove_attachment(self, meeting_id: UUID, actor: str, item: ItemRef, name: str) -> None:
        self.change(meeting_id, lambda m: m.remove_attachment(actor, _item_id(m, item), name))

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
                actor, _item_id(m, item), body=body, text=text, date=date, item=number
            ),
        )

    # -- what the meeting decided ---------------------------------------------------------

    def record_decision(self, meeting_id: UUID, actor: str, item: ItemRef, text: str) -> None:
        self.change(meeting_id, lambda m: m.record_decision(actor, _item_id(m, item), text))

    def record_votes(
        self, meeting_id: UUID, actor: str, item: ItemRef, votes: Sequence[Vote]
    ) -> None:
        self.change(meeting_id, lambda m: m.record_votes(actor, _item_id(m, item), votes))

    def record_item_absence(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        name: str,
        reason: str | None = None,
        substitute: str | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.record_item_absence(actor, _item_id(m, item), name, reason, substitute),
        )

    def add_remark(self, meeting_id: UUID, actor: str, item: ItemRef, by: str, text: str) -> None:
        self.change(meeting_id, lambda m: m.add_remark(actor, _item_id(m, item), by, text))

    # -- approval and corrections ---------------------------------------------------------

    def sign_minutes(
        self,
        meeting_id: UUID,
        actor: str,
        by: str,
        digest: Digest,
        reservation: str | None = None,
        at: datetime | None = None,
        transcribed: bool = False,
        recorded_by: str | None = None,
        via: str | None = None,
    ) -> None:
        """One member signs the referat as it stands (`digest` renders and hashes it: the
        domain does not know the document); the first signature locks the minutes. The
        chair or a secretary may record a member's signature given on paper: the minutes
        then say who recorded it."""
        self.change(
            meeting_id,
            lambda m: m.approve(
                actor,
                by,
                reservation,
                at=at,
                digest=digest(m.state),
                transcribed=transcribed,
                recorded_by=recorded_by,
                via=via,
            ),
        )

    def correct_header(
        self,
        meeting_id: UUID,
        actor: str,
        *,
        reason: str,
        start: time | None = None,
        end: time | None = None,
        place: str | None = None,
        attendance: Mapping[str, str] | None = None,
    ) -> None:
        """After approval: a correction to the meeting as a whole that says which time,
        place or attendance was wrong and what is right (the header itself stays)."""

        def command(m: Meeting) -> None:
            text = header_correction(
                m.state, start=start, end=end, place=place, attendance=attendance
            )
            m.add_correction(actor, reason=reason, text=text)

        self.change(meeting_id, command)

    def add_correction(
        self,
        meeting_id: UUID,
        actor: str,
        *,
        reason: str,
        text: str,
        item: ItemRef | None = None,
        by: str | None = None,
        at: datetime | None = None,
    ) -> None:
        self.change(
            meeting_id,
            lambda m: m.add_correction(
                actor,
                reason=reason,
                text=text,
                item_id=_item_id(m, item) if item is not None else None,
                by=by,
                at=at,
            ),
        )
