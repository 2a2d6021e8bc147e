"""Use cases of what the meeting decided on an item: the decision, votes and votes on
motions (with warnings to confirm), absences from the item, and dissent
(protokolbemærkning, mindretalsudtalelse)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from domain.cases.base import ItemRef, UseCases, item_id_of
from domain.errors import NotFound, RuleViolation
from domain.meeting.aggregate import Meeting
from domain.meeting.decisions import absence_warnings, motion_warnings
from domain.meeting.rules import not_a_speaker
from domain.meeting.state import Motion, Vote
from domain.text import line


class OutcomeCases(UseCases):
    def record_decision(self, meeting_id: UUID, actor: str, item: ItemRef, text: str) -> None:
        self.change(meeting_id, lambda m: m.record_decision(actor, item_id_of(m, item), text))

    def record_votes(
        self, meeting_id: UUID, actor: str, item: ItemRef, votes: Sequence[Vote]
    ) -> None:
        self.change(meeting_id, lambda m: m.record_votes(actor, item_id_of(m, item), votes))

    def record_motions(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        motions: Sequence[Motion],
        confirm: bool = False,
    ) -> list[str]:
        """Record the votes on an item's motions. The counts are checked against the
        members present: what does not add up is returned as warnings, and nothing is
        recorded unless `confirm` (the caller asks the user and calls again)."""
        meeting = self.get(meeting_id)
        item_id = item_id_of(meeting, item)
        warnings = motion_warnings(meeting.state, meeting.item(item_id), motions)
        if warnings and not confirm:
            return warnings
        self.change(meeting_id, lambda m: m.record_motions(actor, item_id, motions))
        return warnings

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
            lambda m: m.record_item_absence(actor, item_id_of(m, item), name, reason, substitute),
        )

    def record_member_absence(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        name: str,
        reason: str | None = None,
        substitute: str | None = None,
        transcribed: bool = False,
        confirm: bool = False,
    ) -> list[str]:
        """An absence from one item, also of a forum member who is not a participant (and,
        transcribed from a document, of anyone the document names). Someone recorded as
        voting on the item is returned as a warning, and nothing is recorded unless
        `confirm` (or transcribed: the document says what it says)."""
        meeting = self.get(meeting_id)
        item_id = item_id_of(meeting, item)
        warnings = absence_warnings(meeting.item(item_id), line(name, "Navnet"))
        if warnings and not (confirm or transcribed):
            return warnings
        forum = self.forum(meeting.state.forum)
        known = forum.member_names() if forum is not None else ()
        if transcribed:
            known = (*known, name)
        self.change(
            meeting_id,
            lambda m: m.record_item_absence(actor, item_id, name, reason, substitute, known=known),
        )
        return warnings

    # -- dissent ----------------------------------------------------------------------

    def add_statement(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        by: str,
        text: str,
        kind: str = "protokolbemærkning",
        transcribed: bool = False,
        recorded_by: str | None = None,
        via: str | None = None,
    ) -> None:
        """A protokolbemærkning or mindretalsudtalelse of a member or party group, entered
        by themselves or by a secretary on their behalf (the minutes then say so);
        transcribed from a document, it keeps whom the document names as recorder."""
        if not transcribed:
            recorded_by = actor if actor != by else None
            self._check_speaker(meeting_id, by)
        self.change(
            meeting_id,
            lambda m: m.add_statement(actor, item_id_of(m, item), by, text, kind, recorded_by, via),
        )

    def _check_speaker(self, meeting_id: UUID, by: str) -> None:
        """Dissent is a participant's, a forum member's, or a party group's of either."""
        state = self.get(meeting_id).state
        forum = self.forum(state.forum)
        members = forum.state.members if forum is not None else []
        known = {p.name for p in state.participants} | {m.name for m in members}
        parties = {p.party for p in state.participants if p.party} | {
            m.party for m in members if m.party
        }
        if by.strip() not in known | parties:
            raise RuleViolation(not_a_speaker(state.forum, by))

    def withdraw_statement(
        self, meeting_id: UUID, actor: str, item: ItemRef, by: str, text: str | None = None
    ) -> None:
        """Take back a member's (last, or the one with `text`) remark before approval."""

        def command(m: Meeting) -> None:
            item_id = item_id_of(m, item)
            remarks = m.item(item_id).remarks
            matches = [
                i for i, r in enumerate(remarks) if r.by == by and (text is None or r.text == text)
            ]
            if not matches:
                raise NotFound(f"{by} har ingen bemærkning på punktet.")
            m.withdraw_remark(actor, item_id, matches[-1])

        self.change(meeting_id, command)
