"""An item: its '## Punkt N: Titel' heading, the notes under it (case number, kind, time),
and the parts under its own headings (recommendation, sections, earlier decisions,
decision, attachments)."""

from __future__ import annotations

import re

from domain.meeting.state import ItemKind
from domain.text import MINUTES_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse.dates import DAY, day_of
from projections.documents.parse.decision import read_decision
from projections.documents.parse.tokens import (
    Heading,
    Paragraph,
    Reader,
    Token,
    fail,
    italic,
    whole_number,
)
from projections.documents.referat import CLOSED_MARK
from projections.documents.render import layout as lo

ITEM = re.compile(r"^Punkt\s+(?P<number>[^\s:]+)\s*:\s*(?P<title>.*)$", re.IGNORECASE)
_DURATION = re.compile(r"^\(([0-9]+)\s*min\.?\)$")
_POINT = re.compile(r"^\s*(?:\d+[.)]|-)\s+(.*)$")
_RECOMMENDS = re.compile(r"^(?P<by>.+?)\s+indstiller\s*,$")
_EARLIER = re.compile(
    rf"^(?P<body>.+?)(?:,\s+{DAY})?(?:,\s+punkt\s+(?P<item>[^:]+?))?:\s+(?P<text>.+)$",
    re.DOTALL,
)
_KINDS: dict[str, ItemKind] = {label.casefold(): kind for kind, label in lo.KIND_LABELS.items()}
_ENDINGS = {lo.H_APPROVALS.casefold(), lo.H_CORRECTIONS.casefold(), lo.H_TOC.casefold()}


def ends_items(token: Token) -> bool:
    """The next item's heading, or one of the headings after the items."""
    return isinstance(token, Heading) and (
        bool(ITEM.match(token.text)) or (token.level <= 2 and token.text.casefold() in _ENDINGS)
    )


def read_item(reader: Reader, heading: Heading, match: re.Match[str], index: int) -> ix.Item:
    path = f"meeting.items[{index}]"
    reader.where[path] = heading.line
    title = match.group("title").strip()
    closed = title.endswith(CLOSED_MARK)
    if closed:
        title = title[: -len(CLOSED_MARK)].strip()
    if not title:
        raise fail(heading.line, "punktet har ingen titel")
    item = ix.Item(title=title, closed=closed)
    _preamble(reader, item, heading)
    decided = False
    while (token := reader.peek()) is not None and not ends_items(token):
        assert isinstance(token, Heading)  # paragraphs were taken by the one before
        reader.advance()
        paragraphs = reader.paragraphs()
        key = token.text.casefold()
        if key == lo.H_RECOMMENDATION.casefold() and item.recommendation is None:
            item.recommendation = _recommendation(paragraphs)
            if item.recommendation is not None:
                reader.where[f"{path}.recommendation"] = token.line
                continue
        if key == lo.H_DECISION.casefold() and not decided:
            decided = True
            reader.where[f"{path}.decision"] = token.line
            read_decision(item, paragraphs, f"{path}", reader.where)
            continue
        if key == lo.H_ATTACHMENTS.casefold():
            # An empty Bilag heading has nothing to keep: it is not exported again.
            reader.where[f"{path}.attachments"] = token.line
            item.attachments.extend(_attachments(paragraphs))
            continue
        if key == lo.H_EARLIER.casefold() and (earlier := _earlier(paragraphs)):
            reader.where[f"{path}.earlier_decisions"] = token.line
            item.earlier_decisions.extend(earlier)
            continue
        _section(item, token, paragraphs, path, reader.where)
    return item


def _preamble(reader: Reader, item: ix.Item, heading: Heading) -> None:
    """Case number, kind and time set aside, between the item's heading and its first."""
    for paragraph in reader.paragraphs():
        note = italic(paragraph)
        duration = _DURATION.match(note) if note else None
        if duration and item.duration_minutes is None:
            item.duration_minutes = _minutes(duration.group(1), paragraph.line)
        elif note and _meta(item, note):
            pass
        elif note is None and item.case_number is None and len(paragraph.lines) == 1:
            item.case_number = paragraph.text.strip()
        else:
            raise fail(
                paragraph.line,
                f"uventet tekst under '{heading.text}' (forventede journalnummer"
                " og en overskrift som '### Indstilling')",
            )


def _minutes(digits: str, line: int) -> int:
    return whole_number(digits, line, MINUTES_LIMIT, "tidsforbruget")


def _meta(item: ix.Item, note: str) -> bool:
    words = [w.strip().casefold() for w in note.split(",")]
    if not all(w in _KINDS or w == lo.SUPPLEMENTARY for w in words):
        return False
    for word in words:
        if word == lo.SUPPLEMENTARY:
            item.supplementary = True
        else:
            item.kind = _KINDS[word]
    return True


def _section(
    item: ix.Item, heading: Heading, paragraphs: list[Paragraph], path: str, where: dict[str, int]
) -> None:
    if any(s.heading == heading.text for s in item.sections):
        raise fail(heading.line, f"afsnittet '{heading.text}' står to gange i punktet")
    if not heading.text:
        raise fail(heading.line, "en overskrift uden tekst")
    if heading.text.casefold() == lo.H_CASE.casefold() and paragraphs:
        note = italic(paragraphs[0])
        duration = _DURATION.match(note) if note else None
        if duration and item.duration_minutes is None:
            item.duration_minutes = _minutes(duration.group(1), paragraphs[0].line)
            paragraphs = paragraphs[1:]
    where[f"{path}.sections[{len(item.sections)}]"] = heading.line
    text = "\n\n".join(p.text for p in paragraphs)
    item.sections.append(ix.Section(heading=heading.text, text=text))


def _earlier(paragraphs: list[Paragraph]) -> list[ix.EarlierDecision] | None:
    out: list[ix.EarlierDecision] = []
    for paragraph in paragraphs:
        match = _EARLIER.match(paragraph.text)
        if not match:
            return None  # not in our wording: kept as a section of that name
        out.append(
            ix.EarlierDecision(
                body=match["body"].strip(),
                date=day_of(match, paragraph.line) if match["day"] else None,
                item=match["item"],
                text=match["text"],
            )
        )
    return out or None


def _recommendation(paragraphs: list[Paragraph]) -> ix.Recommendation | None:
    """'X indstiller,' and the numbered 'at ...' points; None when worded otherwise."""
    lines = [line for p in paragraphs for line in p.lines]
    if not lines:
        return None
    first = lines[0].strip()
    by = _RECOMMENDS.match(first)
    if not by and first != lo.NOBODY_RECOMMENDS:
        return None
    points: list[str] = []
    for line in lines[1:]:
        point = _POINT.match(line)
        if point:
            points.append(point.group(1).strip())
        elif points:  # a point wrapped onto the next line
            points[-1] += "\n" + line.strip()
        else:
            return None
    return ix.Recommendation(by=by["by"].strip() if by else None, points=points)


def _attachments(paragraphs: list[Paragraph]) -> list[ix.Attachment]:
    out: list[ix.Attachment] = []
    for line in (line.strip() for p in paragraphs for line in p.lines):
        name = line[2:].strip() if line.startswith("- ") else line
        closed = name.endswith(lo.CLOSED_ATTACHMENT)
        if closed:
            name = name[: -len(lo.CLOSED_ATTACHMENT)].strip()
        out.append(ix.Attachment(name=name, closed=closed))
    return out
