"""An item: its heading in any of the usual forms ("## Punkt 3: Titel", "3. Titel",
"Pkt. 3 Titel (Lukket punkt)", "Closed: Titel"), the lines under it (case number,
"Sagsnr."/"Sags-id", closed markers, "Se alle bilag"), and the parts under its own headings
(recommendation, sections, earlier decisions of other bodies, decision, attachments), in
their printed order: a section printed after the decision stays after it. The lines
under the heading are read in item_preamble.py, the parts under their own headings in
item_sections.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from projections.documents import interchange as ix
from projections.documents.parse import conventions as cv
from projections.documents.parse import item_markers, part_headings
from projections.documents.parse.dates import find_date
from projections.documents.parse.decision import Context, read_decision
from projections.documents.parse.item_preamble import keep_untitled, read_preamble
from projections.documents.parse.item_sections import (
    read_attachments,
    read_earlier,
    read_recommendation,
    read_section,
)
from projections.documents.parse.report import fail
from projections.documents.parse.tokens import (
    Heading,
    Reader,
    Token,
    plain,
)
from projections.documents.referat import CLOSED_MARK
from projections.documents.render import phrases

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
        item_markers.item_heading(token.text) is not None
        or (token.level <= 2 and token.text.casefold() in _ENDINGS)
        or bool(item_markers.CLOSED_PART.match(key) or item_markers.OPEN_PART.match(key))
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
    for pattern in (item_markers.CLOSED_PREFIX, item_markers.CLOSED_SUFFIX):
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
    read_preamble(reader, item, heading, path, meeting.case_labels)
    decided = False
    while (token := reader.peek()) is not None and not ends_items(token):
        assert isinstance(token, Heading)  # paragraphs were taken by the one before
        reader.advance()
        paragraphs = reader.paragraphs()
        last = paragraphs[-1].line + len(paragraphs[-1].lines) - 1 if paragraphs else token.line
        key = cv.label_key(token.text)
        if not key:
            report.note(token.line, last, "afsnit", "tom overskrift sprunget over")
            keep_untitled(item, paragraphs, report, path, reader.where)
            continue
        recommends = (
            key in part_headings.RECOMMENDATION_HEADINGS
            or part_headings.RECOMMENDATION_GENITIVE.match(key)
        )
        if recommends and item.recommendation is None:
            item.recommendation = read_recommendation(paragraphs)
            if item.recommendation is not None:
                # Printed after sections (Resumé, Sagsfremstilling): its place is kept.
                item.recommendation_at = ix.unless(len(item.sections), 0)
                reader.where[f"{path}.recommendation"] = token.line
                report.note(
                    token.line, last, "indstilling", f"{len(item.recommendation.points)} at-punkter"
                )
                continue
        if item_markers.CLOSED_LINE.match(key):
            item.closed = True
            report.note(token.line, token.line, "lukket", "punktet er lukket")
            if paragraphs:
                keep_untitled(item, paragraphs, report, path, reader.where)
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
        if (key in part_headings.DECISION_HEADINGS or _this_body(key, meeting)) and not decided:
            decided = True
            reader.where[f"{path}.decision"] = token.line
            report.note(token.line, token.line, "beslutning", "overskrift")
            read_decision(item, paragraphs, path, reader.where, meeting.ctx)
            continue
        if key in part_headings.ATTACHMENT_HEADINGS:
            # An empty Bilag heading has nothing to keep: it is not exported again.
            reader.where[f"{path}.attachments"] = token.line
            item.attachments.extend(read_attachments(paragraphs))
            report.note(token.line, last, "bilag", f"{len(item.attachments)} bilag")
            continue
        if key in part_headings.EARLIER_HEADINGS and (found := read_earlier(paragraphs)):
            reader.where[f"{path}.earlier_decisions"] = token.line
            item.earlier_decisions.extend(found)
            report.note(token.line, last, "tidligere beslutning", f"{len(found)} beslutninger")
            continue
        read_section(item, token, paragraphs, path, reader, decided)
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
    found = item_markers.MAYBE_CLOSED.search(words) or item_markers.MAYBE_CLOSED.search(first[:200])
    if found:
        reader.report.might_be_closed(heading.line, index, item.title, f"'{found.group(0)}'")


def _other_body(
    key: str, text: str, meeting: Meeting
) -> tuple[str, date | None, str | None] | None:
    """ "Beslutning i Økonomiudvalget den 05-01-2022", "Økonomiudvalget, 18. september
    2019, pkt. 153": the body, date and item, when the body is not the one whose minutes
    these are (or the date is not this meeting's)."""
    if key in part_headings.DECISION_HEADINGS or key in part_headings.SECTION_HEADINGS:
        return None
    at_item = part_headings.BODY_AT_ITEM.match(plain(text).strip())
    if at_item:
        found = find_date(at_item["date"])
        body = at_item["body"].strip(" ,:–-")
        if found and not (_same_body(body, meeting.forum) and found.day == meeting.date):
            return body, found.day, at_item["item"]
        return None
    match = part_headings.BODY_DECISION.match(
        plain(text)
    ) or part_headings.BODY_DECISION_GENITIVE.match(plain(text))
    if not match:
        return None
    body = match["body"].strip(" ,:–-")
    found = find_date(match["date"] or "")
    day = found.day if found else None
    if _same_body(body, meeting.forum) and day in (None, meeting.date):
        return None
    return body, day, None


def _this_body(key: str, meeting: Meeting) -> bool:
    match = part_headings.BODY_DECISION.match(key) or part_headings.BODY_DECISION_GENITIVE.match(
        key
    )
    if match is None or "indstilling" in key:
        return False
    found = find_date(match["date"] or "")
    return _same_body(match["body"], meeting.forum) and (found is None or found.day == meeting.date)


def _same_body(body: str, forum: str) -> bool:
    a, b = body.casefold().strip(), forum.casefold().strip()
    stem = min(len(a), len(b), max(6, min(len(a), len(b)) - 3))
    return a[:stem] == b[:stem]
