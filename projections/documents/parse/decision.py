"""What stands under an item's decision: the decision text, and the votes, protocol
remarks and absences written in it, in our export's wording ("For: 3 (A, V)") and in the
wording of published minutes ("For stemte 3 (C)", "For stemte: A, B, F og Ø.", "34 stemmer
for, 15 imod", "X ønskede sin stemme ført til protokols")."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import cast

from domain.meeting.state import (
    MOTION_RESULTS,
    VOTE_LABELS,
    AbsenceReason,
    MotionResult,
    RemarkKind,
    VoteOption,
)
from domain.text import COUNT_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse.report import ImportReport
from projections.documents.parse.tokens import Paragraph, whole_number
from projections.documents.render import phrases
from projections.documents.render.printed_dates import MONTHS
from projections.documents.render.printed_lines import absence_line, vote_line

_VOTE = re.compile(r"^(?P<label>" + "|".join(VOTE_LABELS.values()) + r"):(?:\s+(?P<rest>.*))?$")
_COUNT = re.compile(r"^(?P<count>[0-9]+)(?:\s+\((?P<who>.*)\))?$")
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
_OPTIONS: dict[str, VoteOption] = {label: option for option, label in VOTE_LABELS.items()}

# -- the wording of published minutes ---------------------------------------------------------

_REAL_VOTE = re.compile(
    r"^(?P<label>for\s+stemte|imod\s+stemte|stemte\s+for|stemte\s+imod|"
    r"undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod\s+stemte|undlod|blanke?|stemte\s+blankt)"
    r"\s*:?\s*(?P<rest>.+?)\.?$",
    re.IGNORECASE,
)
_REAL_OPTIONS: dict[str, VoteOption] = {
    "for stemte": "for",
    "stemte for": "for",
    "imod stemte": "against",
    "stemte imod": "against",
    "undlod at stemme": "abstain",
    "hverken for eller imod stemte": "abstain",
    "undlod": "abstain",
    "blank": "blank",
    "blanke": "blank",
    "stemte blankt": "blank",
}
_TALLY = re.compile(
    r"(?P<for>\d+)\s+(?:stemmer?|stemte)\s+for\b"
    r"(?:\s*(?:,|og)?\s*(?P<against>\d+)\s+(?:stemmer?\s+|stemte\s+)?imod\b)?"
    r"(?:\s*(?:,|og)?\s*(?P<abstain>\d+)\s+(?:undlod(?:\s+at\s+stemme)?|stemte\s+hverken|hverken)\b)?"
    r"|(?P<for2>\d+)\s+stemmer\s+mod\s+(?P<against2>\d+)",
    re.IGNORECASE,
)
_GROUP = re.compile(r"(?P<count>\d+)\s*\((?P<who>[^)]*)\)")
_COUNTED = re.compile(r"^(?P<n>\d+)\s*(?:stemmer?\b)?\s*[:,–-]?\s*\(?(?P<who>[^()\d]*)\)?$")
_SEPARATORS = re.compile(r"^[\s,;]*(?:og[\s,;]*)*$", re.IGNORECASE)
_LIST = re.compile(r"\s*(?:,|\bog\b|&)\s*")
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


def _status(item: ix.Item, paragraph: Paragraph, ctx: Context) -> bool:
    """Our export's status lines: "Udsat: ...", "Punktet er flyttet til ...",
    "Punktet blev trukket: ..."."""
    text = paragraph.text
    postponed, withdrawn, moved = _POSTPONED.match(text), _WITHDRAWN.match(text), _MOVED.match(text)
    if postponed or withdrawn:
        found = postponed or withdrawn
        assert found is not None
        item.status = "udsat" if postponed else "trukket"
        if found["reason"]:  # as the store's document writes it: only when there is one
            item.status_reason = found["reason"]
    elif moved and (ref := item_ref(moved)) is not None:
        item.carried_to = ref
    else:
        return False
    ctx.report.note(paragraph.line, paragraph.line + len(paragraph.lines) - 1, "status", text)
    return True


def _motion(paragraph: Paragraph, at: int) -> ix.Motion | None:
    """ "Afstemning om forslag fra X: ...", its votes and its result, as we export it."""
    first = _MOTION.match(paragraph.lines[0])
    if not first:
        return None
    motion = ix.Motion(text=first["text"], by=first["by"])
    for offset, line in enumerate(paragraph.lines[1:], start=1):
        vote = _own_vote(line, at + offset)
        if vote is not None:
            motion.votes.append(vote)
        elif line in _RESULTS and offset == len(paragraph.lines) - 1:
            motion.result = _RESULTS[line]
        else:
            return None
    return motion


@dataclass
class Context:
    """What an item's reading needs of the meeting: who takes part."""

    names: Collection[str]
    report: ImportReport


