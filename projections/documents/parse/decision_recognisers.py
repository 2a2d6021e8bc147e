"""The conventions of what stands under an item's decision, each a small recogniser in a
table tried in order (conventions.Recognisers): a paragraph that is the item's status, a
motion or a protocol remark, and a line that is a remark, a vote, an absence or nothing
but a count of votes; in our export's wording and in that of published minutes ("X
ønskede sin stemme ført til protokols", "Y deltog ikke i behandlingen")."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import cast

from domain.meeting.state import (
    MOTION_RESULTS,
    AbsenceReason,
    ItemStatus,
    MotionResult,
    RemarkKind,
)
from projections.documents import interchange as ix
from projections.documents.parse import decision_votes
from projections.documents.parse.conventions import Recognisers
from projections.documents.parse.tokens import Paragraph
from projections.documents.render import phrases
from projections.documents.render.printed_dates import MONTHS

_OWN_REMARK = re.compile(
    r"^(?P<label>Protokolbemærkning fra |Mindretalsudtalelse fra )(?P<by>.+?)"
    r"(?: \(indført af (?P<recorded>[^)]+)\))?"
    rf"(?P<via>{re.escape(phrases.ENTERED_VIA_LINK)})?:\s+(?P<text>.+)$",
    re.DOTALL,
)
_ABSENCE = re.compile(
    rf"^{phrases.ABSENCE}(?P<name>.+?)(?:\s+\((?P<reason>afbud|fraværende|inhabil)\))?"
    rf"(?:{phrases.SUBSTITUTE}(?P<substitute>.+))?$"
)
_REAL_REMARK = re.compile(
    r"^(?P<by>[^\n]+?)\s+(?:ønskede|ønsker|bad\s+om\s+at\s+få)\s+(?P<what>.*?)\s*"
    r"(?:ført|tilført|optaget|indført)\s+(?:til|i)\s+(?:protokol(?:len|s)?|beslutningsprotokollen)"
    r"\s*[:.,]?\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LABELLED_REMARK = re.compile(
    r"^(?P<label>protokolbemærkning|mindretalsudtalelse)(?:\s+fra\s+(?P<by>[^:\n]+))?:\s*(?P<text>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_REAL_ABSENCE = re.compile(
    r"^(?P<who>.+?)\s+(?:deltog\s+ikke\s+i\s+(?:behandlingen|punktet|sagens\s+behandling|"
    r"dette\s+punkt|afstemningen)|var\s+inhabil|erklærede\s+sig\s+inhabil|"
    r"forlod\s+mødet\s+under\s+(?:behandlingen|punktet))\b.*$",
    re.IGNORECASE,
)
_PAREN_PARTY = re.compile(r"\s*\([A-ZÆØÅ]{1,3}\)\s*$")
_POSTPONED = re.compile(rf"^{phrases.POSTPONED}(?::\s+(?P<reason>.+)|\.)$", re.DOTALL)
_WITHDRAWN = re.compile(rf"^{phrases.WITHDRAWN}(?::\s+(?P<reason>.+)|\.)$", re.DOTALL)
_REF = (
    r"(?P<forum>.+) d\. (?P<day>\d{1,2})\. (?P<month>[a-zæøå]+) (?P<year>\d{4}),"
    r" punkt (?P<number>.+)"
)
_MOVED = re.compile(rf"^{phrases.POSTPONED_TO}{_REF}\.$")
CARRIED = re.compile(rf"^{phrases.CARRIED_FROM}{_REF}$")
_MOTION = re.compile(
    rf"^{phrases.MOTION}(?:{phrases.MOTION_BY}(?P<by>[^:\n]+): )?(?P<text>[^\n]+)$"
)
_RESULTS: dict[str, MotionResult] = {phrases.RESULT_LABELS[r]: r for r in MOTION_RESULTS}


def item_ref(match: re.Match[str]) -> ix.ItemRef | None:
    """The item of another meeting in "Forum d. 20. maj 2026, punkt 3"."""
    month = match["month"]
    if month not in MONTHS:
        return None
    try:
        day = date(int(match["year"]), MONTHS.index(month) + 1, int(match["day"]))
    except ValueError:
        return None
    return ix.ItemRef(forum=match["forum"], date=day, number=match["number"])


# -- a remark, in any of its wordings ---------------------------------------------------------


def own_remark(text: str) -> ix.Remark | None:
    """ "Protokolbemærkning fra Ib Lund (indført af Eva Holm): ...", as we export it."""
    own = _OWN_REMARK.match(text)
    if not own:
        return None
    remark = ix.Remark(by=own["by"].strip(), text=own["text"])
    if own["label"].startswith("Mindretal"):
        remark.kind = "mindretalsudtalelse"
    if own["recorded"]:
        remark.recorded_by = own["recorded"]
    if own["via"]:
        remark.via = "link"
    return remark


def labelled_remark(text: str) -> ix.Remark | None:
    """ "Mindretalsudtalelse fra Venstre: ...", in any case."""
    labelled = _LABELLED_REMARK.match(text)
    if not labelled or not labelled["by"]:
        return None
    remark = ix.Remark(by=labelled["by"].strip(), text=labelled["text"].strip())
    if labelled["label"].casefold().startswith("mindretal"):
        remark.kind = "mindretalsudtalelse"
    return remark


def published_remark(text: str) -> ix.Remark | None:
    """ "Ib Lund (V) ønskede sin stemme ført til protokols: ..."."""
    real = _REAL_REMARK.match(text)
    if not real or len(real["by"]) > 120:
        return None
    kind: RemarkKind = (
        "mindretalsudtalelse" if "mindretal" in real["what"].casefold() else "protokolbemærkning"
    )
    by = _PAREN_PARTY.sub("", real["by"]).strip()
    remark = ix.Remark(by=by, text=real["text"].strip() or text.strip())
    if kind != "protokolbemærkning":
        remark.kind = kind
    return remark


REMARKS: Recognisers[str, ix.Remark] = Recognisers((own_remark, labelled_remark, published_remark))


# -- a paragraph under the decision -----------------------------------------------------------


@dataclass
class Status:
    """The item's status as our export writes it under the decision."""

    status: ItemStatus | None = None
    reason: str | None = None
    carried_to: ix.ItemRef | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph under the decision, whether it was printed (a PDF's or plain text,
    not Markdown) and whether it opens the decision (no text or vote read before it)."""

    paragraph: Paragraph
    printed: bool
    opening: bool


def status_paragraph(block: Block) -> Status | None:
    """ "Udsat: ...", "Punktet blev trukket.", "Punktet er flyttet til ...": only where
    it opens the decision."""
    text = block.paragraph.text
    if not block.opening:
        return None
    if found := _POSTPONED.match(text) or _WITHDRAWN.match(text):
        # The reason as the store's document writes it: only when there is one.
        return Status("udsat" if found.re is _POSTPONED else "trukket", found["reason"] or None)
    moved = _MOVED.match(text)
    if moved and (ref := item_ref(moved)) is not None:
        return Status(carried_to=ref)
    return None


def motion_paragraph(block: Block) -> ix.Motion | None:
    """ "Afstemning om forslag fra X: ...", its votes and its result, as we export it."""
    paragraph = block.paragraph
    first = _MOTION.match(paragraph.lines[0])
    if not first:
        return None
    motion = ix.Motion(text=first["text"], by=first["by"])
    for offset, line in enumerate(paragraph.lines[1:], start=1):
        vote = decision_votes.own_vote(line, paragraph.line + offset)
        if vote is not None:
            motion.votes.append(vote)
        elif line in _RESULTS and offset == len(paragraph.lines) - 1:
            motion.result = _RESULTS[line]
        else:
            return None
    return motion


def remark_paragraph(block: Block) -> ix.Remark | None:
    """A paragraph that is a remark. A printed page wraps a remark's sentence; Markdown
    keeps its line breaks."""
    paragraph = block.paragraph
    return REMARKS.read(" ".join(paragraph.lines) if block.printed else paragraph.text)


PARAGRAPHS: Recognisers[Block, Status | ix.Motion | ix.Remark] = Recognisers(
    (status_paragraph, motion_paragraph, remark_paragraph)
)


# -- a line of a paragraph under the decision -------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A line under the decision: its text, its number in the file, whether it is its
    paragraph's first (read already as the whole paragraph), and who takes part."""

    text: str
    at: int
    first: bool
    names: Collection[str]


