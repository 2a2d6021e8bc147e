"""What a printed referat says and in which order, as blocks the renderers lay out.

The text, Markdown and HTML renderers all work from these blocks, so the three formats
cannot drift apart, and the Markdown importer reads back exactly the phrases they print
(phrases.py; dates as printed_dates.py words them, one-line sentences in printed_lines.py).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import groupby

from projections.documents import interchange as ix
from projections.documents.referat import printed_numbers
from projections.documents.render.phrases import (
    AGENDA,
    APPROVED_BY,
    APPROVED_VIA_LINK,
    ATTENDANCE_FIELDS,
    CARRIED_FROM,
    CORRECTED_BY,
    CORRECTION_OF_ALL,
    CORRECTION_OF_ITEM,
    DOCUMENT_TITLES,
    DRAFT_MARK,
    F_DATE,
    F_KIND,
    F_ORGANISATION,
    F_PARTIES,
    F_PLACE,
    F_REMARKS,
    H_APPROVALS,
    H_ATTACHMENTS,
    H_CASE,
    H_CORRECTIONS,
    H_DECISION,
    H_EARLIER,
    H_RECOMMENDATION,
    H_TOC,
    KIND_LABELS,
    MEETING_KIND_LABELS,
    MOTION,
    MOTION_BY,
    NOBODY_RECOMMENDS,
    POSTPONED,
    POSTPONED_TO,
    REASON,
    RECOMMENDS,
    RECORDED_BY,
    RESERVATION,
    RESULT_LABELS,
    ROLE_FIELDS,
    SUPPLEMENTARY,
    WITHDRAWN,
)
from projections.documents.render.printed_dates import meeting_when, moment, short_date
from projections.documents.render.printed_lines import (
    absence_line,
    attachment_line,
    earlier_line,
    item_ref,
    item_title,
    person,
    remark_line,
    vote_line,
)

# -- the blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Draft:
    """The draft mark under the title (DRAFT_MARK)."""

    text: str = DRAFT_MARK


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3


@dataclass(frozen=True)
class ItemHeading:
    """Where item number `index` (0-based, in agenda order) starts."""

    index: int
    text: str


@dataclass(frozen=True)
class Toc:
    """(number, title) per item, in agenda order; renderers add the page or a link."""

    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Para:
    """One paragraph written by the program (a vote, a signature, a case number)."""

    text: str


@dataclass(frozen=True)
class Note:
    """An emphasised line: the time set aside, the kind of item."""

    text: str


@dataclass(frozen=True)
class Numbered:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Body:
    """Free text as written: paragraphs split by a blank line, "- " and "1. " list lines."""

    text: str


Block = Title | Draft | Field | Heading | ItemHeading | Toc | Para | Note | Numbered | Body


# -- free text ------------------------------------------------------------------------

_LIST_LINE = re.compile(r"^\s*(- |(\d+)\. )(.*)$")


@dataclass(frozen=True)
class TextBlock:
    """One block of a Body's free text: a paragraph ("p", its lines stripped) or a list
    ("ul", "ol": the text of each item), with an "ol"'s first number as written."""

    kind: str
    lines: tuple[str, ...]
    start: str | None = None


def _line_kind(line: str) -> str:
    match = _LIST_LINE.match(line)
    return ("ol" if match.group(2) else "ul") if match else "p"


def text_blocks(text: str) -> list[TextBlock]:
    """Paragraphs of free text; runs of "- " and "1. " lines become lists."""
    out: list[TextBlock] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        for kind, run in groupby(paragraph.split("\n"), key=_line_kind):
            lines = list(run)
            if kind == "p":
                out.append(TextBlock("p", tuple(line.strip() for line in lines)))
                continue
            matches = [m for m in map(_LIST_LINE.match, lines) if m]
            out.append(TextBlock(kind, tuple(m.group(3) for m in matches), matches[0].group(2)))
    return out


def title_line(m: ix.Meeting, agenda: bool) -> str:
    kind = DOCUMENT_TITLES[ix.given(m.document, "referat")]
    return f"{AGENDA if agenda else kind} {m.forum} d. {short_date(m.date)}"


