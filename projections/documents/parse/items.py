"""An item: its heading in any of the usual forms ("## Punkt 3: Titel", "3. Titel",
"Pkt. 3 Titel (Lukket punkt)", "Closed: Titel"), the lines under it (case number,
"Sagsnr."/"Sags-id", closed markers, "Se alle bilag"), and the parts under its own headings
(recommendation, sections, earlier decisions of other bodies, decision, attachments), in
their printed order: a section printed after the decision stays after it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain.meeting.state import ItemKind
from domain.text import MINUTES_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse import conventions as cv
from projections.documents.parse.dates import DAY, day_of, find_date
from projections.documents.parse.decision import CARRIED, Context, item_ref, read_decision
from projections.documents.parse.report import ImportReport, fail
from projections.documents.parse.tokens import (
    Heading,
    Paragraph,
    Reader,
    Token,
    italic,
    links,
    plain,
    whole_number,
)
from projections.documents.referat import CLOSED_MARK
from projections.documents.render import phrases
from projections.documents.render.bilag import without_facts

UNTITLED = "Uden overskrift"  # the heading given to text that stood under none
_DURATION = re.compile(r"^\(([0-9]+)\s*min\.?\)$")
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
_NEXT_LABEL = re.compile(r"\s+(?=[A-ZÆØÅ][\wæøå.-]{2,30}:)")
_KINDS: dict[str, ItemKind] = {
    label.casefold(): kind for kind, label in phrases.KIND_LABELS.items()
}
_ENDINGS = {
    phrases.H_APPROVALS.casefold(),
    phrases.H_CORRECTIONS.casefold(),
    phrases.H_TOC.casefold(),
}


def ends_items(token: Token) -> bool:
    """The next item's heading, a part of the minutes, or a heading after the items."""
    if not isinstance(token, Heading):
        return False
    key = cv.label_key(token.text)
    return (
        cv.item_heading(token.text) is not None
        or (token.level <= 2 and token.text.casefold() in _ENDINGS)
        or bool(cv.CLOSED_PART.match(key) or cv.OPEN_PART.match(key))
    )


@dataclass
class Meeting:
    """What an item's reading needs of the meeting."""

    forum: str
    date: date
    ctx: Context
    # The labels printed before the items' case numbers ("Sagsnr.", "Sagsid."), as read.
    case_labels: list[str] = field(default_factory=list)


def closed_title(title: str) -> tuple[str, bool]:
    """The title without a closed marker, and whether there was one."""
    closed = False
    for pattern in (cv.CLOSED_PREFIX, cv.CLOSED_SUFFIX):
        stripped = pattern.sub("", title, count=1)
        if stripped != title:
            title, closed = stripped.strip(), True
    if title.endswith(CLOSED_MARK):
        title, closed = title[: -len(CLOSED_MARK)].strip(), True
    return title, closed


def read_item(
    reader: Reader, heading: Heading, title: str, index: int, meeting: Meeting, closed_part: bool
) -> ix.Item:
    path = f"meeting.items[{index}]"
    report = reader.report
    reader.where[path] = heading.line
    title, closed = closed_title(title)
    if not title:
        raise fail(heading.line, "punktet har ingen titel")
    item = ix.Item(title=title, closed=closed or closed_part)
    report.note(
        heading.line, heading.line, "punkt", f"'{title}'" + (" (lukket)" if item.closed else "")
    )
    _preamble(reader, item, heading, path, meeting.case_labels)
    decided = False
    while (token := reader.peek()) is not None and not ends_items(token):
        assert isinstance(token, Heading)  # paragraphs were taken by the one before
        reader.advance()
        paragraphs = reader.paragraphs()
        last = paragraphs[-1].line + len(paragraphs[-1].lines) - 1 if paragraphs else token.line
        key = cv.label_key(token.text)
        if not key:
            report.note(token.line, last, "afsnit", "tom overskrift sprunget over")
            _untitled(item, paragraphs, report, path, reader.where)
            continue
        recommends = key in cv.RECOMMENDATION_HEADINGS or cv.RECOMMENDATION_GENITIVE.match(key)
        if recommends and item.recommendation is None:
            item.recommendation = _recommendation(paragraphs)
            if item.recommendation is not None:
                # Printed after sections (Resumé, Sagsfremstilling): its place is kept.
                item.recommendation_at = ix.unless(len(item.sections), 0)
                reader.where[f"{path}.recommendation"] = token.line
                report.note(
                    token.line, last, "indstilling", f"{len(item.recommendation.points)} at-punkter"
                )
                continue
        if cv.CLOSED_LINE.match(key):
            item.closed = True
            report.note(token.line, token.line, "lukket", "punktet er lukket")
            if paragraphs:
                _untitled(item, paragraphs, report, path, reader.where)
            continue
        earlier = _other_body(key, token.text, meeting)
        if earlier is not None:
            body, day, number = earlier
            text = "\n\n".join(p.text for p in paragraphs)
            if text:
                reader.where[f"{path}.earlier_decisions"] = token.line
                item.earlier_decisions.append(
                    ix.EarlierDecision(body=body, date=day, item=number, text=text)
                )
                report.note(
                    token.line,
                    last,
                    "tidligere beslutning",
                    f"{body}{', ' + day.isoformat() if day else ''}",
                )
                continue
        if (key in cv.DECISION_HEADINGS or _this_body(key, meeting)) and not decided:
            decided = True
            reader.where[f"{path}.decision"] = token.line
            report.note(token.line, token.line, "beslutning", "overskrift")
            read_decision(item, paragraphs, path, reader.where, meeting.ctx)
            continue
        if key in cv.ATTACHMENT_HEADINGS:
            # An empty Bilag heading has nothing to keep: it is not exported again.
            reader.where[f"{path}.attachments"] = token.line
            item.attachments.extend(_attachments(paragraphs))
            report.note(token.line, last, "bilag", f"{len(item.attachments)} bilag")
            continue
        if key in cv.EARLIER_HEADINGS and (found := _earlier(paragraphs)):
            reader.where[f"{path}.earlier_decisions"] = token.line
            item.earlier_decisions.extend(found)
            report.note(token.line, last, "tidligere beslutning", f"{len(found)} beslutninger")
            continue
        _section(item, token, paragraphs, path, reader, decided)
        report.note(
            token.line,
            last,
            "afsnit",
            f"'{token.text}'" + (" (efter beslutningen)" if decided else ""),
        )
    _maybe_closed(item, heading, index, reader)
    return item


