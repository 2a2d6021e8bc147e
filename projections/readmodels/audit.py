"""The audit trail: who changed what and when, one line per event, with before and after.

Built in one pass over a meeting's events: each event is described against the state
just before it, then applied, so item numbers and old texts are those of that moment.
The read model keeps the entries as rows of rm_audit (audit_row, entry_from_row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from domain.application import Minutes
from domain.errors import NotFound
from domain.meeting.aggregate import Meeting
from domain.meeting.events.decisions import (
    DecisionRecorded,
    ItemAbsenceRecorded,
    MotionsRecorded,
    RemarkAdded,
    RemarkWithdrawn,
    VotesRecorded,
)
from domain.meeting.events.files import (
    AttachmentAdded,
    AttachmentAddedByCorrection,
    AttachmentRemoved,
    AttachmentReplaced,
)
from domain.meeting.events.items import (
    ItemAdded,
    ItemCarriedIn,
    ItemFieldsChanged,
    ItemMoved,
    ItemPostponed,
    ItemRetitled,
    ItemWithdrawn,
)
from domain.meeting.events.meeting import (
    AgendaPublished,
    CaseLabelSet,
    CorrectionAdded,
    DetailsChanged,
    MeetingEnded,
    MeetingFactsChanged,
    MeetingScheduled,
    MeetingStarted,
    MinutesApproved,
)
from domain.meeting.events.participants import (
    AbsenceReasonRecorded,
    AttendanceRecorded,
    ParticipantAdded,
    ParticipantChanged,
    ParticipantRemoved,
)
from domain.meeting.events.texts import (
    EarlierDecisionRecorded,
    RecommendationDrafted,
    RecommendationPlaced,
    SectionPlacedAfterDecision,
    SectionRemoved,
    SectionWritten,
)
from domain.meeting.state import ATTENDANCE_LABELS, VOTE_LABELS, Item, MeetingState
from projections.documents.referat import LOCAL, local
from projections.readmodels.member_audit import MEMBER_DESCRIBERS
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


def _votes(item: Item) -> str:
    votes = item.decision.votes if item.decision else ()
    return "; ".join(
        f"{VOTE_LABELS[v.option]} {v.count if v.count is not None else ''}"
        f"{' (' + ', '.join(v.who) + ')' if v.who else ''}".strip()
        for v in votes
    )


def _recommendation(item: Item) -> str:
    rec = item.recommendation
    if rec is None:
        return ""
    points = "\n".join(f"{n}. {p}" for n, p in enumerate(rec.points, 1))
    return f"{rec.by or ''} indstiller,\n{points}".strip()


def _section(item: Item, heading: str) -> str | None:
    return next((s.text for s in item.sections if s.heading == heading), None)


def _name(state: MeetingState, participant_id: UUID) -> str:
    found = state.find_participant(participant_id)
    return found.name if found is not None else "?"


def _details(state: MeetingState) -> str:
    parts = [state.forum, state.date.isoformat()]
    if state.start:
        parts.append(f"kl. {state.start:%H:%M}" + (f"-{state.end:%H:%M}" if state.end else ""))
    if state.place:
        parts.append(state.place)
    return ", ".join(parts)


# What each kind of event says, from the state just before it: the description's
# predicate, whether it concerns the event's item, and the text it changes. Looked up by
# the event's class in a table (a match over every kind tests them one by one, per event
# of a rebuild); `where` names the item as printed.
Said = tuple[str, bool, str | None]
Describer = Callable[[Any, MeetingState, Item | None, str], Said]


def _withdrawn(event: Any, state: MeetingState, item: Item | None, where: str) -> Said:
    if event.keep_number:
        return f"trak {where} (nummeret beholdes)", True, None
    return f"trak {where} fra dagsordenen", True, None


def _attendance(event: Any, state: MeetingState, item: Item | None, where: str) -> Said:
    name = _name(state, event.participant_id)
    label = ATTENDANCE_LABELS[event.attendance]
    sub = f", stedfortræder for {event.substitute_for}" if event.substitute_for else ""
    return f"noterede {name} som {label}{sub}", False, None


def _postponed(event: Any, state: MeetingState, item: Item | None, where: str) -> Said:
    to = event.carried_to
    dest = f" til {to.forum} {to.date:%d-%m-%Y}, punkt {to.number}" if to else ""
    return f"udsatte {where}{dest}", True, None


def _carried_in(event: Any, state: MeetingState, item: Item | None, where: str) -> Said:
    came = event.carried_from
    return (
        f"førte {where} videre fra {came.forum} {came.date:%d-%m-%Y}, punkt {came.number}",
        True,
        None,
    )


def _approved(event: Any, state: MeetingState, item: Item | None, where: str) -> Said:
    recorded = event.approval.recorded_by
    how = f" (givet på papir, registreret af {recorded})" if recorded else ""
    if event.approval.via == "link":
        how = " (godkendt via personligt link)"
    return f"noterede {event.approval.by}s underskrift på referatet{how}", False, None


_DESCRIBERS: dict[type, Describer] = {
    DetailsChanged: lambda e, s, i, w: ("ændrede mødets oplysninger", False, _details(s)),
    ParticipantAdded: lambda e, s, i, w: (
        f"tilføjede deltageren {e.participant.name}",
        False,
        None,
    ),
    ParticipantChanged: lambda e, s, i, w: (
        f"ændrede deltageren {e.participant.name}",
        False,
        None,
    ),
    ParticipantRemoved: lambda e, s, i, w: (
        f"fjernede deltageren {_name(s, e.participant_id)}",
        False,
        None,
    ),
    AttendanceRecorded: _attendance,
    ItemAdded: lambda e, s, i, w: (f"tilføjede punktet '{e.title}'", True, None),
    ItemRetitled: lambda e, s, i, w: (f"ændrede titlen på {w}", True, i.title if i else None),
    ItemFieldsChanged: lambda e, s, i, w: (
        f"ændrede journalnummer, type, tid eller status på {w}",
        True,
        None,
    ),
    ItemMoved: lambda e, s, i, w: (f"flyttede {w}", True, None),
    ItemWithdrawn: _withdrawn,
    RecommendationDrafted: lambda e, s, i, w: (
        f"skrev Indstilling i {w}",
        True,
        _recommendation(i) if i else None,
    ),
    SectionWritten: lambda e, s, i, w: (
        f"skrev {e.heading} i {w}",
        True,
        _section(i, e.heading) if i else None,
    ),
    SectionRemoved: lambda e, s, i, w: (
        f"fjernede {e.heading} fra {w}",
        True,
        _section(i, e.heading) if i else None,
    ),
    AttachmentAdded: lambda e, s, i, w: (
        f"tilføjede bilaget '{e.attachment.name}' til {w}",
        True,
        None,
    ),
    AttachmentRemoved: lambda e, s, i, w: (f"fjernede bilaget '{e.name}' fra {w}", True, None),
    AttachmentReplaced: lambda e, s, i, w: (
        f"erstattede filen i bilaget '{e.name}' på {w}",
        True,
        None,
    ),
    AttachmentAddedByCorrection: lambda e, s, i, w: (
        f"tilføjede bilaget '{e.attachment.name}' til {w} som rettelse",
        True,
        None,
    ),
    EarlierDecisionRecorded: lambda e, s, i, w: (
        f"noterede en tidligere beslutning fra {e.earlier.body} i {w}",
        True,
        None,
    ),
    AgendaPublished: lambda e, s, i, w: ("udsendte dagsordenen", False, None),
    MeetingStarted: lambda e, s, i, w: ("startede mødet", False, None),
    MeetingEnded: lambda e, s, i, w: ("afsluttede mødet", False, None),
    DecisionRecorded: lambda e, s, i, w: (
        f"skrev Beslutning i {w}",
        True,
        i.decision.text if i and i.decision else "",
    ),
    VotesRecorded: lambda e, s, i, w: (
        f"noterede afstemningen i {w}",
        True,
        _votes(i) if i else None,
    ),
    ItemAbsenceRecorded: lambda e, s, i, w: (
        f"noterede fravær for {e.absence.name} i {w}",
        True,
        None,
    ),
    RemarkAdded: lambda e, s, i, w: (
        f"tilføjede en {e.remark.kind} fra {e.remark.by} i {w}"
        + (" via personligt link" if e.remark.via == "link" else ""),
        True,
        None,
    ),
    ItemPostponed: _postponed,
    ItemCarriedIn: _carried_in,
    MeetingFactsChanged: lambda e, s, i, w: (
        "ændrede mødetype, dokument, bemærkninger eller tidszone",
        False,
        None,
    ),
    AbsenceReasonRecorded: lambda e, s, i, w: (
        f"noterede grunden til {_name(s, e.participant_id)}s fravær: {e.reason or '-'}",
        False,
        None,
    ),
    MotionsRecorded: lambda e, s, i, w: (f"noterede afstemninger om forslag i {w}", True, None),
    RemarkWithdrawn: lambda e, s, i, w: (f"trak {e.by}s bemærkning tilbage i {w}", True, None),
    SectionPlacedAfterDecision: lambda e, s, i, w: (f"flyttede {e.heading} i {w}", True, None),
    RecommendationPlaced: lambda e, s, i, w: (f"flyttede indstillingen i {w}", True, None),
    CaseLabelSet: lambda e, s, i, w: (
        f"satte sagsnummerets etiket til {e.label or '-'}",
        False,
        None,
    ),
    MinutesApproved: _approved,
    **MEMBER_DESCRIBERS,
}
# The text after the change, from the state just after it (the kinds that change one).
_AFTERS: dict[type, Callable[[Any, MeetingState, Item | None], str | None]] = {
    DetailsChanged: lambda e, s, i: _details(s),
    ItemRetitled: lambda e, s, i: e.title,
    RecommendationDrafted: lambda e, s, i: _recommendation(i) if i else None,
    SectionWritten: lambda e, s, i: e.text,
    SectionRemoved: lambda e, s, i: "",
    DecisionRecorded: lambda e, s, i: e.text,
    VotesRecorded: lambda e, s, i: _votes(i) if i else None,
}
# By the exact class of the events met (a stored event may be of a subclass).
_KINDS: dict[
    type, tuple[Describer | None, Callable[[Any, MeetingState, Item | None], str | None] | None]
] = {}


def _kind(cls: type) -> tuple[Describer | None, Callable[..., str | None] | None]:
    found = _KINDS.get(cls)
    if found is None:
        base = next((c for c in cls.__mro__ if c in _DESCRIBERS or c in _AFTERS), None)
        found = _KINDS[cls] = (_DESCRIBERS.get(base), _AFTERS.get(base))  # type: ignore[arg-type]
    return found


def describe(event: Any, state: MeetingState | None) -> tuple[str, UUID | None, str | None]:
    """The description's predicate, the item it concerns, and the text it changes."""
    item_id: UUID | None = getattr(event, "item_id", None)
    if isinstance(event, MeetingScheduled):
        return f"oprettede mødet {event.forum} {event.date:%d-%m-%Y}", None, None
    assert state is not None
    if isinstance(event, CorrectionAdded):
        cid = event.correction.item_id
        target = f"Punkt {state.number_of(cid)}" if cid else "mødet"
        return f"tilføjede en rettelse til {target}: {event.correction.reason}", cid, None
    describer = _kind(type(event))[0]
    if describer is None:
        return f"registrerede {type(event).__name__}", item_id, None
    item = state.find_item(item_id)
    number = state.number_of(item_id) if item_id else None
    predicate, concerns_item, before = describer(
        event, state, item, f"Punkt {number}" if number else "et trukket punkt"
    )
    return predicate, item_id if concerns_item else None, before


