"""The one-line sentences of a printed referat: a participant, an item's title, a
reference to another meeting's item, a vote, an absence, an earlier decision, a remark
and an attachment."""

from __future__ import annotations

from domain.meeting.state import VOTE_LABELS
from projections.documents import interchange as ix
from projections.documents.referat import CLOSED_MARK
from projections.documents.render.bilag import file_facts
from projections.documents.render.phrases import (
    ABSENCE,
    CLOSED_ATTACHMENT,
    ENTERED_BY,
    ENTERED_VIA_LINK,
    REMARK_LABELS,
    SUBSTITUTE,
)
from projections.documents.render.printed_dates import long_date


def item_ref(ref: ix.ItemRef) -> str:
    """Chefforum d. 20. maj 2026, punkt 3"""
    return f"{ref.forum} d. {long_date(ref.date)}, punkt {ref.number}"


def person(p: ix.Participant) -> str:
    text = f"{p.name} ({p.title})" if p.title else p.name
    reason = ix.given(p.absence_reason, None)
    return f"{text} ({reason})" if reason and p.attendance != "present" else text


def item_title(item: ix.Item) -> str:
    return f"{item.title} {CLOSED_MARK}" if item.closed else item.title


def vote_line(vote: ix.Vote) -> str:
    label = VOTE_LABELS[vote.option]
    who = ", ".join(vote.who)
    if vote.count is None:
        return f"{label}: {who}" if who else f"{label}:"
    return f"{label}: {vote.count} ({who})" if who else f"{label}: {vote.count}"


def absence_line(absence: ix.ItemAbsence) -> str:
    text = ABSENCE + absence.name
    if absence.reason:
        text += f" ({absence.reason})"
    if absence.substitute:
        text += SUBSTITUTE + absence.substitute
    return text


def earlier_line(earlier: ix.EarlierDecision) -> str:
    text = earlier.body
    if earlier.date:
        text += f", {long_date(earlier.date)}"
    if earlier.item:
        text += f", punkt {earlier.item}"
    return f"{text}: {earlier.text}"


def remark_line(r: ix.Remark) -> str:
    label = REMARK_LABELS[ix.given(r.kind, "protokolbemærkning")]
    recorded_by = ix.given(r.recorded_by, None)
    by = f"{r.by}{ENTERED_BY}{recorded_by})" if recorded_by else r.by
    if ix.given(r.via, None) == "link":
        by += ENTERED_VIA_LINK
    return f"{label}{by}: {r.text}"


def attachment_line(a: ix.Attachment) -> str:
    """A Bilag's line: its name, and where the file is kept its kind, pages and size."""
    text = a.name
    facts = file_facts(a)
    if facts:
        text += f" ({facts})"
    return f"{text} {CLOSED_ATTACHMENT}" if a.closed else text