def header(m: ix.Meeting) -> list[Block]:
    out: list[Block] = []
    if m.organisation:
        out.append(Field(F_ORGANISATION, m.organisation))
    out.append(Field(F_DATE, meeting_when(m)))
    if m.place:
        out.append(Field(F_PLACE, m.place))
    kind = ix.given(m.kind, "ordinært")
    if kind != "ordinært":
        out.append(Field(F_KIND, MEETING_KIND_LABELS[kind]))
    for attendance, label in ATTENDANCE_FIELDS.items():
        people = [person(p) for p in m.participants if p.attendance == attendance]
        if people:
            out.append(Field(label, ", ".join(people)))
    for role, label in ROLE_FIELDS.items():
        people = [
            f"{p.name} (for {p.substitute_for})"
            if role == "substitute" and p.substitute_for
            else p.name
            for p in m.participants
            if p.role == role
        ]
        if people:
            out.append(Field(label, ", ".join(people)))
    parties = [f"{p.name} ({p.party})" for p in m.participants if p.party]
    if parties:
        out.append(Field(F_PARTIES, ", ".join(parties)))
    remarks = ix.given(m.remarks, None)
    if remarks:
        out.append(Field(F_REMARKS, remarks))
    return out


def motion_blocks(motion: ix.Motion) -> list[Block]:
    """One vote on a motion: what was put to the vote, the votes, the result."""
    text = f"{MOTION}{MOTION_BY}{motion.by}: {motion.text}" if motion.by else MOTION + motion.text
    lines = [text, *(vote_line(v) for v in motion.votes)]
    if motion.result:
        lines.append(RESULT_LABELS[motion.result])
    return [Para("\n".join(lines))]


def status_blocks(item: ix.Item) -> list[Block]:
    """Under Beslutning: a postponed item says so, why and where it went; a withdrawn one
    that it was withdrawn and why."""
    status = ix.given(item.status, "behandlet")
    reason = ix.given(item.status_reason, None)
    if status == "udsat":
        out: list[Block] = [Para(f"{POSTPONED}: {reason}" if reason else f"{POSTPONED}.")]
        carried_to = ix.given(item.carried_to, None)
        if carried_to:
            out.append(Para(f"{POSTPONED_TO}{item_ref(carried_to)}."))
        return out
    if status == "trukket":
        return [Para(f"{WITHDRAWN}: {reason}" if reason else f"{WITHDRAWN}.")]
    return []


def item_blocks(
    index: int, number: str, item: ix.Item, case_label: str | None = None
) -> list[Block]:
    out: list[Block] = [ItemHeading(index, f"Punkt {number}: {item_title(item)}")]
    carried_from = ix.given(item.carried_from, None)
    if carried_from:
        out.append(Note(f"{CARRIED_FROM}{item_ref(carried_from)}"))
    if item.case_number:
        out.append(Para(f"{case_label}: {item.case_number}" if case_label else item.case_number))
    meta = [KIND_LABELS[item.kind]] if item.kind else []
    if item.supplementary:
        meta.append(SUPPLEMENTARY if meta else SUPPLEMENTARY.capitalize())
    if meta:
        out.append(Note(", ".join(meta)))
    duration = (
        Note(f"({item.duration_minutes} min.)") if item.duration_minutes is not None else None
    )
    # The time set aside is printed under Sagsfremstilling, as the forms do; without one,
    # right under the case number.
    if duration and all(s.heading != H_CASE for s in item.sections):
        out.append(duration)
    rec = item.recommendation
    after = [s for s in item.sections if ix.given(s.after_decision, False)]
    before = [s for s in item.sections if s not in after]
    # The Indstilling prints first, or after as many sections as the forum prints first.
    at = ix.given(item.recommendation_at, 0) if rec else 0
    for section in before[:at]:
        out.extend(section_blocks(section, duration))
    if rec:
        out.append(Heading(H_RECOMMENDATION))
        out.append(Para(f"{rec.by}{RECOMMENDS}" if rec.by else NOBODY_RECOMMENDS))
        if rec.points:
            out.append(Numbered(tuple(rec.points)))
    for section in before[at:]:
        out.extend(section_blocks(section, duration))
    if item.earlier_decisions:
        out.append(Heading(H_EARLIER))
        out.extend(Para(earlier_line(e)) for e in item.earlier_decisions)
    status = status_blocks(item)
    if item.decision or item.remarks or item.absent or status:
        out.append(Heading(H_DECISION))
        out.extend(status)
        if item.decision and item.decision.text:
            out.append(Body(item.decision.text))
        if item.decision:
            out.extend(Para(vote_line(v)) for v in item.decision.votes)
            for motion in ix.given(item.decision.motions, []):
                out.extend(motion_blocks(motion))
        out.extend(Para(remark_line(r)) for r in item.remarks)
        out.extend(Para(absence_line(a)) for a in item.absent)
    for section in after:
        out.extend(section_blocks(section, None))
    if item.attachments:
        out.append(Heading(H_ATTACHMENTS))
        out.extend(Para(attachment_line(a)) for a in item.attachments)
    return out


