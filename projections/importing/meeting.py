"""The reconciliation of a meeting: its details, participants and agenda, whether it was
held, and each part in turn (items.py, records.py)."""

from __future__ import annotations

from uuid import UUID

from domain.clock import DEFAULT_ZONE
from domain.meeting.aggregate import Meeting
from domain.meeting.state import Item, Participant
from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.importing.base import at_path, optional_time
from projections.importing.items import ItemsReconciliation
from projections.importing.records import RecordsReconciliation


def _stored_participant(meeting: Meeting, name: str) -> Participant | None:
    wanted = nfc(name).strip()
    return next((p for p in meeting.state.participants if p.name == wanted), None)


class Reconciliation(ItemsReconciliation, RecordsReconciliation):
    """One document brought into one meeting: each part compared, each difference recorded
    by the use case a user would have called (read back from the meeting in between)."""

    def run(self, m: ix.Meeting) -> None:
        with at_path("meeting"):
            self.minutes.change_details(
                self.id,
                self.actor,
                forum=m.forum,
                date=m.date,
                organisation=m.organisation,
                start=optional_time(m.start),
                end=optional_time(m.end),
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


def _held(m: ix.Meeting) -> bool:
    return bool(m.approvals) or any(
        item.decision or item.remarks or item.absent for item in m.items
    )