def _maybe_closed(item: ix.Item, heading: Heading, index: int, reader: Reader) -> None:
    """An item that no marker closes but whose title or first words speak of closing."""
    if item.closed:
        return
    words = item.title
    first = next((s.text for s in item.sections), "")
    if item.decision and not first:
        first = item.decision.text
    found = cv.MAYBE_CLOSED.search(words) or cv.MAYBE_CLOSED.search(first[:200])
    if found:
        reader.report.might_be_closed(heading.line, index, item.title, f"'{found.group(0)}'")


def _other_body(
    key: str, text: str, meeting: Meeting
) -> tuple[str, date | None, str | None] | None:
    """ "Beslutning i Økonomiudvalget den 05-01-2022", "Økonomiudvalget, 18. september
    2019, pkt. 153": the body, date and item, when the body is not the one whose minutes
    these are (or the date is not this meeting's)."""
    if key in cv.DECISION_HEADINGS or key in cv.SECTION_HEADINGS:
        return None
    at_item = cv.BODY_AT_ITEM.match(plain(text).strip())
    if at_item:
        found = find_date(at_item["date"])
        body = at_item["body"].strip(" ,:–-")
        if found and not (_same_body(body, meeting.forum) and found.day == meeting.date):
            return body, found.day, at_item["item"]
        return None
    match = cv.BODY_DECISION.match(plain(text)) or cv.BODY_DECISION_GENITIVE.match(plain(text))
    if not match:
        return None
    body = match["body"].strip(" ,:–-")
    found = find_date(match["date"] or "")
    day = found.day if found else None
    if _same_body(body, meeting.forum) and day in (None, meeting.date):
        return None
    return body, day, None


def _this_body(key: str, meeting: Meeting) -> bool:
    match = cv.BODY_DECISION.match(key) or cv.BODY_DECISION_GENITIVE.match(key)
    if match is None or "indstilling" in key:
        return False
    found = find_date(match["date"] or "")
    return _same_body(match["body"], meeting.forum) and (found is None or found.day == meeting.date)


def _same_body(body: str, forum: str) -> bool:
    a, b = body.casefold().strip(), forum.casefold().strip()
    stem = min(len(a), len(b), max(6, min(len(a), len(b)) - 3))
    return a[:stem] == b[:stem]


def _preamble(
    reader: Reader, item: ix.Item, heading: Heading, path: str, labels: list[str]
) -> None:
    """Case number, kind, time set aside, closed markers and links set down between the
    item's heading and its first; any other text is kept as a section of its own."""
    report = reader.report
    loose: list[Paragraph] = []
    for paragraph in reader.paragraphs():
        note = italic(paragraph)
        duration = _DURATION.match(note) if note else None
        at = paragraph.line
        if duration and item.duration_minutes is None:
            item.duration_minutes = _minutes(duration.group(1), at)
            report.note(at, at, "tidsforbrug", f"{item.duration_minutes} min.")
            continue
        if note and _meta(item, note):
            report.note(at, at, "punktets art", note)
            continue
        carried = CARRIED.match(note) if note else None
        if carried and (ref := item_ref(carried)) is not None:
            item.carried_from = ref
            report.note(at, at, "udsat fra", note or "")
            continue
        rest: list[str] = []
        first_left: int | None = None
        for offset, line in enumerate(paragraph.lines):
            first = not loose and not rest and len(paragraph.lines) == 1
            left = _preamble_line(item, line, at + offset, reader, labels, first=first)
            if left:
                first_left = at + offset if first_left is None else first_left
                rest.append(left)
        if rest and first_left is not None:
            loose.append(Paragraph(first_left, rest))
    if loose:
        _untitled(item, loose, report, path, reader.where)


