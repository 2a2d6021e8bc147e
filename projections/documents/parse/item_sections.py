"""The parts under an item's own headings: a section (its text unwrapped as it was
before a page wrapped it), the recommendation and its "at" points, earlier decisions in
our wording, and the attachments."""

from __future__ import annotations

import re

from projections.documents import interchange as ix
from projections.documents.parse.dates import DAY, day_of
from projections.documents.parse.item_preamble import DURATION, minutes
from projections.documents.parse.tokens import (
    Heading,
    Paragraph,
    Reader,
    italic,
    links,
    plain,
)
from projections.documents.render import phrases
from projections.documents.render.bilag import without_facts

_POINT = re.compile(r"^\s*(?:\d+[.)]|[-*•·▪–])\s+(.*)$")
_RECOMMENDS = re.compile(r"^(?P<by>.+?)\s+indstiller\s*,$")
# "Direktionen indstiller, at ..." on one line, or "Det indstilles, at ..."
_RECOMMENDS_INLINE = re.compile(
    r"^(?:(?P<by>.+?)\s+indstiller|det\s+indstilles)\s*,?\s*(?P<rest>(?:at|,)\b.*|:?\s*)$",
    re.IGNORECASE | re.DOTALL,
)
_EARLIER = re.compile(
    rf"^(?P<body>.+?)(?:,\s+{DAY})?(?:,\s+punkt\s+(?P<item>[^:]+?))?:\s+(?P<text>.+)$",
    re.DOTALL,
)


def read_section(
    item: ix.Item,
    heading: Heading,
    paragraphs: list[Paragraph],
    path: str,
    reader: Reader,
    after_decision: bool,
) -> None:
    name = heading.text
    if any(s.heading == name for s in item.sections):
        reader.report.guess(
            heading.line,
            heading.line,
            "afsnit",
            f"'{name}' (2)",
            f"afsnittet '{name}' står to gange i punktet",
        )
        name = f"{name} (2)"
    printed = reader.report.source != "markdown"  # plain text, as from a PDF
    if heading.text.casefold() == phrases.H_CASE.casefold() and paragraphs:
        first = paragraphs[0]
        note = italic(first) or (plain(first.lines[0]) if printed else None)
        duration = DURATION.match(note) if note else None
        if duration and item.duration_minutes is None:
            item.duration_minutes = minutes(duration.group(1), first.line)
            rest = first.lines[1:] if printed else []
            paragraphs = ([Paragraph(first.line + 1, rest)] if rest else []) + paragraphs[1:]
    reader.where[f"{path}.sections[{len(item.sections)}]"] = heading.line
    text = "\n\n".join(_unwrapped(p.lines) if printed else p.text for p in paragraphs)
    item.sections.append(
        ix.Section(heading=name, text=text, after_decision=ix.unless(after_decision, False))
    )


# A list item's line in printed text: "- ", "• ", "1. ", "a) ".
_LIST_LINE = re.compile(r"^(?:[-–•▪◦*]\s+|\d{1,2}[.)]\s+|[a-zæøå]\)\s+)")


def _unwrapped(lines: list[str]) -> str:
    """A printed paragraph's lines as the text it was before the page wrapped it: one
    line, but for list items, each on a line of its own ("• " written as "- ")."""
    out: list[str] = []
    for line in lines:
        line = line.strip()
        bullet = _LIST_LINE.match(line)
        if bullet and bullet[0].strip() in ("•", "▪", "◦", "–", "*"):
            line = "- " + line[bullet.end() :]
        if out and not bullet:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def read_earlier(paragraphs: list[Paragraph]) -> list[ix.EarlierDecision] | None:
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


def read_recommendation(paragraphs: list[Paragraph]) -> ix.Recommendation | None:
    """'X indstiller,' and the 'at ...' points (numbered, bulleted, or inline: 'X
    indstiller, at ...'); None when worded otherwise (then kept as a section)."""
    lines = [line for p in paragraphs for line in p.lines]
    if not lines:
        return None
    first = lines[0].strip()
    by = _RECOMMENDS.match(first)
    points: list[str] = []
    if not by and first != phrases.NOBODY_RECOMMENDS:
        inline = _RECOMMENDS_INLINE.match(first)
        if not inline or (inline["by"] and " til " in f" {inline['by']} "):
            return None
        rest = inline["rest"].strip().lstrip(",:").strip()
        if rest:
            points.append(rest)
        by_name = inline["by"].strip() if inline["by"] else None
    else:
        by_name = by["by"].strip() if by else None
    for line in lines[1:]:
        point = _POINT.match(line)
        if point:
            points.append(point.group(1).strip())
        elif line.strip().casefold().startswith("at ") and not line.startswith(" "):
            points.append(line.strip())
        elif points:  # a point wrapped onto the next line
            points[-1] += "\n" + line.strip()
        else:
            return None
    return ix.Recommendation(by=by_name, points=points)


def read_attachments(paragraphs: list[Paragraph]) -> list[ix.Attachment]:
    out: list[ix.Attachment] = []
    for line in (line.strip() for p in paragraphs for line in p.lines):
        name = line[2:].strip() if line.startswith(("- ", "* ", "• ")) else line
        if links(name) and plain(name):
            name = plain(name)
        closed = name.endswith(phrases.CLOSED_ATTACHMENT)
        if closed:
            name = name[: -len(phrases.CLOSED_ATTACHMENT)].strip()
        out.append(ix.Attachment(name=without_facts(name), closed=closed))
    return out
