"""What stands between an item's heading and its first heading of its own: the case
number ("Sagsnr."/"Sags-id", or a bare number), the kind of item and the time set aside,
closed markers, the link to all attachments; and text that stood under no heading, kept
as a section of its own ("Uden overskrift")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.meeting.state import ItemKind
from domain.text import MINUTES_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse import item_markers
from projections.documents.parse.conventions import Recognisers
from projections.documents.parse.decision_recognisers import CARRIED, item_ref
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
    found = PREAMBLE_LINES.read(PreambleLine(item, line, plain(line), at, first))
    if found is None:
        return line
    if found.label is not None:
        labels.append(found.label)
    if found.guess is not None:
        reader.report.guess(at, at, found.what, found.note, found.guess)
    else:
        reader.report.note(at, at, found.what, found.note)
    return found.rest


# -- the lines under an item's heading, tried in order (conventions.Recognisers): each
# sets what it reads on the item and says what to report.


@dataclass(frozen=True)
class PreambleLine:
    item: ix.Item
    line: str  # as written, with its markup and links
    text: str  # without them
    at: int
    first: bool  # the first line under the heading, on its own


@dataclass(frozen=True)
class Read:
    what: str  # the report's name for it
    note: str
    rest: str = ""  # what is left of the line to keep as text
    label: str | None = None  # the case number's label, as printed
    guess: str | None = None  # why it is a guess, where it is one


def duration_line(given: PreambleLine) -> Read | None:
    """ "(30 min.)": plain text (a PDF's) prints it without italics."""
    duration = DURATION.match(given.text)
    if not duration or given.item.duration_minutes is not None:
        return None
    given.item.duration_minutes = minutes(duration.group(1), given.at)
    return Read("tidsforbrug", f"{given.item.duration_minutes} min.")


def kind_line(given: PreambleLine) -> Read | None:
    """ "Orienteringssag, tillægsdagsorden": the kind of item, in plain text."""
    if given.item.kind is not None or not _meta(given.item, given.text):
        return None
    return Read("punktets art", given.text)


def closed_line(given: PreambleLine) -> Read | None:
    """ "Lukket punkt"."""
    if not item_markers.CLOSED_LINE.match(given.text):
        return None
    given.item.closed = True
    return Read("lukket", f"'{given.text}'")


def case_number_line(given: PreambleLine) -> Read | None:
    """ "Sagsnr.: 22/1234  Sagsansvarlig: Ib Lund": the number ends where a label begins."""
    case = item_markers.CASE_NUMBER.match(given.text)
    if not case or given.item.case_number is not None:
        return None
    value, *rest = _NEXT_LABEL.split(case["value"].strip(), maxsplit=1)
    given.item.case_number = value.strip()
    label = given.text[: case.start("value")].strip().rstrip(":").strip()
    return Read("sagsnummer", given.item.case_number, rest[0] if rest else "", label)


def all_attachments_line(given: PreambleLine) -> Read | None:
    """ "Alle bilag" with its link."""
    if not item_markers.ALL_ATTACHMENTS.match(given.text):
        return None
    found = links(given.line)
    name = f"{given.text} ({found[0][1]})" if found and found[0][1] else given.text
    given.item.attachments.append(ix.Attachment(name=name))
    return Read("bilag", f"link: {name}")


def bare_case_number_line(given: PreambleLine) -> Read | None:
    """ "00.01.00-A00-1-22", or a short first line without a link: a guess."""
    if given.item.case_number is not None:
        return None
    bare = item_markers.BARE_CASE_NUMBER.match(given.text.strip())
    if not bare and not (given.first and _short(given.text) and not links(given.line)):
        return None
    given.item.case_number = given.line.strip()
    if bare:
        return Read("sagsnummer", given.item.case_number)
    why = f"uventet tekst under punktets overskrift: '{given.text}'"
    return Read("sagsnummer", given.item.case_number, guess=why)


PREAMBLE_LINES: Recognisers[PreambleLine, Read] = Recognisers(
    (
        duration_line,
        kind_line,
        closed_line,
        case_number_line,
        all_attachments_line,
        bare_case_number_line,
    )
)


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