def read_decision(
    item: ix.Item, paragraphs: list[Paragraph], path: str, where: dict[str, int], ctx: Context
) -> None:
    """Decision text, then the votes, protocol remarks and absences in it."""
    kept: list[str] = []
    votes: list[ix.Vote] = []
    motions: list[ix.Motion] = []
    tallies: list[tuple[int, list[ix.Vote]]] = []
    for paragraph in paragraphs:
        if not kept and not votes and _status(item, paragraph, ctx):
            continue
        motion = _motion(paragraph, paragraph.line)
        if motion is not None:
            motions.append(motion)
            ctx.report.note(
                paragraph.line,
                paragraph.line + len(paragraph.lines) - 1,
                "afstemning",
                f"om {motion.text}",
            )
            continue
        # A printed page wraps a remark's sentence; Markdown keeps its line breaks.
        printed = ctx.report.source != "markdown"
        remark = _remark(" ".join(paragraph.lines) if printed else paragraph.text, ctx)
        if remark is not None:
            where[f"{path}.remarks[{len(item.remarks)}]"] = paragraph.line
            item.remarks.append(remark)
            ctx.report.note(
                paragraph.line,
                paragraph.line + len(paragraph.lines) - 1,
                "protokolbemærkning",
                f"fra {remark.by}",
            )
            continue
        lines: list[str] = []
        remark_last = False  # the line before was a remark's
        for offset, line in enumerate(paragraph.lines):
            at = paragraph.line + offset
            if remark_last and ctx.report.source != "markdown" and line[:1].islower():
                # A printed page wrapped the remark's sentence onto this line.
                item.remarks[-1].text = f"{item.remarks[-1].text} {line.strip()}"
                continue
            remark = _remark(line, ctx) if offset else None
            remark_last = remark is not None
            if remark is not None:  # a remark on a line of its own under the votes
                where[f"{path}.remarks[{len(item.remarks)}]"] = at
                item.remarks.append(remark)
                ctx.report.note(at, at, "protokolbemærkning", f"fra {remark.by}")
                continue
            vote = _own_vote(line, at) or _real_vote(line)
            if vote is not None:
                votes.append(vote)
                ctx.report.note(at, at, "afstemning", vote_line(vote))
                continue
            absence = _absence(line, ctx)
            if absence is not None:
                where[f"{path}.absent[{len(item.absent)}]"] = at
                item.absent.append(absence)
                ctx.report.note(at, at, "fravær", absence_line(absence))
                continue
            tally = _tally(line)
            if tally and _TALLY.fullmatch(line.strip().rstrip(".")):
                votes.extend(tally)  # the line says nothing but the count
                ctx.report.note(at, at, "afstemning", ", ".join(map(vote_line, tally)))
                continue
            if tally:
                tallies.append((at, tally))
            lines.append(line)
        if lines:
            kept.append("\n".join(lines))
            ctx.report.note(
                paragraph.line,
                paragraph.line + len(paragraph.lines) - 1,
                "beslutning",
                "beslutningens tekst",
            )
    if votes and len(tallies) == 1:
        # "... med 4 stemmer for og 1 imod." then "Imod stemte X.": one vote, the counts
        # from the sentence and the names from the lines.
        at, tally = tallies[0]
        named = {v.option: v for v in votes}
        for counted in tally:
            vote = named.get(counted.option)
            if vote is None:
                votes.append(counted)
            elif vote.count is None and counted.count is not None:
                vote.count = counted.count
        order = [v.option for v in tally]
        votes.sort(key=lambda v: order.index(v.option) if v.option in order else len(order))
        ctx.report.note(
            at, at, "afstemning", ", ".join(map(vote_line, votes)) + " (teksten beholdt)"
        )
    if not votes and len(tallies) == 1:
        at, votes = tallies[0]
        ctx.report.guess(
            at,
            at,
            "afstemning",
            ", ".join(vote_line(v) for v in votes) + " (teksten beholdt)",
            "stemmetal i en sætning",
        )
    options = [v.option for v in votes]
    if len(set(options)) != len(options):
        # Several votes (on amendments and on the proposal): kept as written.
        ctx.report.guess(
            paragraphs[0].line,
            paragraphs[-1].line,
            "afstemning",
            "flere afstemninger: beholdt som tekst",
            "flere afstemninger på ét punkt",
        )
        kept = [p.text for p in paragraphs if _remark(p.text, ctx) is None]
        votes = []
    text = "\n\n".join(kept)
    if text or votes or motions:
        item.decision = ix.Decision(text=text, votes=votes)
        if motions:
            item.decision.motions = motions