def _after(event: Any, state: MeetingState, item_id: UUID | None) -> str | None:
    after = _kind(type(event))[1]
    return after(event, state, state.find_item(item_id)) if after is not None else None


def step(meeting: Meeting | None, event: Any) -> tuple[Meeting, Entry]:
    """Apply one event to the meeting (None before its first) and describe it."""
    state = meeting.state if meeting is not None else None
    predicate, item_id, before = describe(event, state)
    number = state.number_of(item_id) if state is not None else None
    meeting = event.mutate(meeting)
    assert meeting is not None
    after = _after(event, meeting.state, item_id)
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


def parse_moment(text: str, *, end: bool = False) -> datetime:
    """A local moment as typed: 2026-05-20T10:15, '2026-05-20 10:15' or 2026-05-20.

    With `end`, the last instant of what was typed (the day, minute or second), so that
    a time copied from the log includes the changes made in that second.
    """
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise NotFound(f"'{text}' er ikke et tidspunkt som 2026-05-20T10:15.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    if end and moment.microsecond == 0:
        step = {10: timedelta(days=1), 16: timedelta(minutes=1)}.get(
            len(text), timedelta(seconds=1)
        )
        moment += step - timedelta(microseconds=1)
    return moment


def position_at(minutes: Minutes, meeting_id: UUID, at: str) -> int:
    """A position in the meeting's log, given as a number or as a moment (the last
    change made at or before it)."""
    latest = minutes.get(meeting_id).version
    if at.strip().isdigit():
        position = int(at)
        if not 1 <= position <= latest:
            raise NotFound(f"Mødets log har positionerne 1-{latest}, ikke {position}.")
        return position
    moment = parse_moment(at, end=True)
    position = 0
    history: Iterable[Any] = minutes.events.get(meeting_id)
    for event in history:
        if event.timestamp > moment:
            break
        position = event.originator_version
    if position == 0:
        raise NotFound(f"Mødet fandtes endnu ikke {moment:%d-%m-%Y kl. %H:%M}.")
    return position


def last_approval(minutes: Minutes, meeting_id: UUID) -> int | None:
    """The position of the latest signature, if the minutes have been approved."""
    found = None
    for event in minutes.events.get(meeting_id):
        if isinstance(event, MinutesApproved):
            found = event.originator_version
    return found