def _preamble_line(
    item: ix.Item, line: str, at: int, reader: Reader, labels: list[str], first: bool
) -> str:
    """What is left of the line when its case number, closed marker or link is read
    ("" when all of it was)."""
    report = reader.report
    text = plain(line)
    # Plain text (a PDF's) prints the kind and the time set aside without italics.
    duration = _DURATION.match(text)
    if duration and item.duration_minutes is None:
        item.duration_minutes = _minutes(duration.group(1), at)
        report.note(at, at, "tidsforbrug", f"{item.duration_minutes} min.")
        return ""
    if item.kind is None and _meta(item, text):
        report.note(at, at, "punktets art", text)
        return ""
    if cv.CLOSED_LINE.match(text):
        item.closed = True
        report.note(at, at, "lukket", f"'{text}'")
        return ""
    case = cv.CASE_NUMBER.match(text)
    if case and item.case_number is None:
        # "Sagsnr.: 22/1234  Sagsansvarlig: Ib Lund": the number ends where a label begins.
        value, *rest = _NEXT_LABEL.split(case["value"].strip(), maxsplit=1)
        item.case_number = value.strip()
        labels.append(text[: case.start("value")].strip().rstrip(":").strip())
        report.note(at, at, "sagsnummer", item.case_number)
        return rest[0] if rest else ""
    if cv.ALL_ATTACHMENTS.match(text):
        found = links(line)
        name = f"{text} ({found[0][1]})" if found and found[0][1] else text
        item.attachments.append(ix.Attachment(name=name))
        report.note(at, at, "bilag", f"link: {name}")
        return ""
    bare = cv.BARE_CASE_NUMBER.match(text.strip())
    if item.case_number is None and (bare or (first and _short(text) and not links(line))):
        item.case_number = line.strip()
        if bare:
            report.note(at, at, "sagsnummer", item.case_number)
        else:
            report.guess(
                at,
                at,
                "sagsnummer",
                item.case_number,
                f"uventet tekst under punktets overskrift: '{text}'",
            )
        return ""
    return line


def _short(text: str) -> bool:
    return len(text) <= 40 and len(text.split()) <= 3 and not text.endswith(".")


def keep_with(
    item: ix.Item,
    paragraphs: list[Paragraph],
    report: ImportReport,
    index: int,
    where: dict[str, int],
) -> None:
    """Text of the closed part that stood before an item's heading (or after the last),
    kept as a section of that closed item: first when it stood before it."""
    _untitled(item, paragraphs, report, f"meeting.items[{index}]", where)
    if paragraphs[0].line < where.get(f"meeting.items[{index}]", 0):
        item.sections.insert(0, item.sections.pop())


def _untitled(
    item: ix.Item,
    paragraphs: list[Paragraph],
    report: ImportReport,
    path: str,
    where: dict[str, int],
) -> None:
    """Text that stood under no heading, kept where it stood as a section."""
    if not paragraphs:
        return
    first, last = paragraphs[0].line, paragraphs[-1].line + len(paragraphs[-1].lines) - 1
    heading = UNTITLED
    n = 2
    while any(s.heading == heading for s in item.sections):
        heading, n = f"{UNTITLED} {n}", n + 1
    where[f"{path}.sections[{len(item.sections)}]"] = first
    item.sections.append(ix.Section(heading=heading, text="\n\n".join(p.text for p in paragraphs)))
    report.unplaced(
        first,
        last,
        f"afsnittet '{heading}'",
        "uventet tekst under punktets overskrift (forventede journalnummer"
        " og en overskrift som '### Indstilling')",
    )


def _minutes(digits: str, line: int) -> int:
    return whole_number(digits, line, MINUTES_LIMIT, "tidsforbruget")


def _meta(item: ix.Item, note: str) -> bool:
    words = [w.strip().casefold() for w in note.split(",")]
    if not all(w in _KINDS or w == phrases.SUPPLEMENTARY for w in words):
        return False
    for word in words:
        if word == phrases.SUPPLEMENTARY:
            item.supplementary = True
        else:
            item.kind = _KINDS[word]
    return True


def _section(
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
        duration = _DURATION.match(note) if note else None
        if duration and item.duration_minutes is None:
            item.duration_minutes = _minutes(duration.group(1), first.line)
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


def _attachments(paragraphs: list[Paragraph]) -> list[ix.Attachment]:
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
