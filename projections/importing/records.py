"""The reconciliation of what is recorded after the meeting: the signatures and the
corrections, which an import only adds to."""

from __future__ import annotations

from uuid import UUID

from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError, DocumentRefused
from projections.documents.referat import digest, printed_numbers
from projections.importing.base import Reconciling, append_only, at_path


class RecordsReconciliation(Reconciling):
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
        append_only(list(state.corrections), list(m.corrections), "meeting.corrections")
