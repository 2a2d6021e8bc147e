"""How the audit trail tells each kind of event: the description's predicate, the item it
concerns, and the text it changes, before and after (described against the state just
before the event, the text after from the state just after it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

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
from projections.readmodels.member_audit import MEMBER_DESCRIBERS


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


def text_after(event: Any, state: MeetingState, item_id: UUID | None) -> str | None:
    after = _kind(type(event))[1]
    return after(event, state, state.find_item(item_id)) if after is not None else None
