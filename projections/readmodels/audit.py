"""The audit trail: who changed what and when, one line per event, with before and after.

Built in one pass over a meeting's events: each event is described against the state
just before it, then applied, so item numbers and old texts are those of that moment.
The read model keeps the entries as rows of rm_audit (audit_row, entry_from_row). What
each kind of event says is in audit_descriptions; positions in the log in audit_positions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.meeting.aggregate import Meeting
from projections.documents.referat import local
from projections.readmodels.audit_descriptions import describe, text_after
from projections.readmodels.view import AuditRow, Row


@dataclass(frozen=True)
class Entry:
    meeting_id: UUID
    position: int  # the meeting's own version: 1 for its first change
    at: datetime  # local time
    actor: str
    kind: str
    description: str
    item_id: UUID | None = None
    item_number: str | None = None
    before: str | None = None
    after: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "meeting": str(self.meeting_id),
            "position": self.position,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "event": self.kind,
            "description": self.description,
            "item": self.item_number,
            "before": self.before,
            "after": self.after,
        }


# A `before` that an earlier row of the same meeting holds as its `after` (the text a
# section or decision had until this change) is stored as a reference to that row:
# REFERENCE and the row's position. Stored text never holds a control character (the
# domain refuses them), so the mark is no text; texts up to SHORT characters stay as
# they are. This keeps the audit read model smaller than the events it describes.
REFERENCE = "\x1f@"
SHORT = 24


def audit_row(e: Entry, afters: dict[str, int] | None = None) -> AuditRow:
    """The entry as a row of rm_audit. `afters`: the position of the latest earlier row of
    the meeting with each `after` text (None: unknown, the texts are stored in full);
    updated with this entry's."""
    before = e.before
    if afters is not None:
        if before is not None and len(before) > SHORT and before in afters:
            before = f"{REFERENCE}{afters[before]}"
        if e.after is not None and len(e.after) > SHORT:
            afters[e.after] = e.position
    return (
        e.meeting_id.hex,
        e.position,
        e.at.isoformat(),
        e.actor,
        e.kind,
        e.description,
        e.item_id.hex if e.item_id else None,
        e.item_number,
        before,
        e.after,
    )


def entry_from_row(row: Row, afters: dict[tuple[str, int], str | None] | None = None) -> Entry:
    """The entry a row of rm_audit holds; `afters` holds the `after` of the rows a `before`
    may refer to, by (meeting id hex, position)."""
    before = row["before"]
    if before is not None and before.startswith(REFERENCE) and afters is not None:
        before = afters.get((row["meeting_id"], int(before[len(REFERENCE) :])))
    return Entry(
        meeting_id=UUID(row["meeting_id"]),
        position=row["position"],
        at=datetime.fromisoformat(row["at"]),
        actor=row["actor"],
        kind=row["kind"],
        description=row["description"],
        item_id=UUID(row["item_id"]) if row["item_id"] else None,
        item_number=row["item_number"],
        before=before,
        after=row["after"],
    )


def step(meeting: Meeting | None, event: Any) -> tuple[Meeting, Entry]:
    """Apply one event to the meeting (None before its first) and describe it."""
    state = meeting.state if meeting is not None else None
    predicate, item_id, before = describe(event, state)
    number = state.number_of(item_id) if state is not None else None
    meeting = event.mutate(meeting)
    assert meeting is not None
    after = text_after(event, meeting.state, item_id)
    if number is None and item_id:
        number = meeting.state.number_of(item_id)
    entry = Entry(
        meeting_id=meeting.id,
        position=event.originator_version,
        at=local(event.timestamp),
        actor=event.actor,
        kind=type(event).TOPIC.removeprefix("chefforum:"),
        description=f"{event.actor} {predicate}",
        item_id=item_id,
        item_number=number,
        before=before if after is not None else None,
        after=after,
    )
    return meeting, entry


def entries(history: Iterable[Any]) -> list[Entry]:
    """One entry per event of one meeting, oldest first."""
    result: list[Entry] = []
    meeting: Meeting | None = None
    for event in history:
        meeting, entry = step(meeting, event)
        result.append(entry)
    return result
