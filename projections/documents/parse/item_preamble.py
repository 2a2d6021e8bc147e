"""What stands between an item's heading and its first heading of its own: the case
number ("Sagsnr."/"Sags-id", or a bare number), the kind of item and the time set aside,
closed markers, the link to all attachments; and text that stood under no heading, kept
as a section of its own ("Uden overskrift")."""

from __future__ import annotations

import re

from domain.meeting.state import ItemKind
from domain.text import MINUTES_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse import item_markers
from projections.documents.parse.decision import CARRIED, item_ref
from projections.documents.parse.report import ImportReport
from projections.documents.parse.tokens import (
    Heading,
    Paragraph,
    Reader,
    italic,
    links,
    plain,
    whole_number,
)
from projections.documents.render import phrases

UNTITLED = "Uden overskrift"  # the heading given to text that stood under none
DURATION = re.compile(r"^\(([0-9]+)\s*min\.?\)$")
_NEXT_LABEL = re.compile(r"\s+(?=[A-ZÆØÅ][\wæøå.-]{2,30}:)")
_KINDS: dict[str, ItemKind] = {
    label.casefold(): kind for kind, label in phrases.KIND_LABELS.items()
}


def read_preamble(
    reader: Reader, item: ix.Item, heading: Heading, path: str, labels: list[str]
) -> None:
    """Case number, kind, time set aside, closed markers and links set down between the
    item's heading and its first; any other text is kept as a section of its own."""
    report = reader.report
    loose: list[Paragraph] = []
    for paragraph in reader.paragraphs():
        note = italic(paragraph)
        duration = DURATION.match(note) if note else None
        at = paragraph.line
        if duration and item.duration_minutes is None:
            item.duration_minutes = minutes(duration.group(1), at)
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
        keep_untitled(item, loose, report, path, reader.where)


def _preamble_line(
    item: ix.Item, line: str, at: int, reader: Reader, labels: list[str], first: bool
) -> str:
    """What is left of the line when its case number, closed marker or link is read
    ("" when all of it was)."""
    report = reader.report
    text = plain(line)
    # Plain text (a PDF's) prints the kind and the time set aside without italics.
    duration = DURATION.match(text)
    if duration and item.duration_minutes is None:
        item.duration_minutes = minutes(duration.group(1), at)
        report.note(at, at, "tidsforbrug", f"{item.duration_minutes} min.")
        return ""
    if item.kind is None and _meta(item, text):
        report.note(at, at, "punktets art", text)
        return ""
    if item_markers.CLOSED_LINE.match(text):
        item.closed = True
        report.note(at, at, "lukket", f"'{text}'")
        return ""
    case = item_markers.CASE_NUMBER.match(text)
    if case and item.case_number is None:
        # "Sagsnr.: 22/1234  Sagsansvarlig: Ib Lund": the number ends where a label begins.
        value, *rest = _NEXT_LABEL.split(case["value"].strip(), maxsplit=1)
        item.case_number = value.strip()
        labels.append(text[: case.start("value")].strip().rstrip(":").strip())
        report.note(at, at, "sagsnummer", item.case_number)
        return rest[0] if rest else ""
    if item_markers.ALL_ATTACHMENTS.match(text):
        found = links(line)
        name = f"{text} ({found[0][1]})" if found and found[0][1] else text
        item.attachments.append(ix.Attachment(name=name))
        report.note(at, at, "bilag", f"link: {name}")
        return ""
    bare = item_markers.BARE_CASE_NUMBER.match(text.strip())
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
    keep_untitled(item, paragraphs, report, f"meeting.items[{index}]", where)
    if paragraphs[0].line < where.get(f"meeting.items[{index}]", 0):
        item.sections.insert(0, item.sections.pop())


def keep_untitled(
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


def minutes(digits: str, line: int) -> int:
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