def remark_line(line: Line) -> ix.Remark | None:
    """A remark on a line of its own under the votes."""
    return None if line.first else REMARKS.read(line.text)


def own_vote_line(line: Line) -> ix.Vote | None:
    return decision_votes.own_vote(line.text, line.at)


def published_vote_line(line: Line) -> ix.Vote | None:
    return decision_votes.published_vote(line.text)


def own_absence_line(line: Line) -> ix.ItemAbsence | None:
    """ "Fraværende: Ib Lund (inhabil)", as we export it, of a participant."""
    own = _ABSENCE.match(line.text)
    if not own or _PAREN_PARTY.sub("", own["name"]).strip() not in line.names:
        return None
    return ix.ItemAbsence(
        name=_PAREN_PARTY.sub("", own["name"]).strip(),
        reason=cast(AbsenceReason | None, own["reason"]),
        substitute=own["substitute"],
    )


def published_absence_line(line: Line) -> ix.ItemAbsence | None:
    """ "Ib Lund (V) deltog ikke i behandlingen": only a participant can be recorded
    absent, of anyone else the sentence stays text."""
    real = _REAL_ABSENCE.match(line.text.strip())
    if not real:
        return None
    name = _PAREN_PARTY.sub("", real["who"]).strip()
    if name not in line.names:
        return None
    reason: AbsenceReason = "inhabil" if "inhabil" in line.text.casefold() else "fraværende"
    return ix.ItemAbsence(name=name, reason=reason, substitute=None)


def tally_line(line: Line) -> list[ix.Vote] | None:
    """A line that says nothing but the count: "34 stemmer for, 15 imod"."""
    votes = decision_votes.tally(line.text)
    if votes and decision_votes.TALLY.fullmatch(line.text.strip().rstrip(".")):
        return votes
    return None


LINES: Recognisers[Line, ix.Remark | ix.Vote | ix.ItemAbsence | list[ix.Vote]] = Recognisers(
    (
        remark_line,
        own_vote_line,
        published_vote_line,
        own_absence_line,
        published_absence_line,
        tally_line,
    )
)
