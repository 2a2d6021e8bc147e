"""Dissent on an item: a member's or party group's protokolbemærkning or
mindretalsudtalelse, and taking one back before approval.

A part of the Meeting aggregate (domain.meeting.part); who may write whose remark is
domain.permissions'.
"""

from __future__ import annotations

from uuid import UUID

from domain.errors import RuleViolation
from domain.meeting.events.decisions import RemarkAdded, RemarkWithdrawn
from domain.meeting.part import MeetingPart
from domain.meeting.state import REMARK_KINDS, Remark
from domain.text import nfc_opt, one_of, required


class Remarks(MeetingPart):
    def add_statement(
        self,
        actor: str,
        item_id: UUID,
        by: str,
        text: str,
        kind: str,
        recorded_by: str | None,
        via: str | None = None,
    ) -> None:
        """A member's or party group's protokolbemærkning or mindretalsudtalelse; entered
        by a secretary on their behalf, recorded_by says so (domain.permissions checks
        who may)."""
        self._check_editable()
        self._active_item(item_id)
        one_of(kind, REMARK_KINDS, "bemærkningstype")
        by = required(by, "Hvem bemærkningen er fra")
        remark = Remark(
            by=by,
            text=required(text, "Bemærkningen", multiline=True),
            kind=kind,  # type: ignore[arg-type]
            recorded_by=nfc_opt(recorded_by),
            via=via,
        )
        self.trigger_event(RemarkAdded, actor=actor, item_id=item_id, remark=remark)

    def withdraw_remark(self, actor: str, item_id: UUID, position: int) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        if not 0 <= position < len(item.remarks):
            raise RuleViolation(f"Punktet har ingen bemærkning nr. {position + 1}.")
        self.trigger_event(
            RemarkWithdrawn,
            actor=actor,
            item_id=item_id,
            position=position,
            by=item.remarks[position].by,
        )
