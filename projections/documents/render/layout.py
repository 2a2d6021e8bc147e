# Over 400 lines: every printed phrase in one place, so renderers and the reader agree.
"""What a printed referat says and in which order, as blocks the renderers lay out.

The text, Markdown and HTML renderers all work from these blocks, so the three formats
cannot drift apart, and the Markdown importer reads back exactly the phrases made here.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from domain.meeting.state import VOTE_LABELS, Attendance, ItemKind, Role
from projections.documents import interchange as ix
from projections.documents.referat import CLOSED_MARK, local, printed_numbers
from projections.documents.render.bilag import file_facts

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

REFERAT = "REFERAT"
# Under the title of a referat that nobody has signed yet, in every format but JSON
# (whose keys the interchange format fixes): printed, it is not taken for the minutes.
DRAFT = "UDKAST"
DRAFT_MARK = f"{DRAFT} – ikke godkendt"
AGENDA = "DAGSORDEN"
DOCUMENT_TITLES = {"referat": REFERAT, "beslutningsprotokol": "BESLUTNINGSPROTOKOL"}

# Header fields, in printed order.
F_ORGANISATION = "Organisation"
F_DATE = "Mødedato"
F_PLACE = "Mødested"
F_PRESENT = "Mødedeltagere"
F_EXCUSED = "Afbud"
F_ABSENT = "Fraværende"
F_CHAIR = "Formand"
F_SECRETARY = "Referent"
F_GUESTS = "Gæster"
F_SUBSTITUTES = "Stedfortrædere"
F_PARTIES = "Partier"
F_KIND = "Mødetype"
F_REMARKS = "Bemærkninger"
MEETING_KIND_LABELS = {
    "ordinært": "Ordinært møde",
    "ekstraordinært": "Ekstraordinært møde",
    "tillæg": "Tillægsdagsorden",
}
ATTENDANCE_FIELDS: dict[Attendance, str] = {
    "present": F_PRESENT,
    "excused": F_EXCUSED,
    "absent": F_ABSENT,
}
ROLE_FIELDS: dict[Role, str] = {
    "chair": F_CHAIR,
    "secretary": F_SECRETARY,
    "guest": F_GUESTS,
    "substitute": F_SUBSTITUTES,
}

H_TOC = "Indholdsfortegnelse"
H_RECOMMENDATION = "Indstilling"
H_CASE = "Sagsfremstilling"
H_EARLIER = "Tidligere beslutninger"
H_DECISION = "Beslutning"
H_ATTACHMENTS = "Bilag"
H_APPROVALS = "Godkendelse"
H_CORRECTIONS = "Rettelser"

KIND_LABELS: dict[ItemKind, str] = {
    "orientering": "Orienteringspunkt",
    "drøftelse": "Drøftelsespunkt",
    "beslutning": "Beslutningspunkt",
}
SUPPLEMENTARY = "tillægspunkt"
CLOSED_ATTACHMENT = "(lukket bilag)"
NOBODY_RECOMMENDS = "Det indstilles,"
RECOMMENDS = " indstiller,"
REMARK = "Protokolbemærkning fra "
ABSENCE = "Fraværende: "
SUBSTITUTE = ", stedfortræder: "
APPROVED_BY = "Godkendt af "
RESERVATION = ", med forbehold: "
RECORDED_BY = " (givet på papir, registreret af "
CORRECTED_BY = "Rettet af "
REASON = "Begrundelse: "
CORRECTION_OF_ITEM = "Rettelse af punkt "
CORRECTION_OF_ALL = "Rettelse af referatet"
POSTPONED = "Udsat"
POSTPONED_TO = "Punktet er flyttet til "
CARRIED_FROM = "Udsat fra "
WITHDRAWN = "Punktet blev trukket"
REMARK_LABELS = {
    "protokolbemærkning": "Protokolbemærkning fra ",
    "mindretalsudtalelse": "Mindretalsudtalelse fra ",
}
ENTERED_BY = " (indført af "
# A signature or remark the member gave through their personal link (spec: `via`).
APPROVED_VIA_LINK = " (godkendt via personligt link)"
ENTERED_VIA_LINK = " (indført via personligt link)"
MOTION = "Afstemning om "
MOTION_BY = "forslag fra "
RESULT_LABELS = {"vedtaget": "Vedtaget", "forkastet": "Forkastet"}


# -- Danish wording of dates and times ------------------------------------------------


def long_date(day: date) -> str:
    """20. maj 2026"""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: date) -> str:
    """Onsdag d. 20. maj 2026"""
    return f"{WEEKDAYS[day.weekday()].capitalize()} d. {long_date(day)}"


def short_date(day: date) -> str:
    """20-05-2026, as in the title line."""
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


def meeting_when(m: ix.Meeting) -> str:
    """Onsdag d. 20. maj 2026 kl. 09:00-11:00"""
    text = weekday_date(m.date)
    if m.start and m.end:
        return f"{text} kl. {m.start}-{m.end}"
    if m.start:
        return f"{text} kl. {m.start}"
    if m.end:
        return f"{text}, slut kl. {m.end}"
    return text


def moment(at: datetime, time_zone: str | None = None) -> str:
    """11. marts 2026 kl. 09:05 in the meeting's local time (seconds only when there are any)."""
    here = local(at, time_zone)
    clock = f"{here:%H:%M:%S}" if here.second else f"{here:%H:%M}"
    return f"{long_date(here.date())} kl. {clock}"


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


def item_ref(ref: ix.ItemRef) -> str:
    """Chefforum d. 20. maj 2026, punkt 3"""
    return f"{ref.forum} d. {long_date(ref.date)}, punkt {ref.number}"


def person(p: ix.Participant) -> str:
    text = f"{p.name} ({p.title})" if p.title else p.name
    reason = ix.given(p.absence_reason, None)
    return f"{text} ({reason})" if reason and p.attendance != "present" else text


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


def attachment_line(a: ix.Attachment) -> str:
    """A Bilag's line: its name, and where the file is kept its kind, pages and size."""
    text = a.name
    facts = file_facts(a)
    if facts:
        text += f" ({facts})"
    return f"{text} {CLOSED_ATTACHMENT}" if a.closed else text


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