def _remark(text: str, ctx: Context) -> ix.Remark | None:
    own = _OWN_REMARK.match(text)
    if own:
        remark = ix.Remark(by=own["by"].strip(), text=own["text"])
        if own["label"].startswith("Mindretal"):
            remark.kind = "mindretalsudtalelse"
        if own["recorded"]:
            remark.recorded_by = own["recorded"]
        if own["via"]:
            remark.via = "link"
        return remark
    labelled = _LABELLED_REMARK.match(text)
    if labelled and labelled["by"]:
        remark = ix.Remark(by=labelled["by"].strip(), text=labelled["text"].strip())
        if labelled["label"].casefold().startswith("mindretal"):
            remark.kind = "mindretalsudtalelse"
        return remark
    real = _REAL_REMARK.match(text)
    if real and len(real["by"]) <= 120:
        kind: RemarkKind = (
            "mindretalsudtalelse"
            if "mindretal" in real["what"].casefold()
            else "protokolbemærkning"
        )
        by = _PAREN_PARTY.sub("", real["by"]).strip()
        remark = ix.Remark(by=by, text=real["text"].strip() or text.strip())
        if kind != "protokolbemærkning":
            remark.kind = kind
        return remark
    return None


def _own_vote(line: str, at: int) -> ix.Vote | None:
    match = _VOTE.match(line)
    if not match:
        return None
    option = _OPTIONS[match["label"]]
    rest = (match["rest"] or "").strip()
    counted = _COUNT.match(rest)
    if counted:
        who = counted["who"]
        return ix.Vote(
            option=option,
            count=whole_number(counted["count"], at, COUNT_LIMIT, "stemmetallet"),
            who=[w.strip() for w in who.split(",")] if who else [],
        )
    return ix.Vote(
        option=option, count=None, who=[w.strip() for w in rest.split(",")] if rest else []
    )


def _real_vote(line: str) -> ix.Vote | None:
    """ "For stemte 3 (C) og 2 (V)", "Imod stemte: A, B og Ø.", "Undlod at stemme: 1"."""
    match = _REAL_VOTE.match(line.strip())
    if not match:
        return None
    option = _REAL_OPTIONS[" ".join(match["label"].casefold().split())]
    rest = match["rest"].strip().rstrip(".")
    groups = list(_GROUP.finditer(rest))
    if groups:
        if not _SEPARATORS.match(_GROUP.sub("", rest)):
            return None
        counts = [int(g["count"]) for g in groups]
        if sum(counts) > COUNT_LIMIT:
            return None
        if len(groups) == 1:
            who = [w for w in _LIST.split(groups[0]["who"]) if w]
        else:
            who = [f"{g['who'].strip()}: {g['count']}" for g in groups]
        return ix.Vote(option=option, count=sum(counts), who=who)
    counted = _COUNTED.match(rest)
    if counted and int(counted["n"]) <= COUNT_LIMIT:  # "8: A, V og C", "8 stemmer (A og V)"
        who = [w for w in _LIST.split(counted["who"]) if w]
        return ix.Vote(option=option, count=int(counted["n"]), who=who)
    if rest.casefold() in ("ingen", "ingen stemmer", "-", "–"):  # "Undlod at stemme: ingen."
        return ix.Vote(option=option, count=0, who=[])
    if rest.isdigit():
        return ix.Vote(option=option, count=int(rest), who=[]) if int(rest) <= COUNT_LIMIT else None
    who = [w for w in _LIST.split(rest) if w]
    if not who or any(len(w) > 60 for w in who):
        return None
    return ix.Vote(option=option, count=None, who=who)


def _tally(line: str) -> list[ix.Vote]:
    """ "34 stemmer for, 15 imod og 2 undlod at stemme", "vedtaget med 19 stemmer mod 6"."""
    match = _TALLY.search(line)
    if not match:
        return []
    pairs: list[tuple[VoteOption, str | None]] = [
        ("for", match["for"] or match["for2"]),
        ("against", match["against"] or match["against2"]),
        ("abstain", match["abstain"]),
    ]
    return [
        ix.Vote(option=option, count=int(n), who=[])
        for option, n in pairs
        if n is not None and int(n) <= COUNT_LIMIT
    ]


def _absence(line: str, ctx: Context) -> ix.ItemAbsence | None:
    own = _ABSENCE.match(line)
    if own and _PAREN_PARTY.sub("", own["name"]).strip() in ctx.names:
        return ix.ItemAbsence(
            name=_PAREN_PARTY.sub("", own["name"]).strip(),
            reason=cast(AbsenceReason | None, own["reason"]),
            substitute=own["substitute"],
        )
    real = _REAL_ABSENCE.match(line.strip())
    if not real:
        return None  # one who is no participant cannot be recorded absent: the line stays text
    name = _PAREN_PARTY.sub("", real["who"]).strip()
    if name not in ctx.names:
        return None  # only a participant can be recorded absent: the sentence stays text
    reason: AbsenceReason = "inhabil" if "inhabil" in line.casefold() else "fraværende"
    return ix.ItemAbsence(name=name, reason=reason, substitute=None)