# The store's checkpoint at the last signature ("position:head", projections/store/
# checkpoints.py), printed under the signatures of an export from a store; set by
# export.render, never part of the document itself (the Markdown reader skips the line).
CHECKSUM: ContextVar[str | None] = ContextVar("chefforum_checksum", default=None)
CHECKSUM_LABEL = "Kontrolsum: "


def checksum_line(m: ix.Meeting) -> list[Block]:
    value = CHECKSUM.get()
    return [Para(f"{CHECKSUM_LABEL}{value}")] if value and m.approvals else []


def section_blocks(section: ix.Section, duration: Note | None) -> list[Block]:
    out: list[Block] = [Heading(section.heading)]
    if duration and section.heading == H_CASE:
        out.append(duration)
    if section.text:
        out.append(Body(section.text))
    return out


def closing(m: ix.Meeting) -> list[Block]:
    out: list[Block] = []
    zone_name = ix.given(m.time_zone, None)
    if m.approvals:
        out.append(Heading(H_APPROVALS, 2))
        for a in m.approvals:
            text = f"{APPROVED_BY}{a.by} d. {moment(a.at, zone_name)}"
            if a.recorded_by:
                text += f"{RECORDED_BY}{a.recorded_by})"
            if ix.given(a.via, None) == "link":
                text += APPROVED_VIA_LINK
            out.append(Para(text + RESERVATION + a.reservation if a.reservation else text))
        out.extend(checksum_line(m))
    if m.corrections:
        out.append(Heading(H_CORRECTIONS, 2))
        for c in m.corrections:
            out.append(Heading(CORRECTION_OF_ITEM + c.item if c.item else CORRECTION_OF_ALL))
            out.append(Para(f"{CORRECTED_BY}{c.by} d. {moment(c.at, zone_name)}"))
            out.append(Para(REASON + c.reason))
            out.append(Body(c.text))
    return out


def is_draft(m: ix.Meeting, agenda: bool) -> bool:
    """A referat is a draft until its first signature; a dagsorden is no referat."""
    return not agenda and not m.approvals


def blocks(doc: ix.Document, *, agenda: bool = False, draft: bool | None = None) -> list[Block]:
    """The referat (or, with agenda, the dagsorden) of a document, block by block; a
    draft (default: is_draft) is marked under the title."""
    m = doc.meeting
    out: list[Block] = [Title(title_line(m, agenda))]
    if is_draft(m, agenda) if draft is None else draft:
        out.append(Draft())
    out.extend(header(m))
    numbers = printed_numbers(m)
    if m.items:
        out.append(Heading(H_TOC, 2))
        out.append(Toc(tuple(zip(numbers, map(item_title, m.items), strict=True))))
    for index, (number, item) in enumerate(zip(numbers, m.items, strict=True)):
        out.extend(item_blocks(index, number, item, ix.given(m.case_label, None)))
    out.extend(closing(m))
    return out
