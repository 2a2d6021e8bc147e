"""Plain text as `pdftotext -layout` (or pypdf's layout mode) gives it from a published
PDF: no Markdown, so headings are known by the conventions of minutes alone (an item's
number and title on a line of its own, the usual part names such as "Beslutning"), and
the page furniture (running headers and footers, "Side 2 af 9") is taken out."""

from __future__ import annotations

import re
from collections import Counter

from projections.documents.parse import conventions as cv
from projections.documents.parse import item_markers, part_headings
from projections.documents.parse.dates import find_date
from projections.documents.parse.report import ImportReport
from projections.documents.parse.tokens import Heading, Paragraph, Token

# "Plan- og Boligudvalget 9. november 2022        Side 1/2": a running line with the page.
_RUNNING_PAGE = re.compile(r"\s{3,}side\s+\d+\s*(?:af|/)\s*\d+\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:side\s+\d+\s*(?:af|/)\s*\d+|side\s+\d+|\d+\s*/\s*\d+|-\s*\d+\s*-|\d{1,3})\s*$",
    re.IGNORECASE,
)


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines that stand at the top or bottom of most pages: running headers and footers
    (a page number in them is ignored when comparing)."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        filled = [line for line in page if line.strip()]
        for line in {*filled[:2], *filled[-2:]}:
            seen[_shape(line)] += 1
    return {shape for shape, n in seen.items() if n >= max(3, len(pages) * 0.6)}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def clean(text: str, report: ImportReport) -> str:
    """The text with page furniture blanked out (line numbers kept: a form feed starts a
    page, it is not a line), each blanked line named in the report."""
    lines = text.split("\n")
    pages: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("\f"):
            pages.append([])
        pages[-1].append(line.replace("\f", ""))
    furniture = _furniture(pages)
    # The document's first line is its title even where the title is also the running
    # header of the pages after it ("REFERAT Byrådet d. 7. april 2022" on every page).
    # Not where the first page has a title of its own below its running header.
    titles = [
        line
        for line in pages[0]
        if cv.TITLE.match(line.strip()) or cv.TITLE_AFTER.match(line.strip())
    ]
    title = next((line for line in pages[0] if line.strip()), "")
    keep_title = titles[:1] == [title] and all(_shape(t) == _shape(title) for t in titles)
    out: list[str] = []
    for number, line in enumerate((x for page in pages for x in page), start=1):
        if keep_title and line is title:
            keep_title = False
            out.append(line)
        elif line.strip() and (
            _PAGE_NUMBER.match(line) or _RUNNING_PAGE.search(line) or _shape(line) in furniture
        ):
            report.note(number, number, "sidehoved/-fod", f"fjernet: '{line.strip()}'")
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


# "Beslutning        Godkendt.": a part's name in the margin, its text beside it.
_MARGIN_LABEL = re.compile(r"^\s*(?P<label>[A-ZÆØÅ][\wæøå ]{2,40}?)\s{3,}(?P<text>\S.*)$")
# "Punkt 3 ....... 5", "Punkt 3      5", and leaders of spaced dots ". . .. . 5" (Typst).
_CONTENTS_LINE = re.compile(r"(?:\.{3,}|\s{3,}|(?:\s*\.){3,})\s*\d+\s*$")


_GAP = re.compile(r"\s{3,}")
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,})$")
# A sentence naming another item: "Punkt 28. ... udsat.", "Pkt. 4 blev behandlet efter pkt. 6."
_ABOUT_ITEM = re.compile(r"^(?:punkt|pkt\.?)\s*\d+\w?\b.*[.!]$", re.IGNORECASE)


def tokens(text: str, typographic: frozenset[int] = frozenset()) -> list[Token]:
    """Headings and paragraphs of plain text: a line is a heading when it is an item's
    heading (after a blank line, its number next in order) or a part of an item standing
    alone ("Beslutning", "Beslutning i Økonomiudvalget den 05-01-2022"). From a PDF,
    `typographic` holds the lines set as headings (bold or large, alone): after the header
    such a line is a heading whatever its words."""
    out: list[Token] = []
    paragraph: Paragraph | None = None
    expected: int | None = None
    lines = text.split("\n")
    for index, raw in enumerate(lines):
        number = index + 1
        if expected is None:
            # Before the first item (the header), a wide gap is kept as three spaces: it
            # parts a label from its value where a PDF's header is a table without colons.
            line = "   ".join(" ".join(part.split()) for part in _GAP.split(raw.strip()))
        else:
            line = " ".join(raw.split())
        if not line:
            paragraph = None
            continue
        if _UNDERLINE.match(line) and paragraph is None and out and isinstance(out[-1], Heading):
            continue  # "=====" under a heading, as the text export sets its headings
        if _UNDERLINE.match(line) and paragraph is not None and len(paragraph.lines) == 1:
            # A line underlined is a heading ("Punkt 3: Titel" over "======").
            out[-1] = Heading(paragraph.line, 2, paragraph.lines[0])
            paragraph = None
            continue
        found = item_markers.item_heading(line)
        is_item = False
        if found is not None and paragraph is None and not _CONTENTS_LINE.search(raw):
            if line[:1].isalpha():  # "Punkt 3: ...", "Pkt. 3 ..."
                # "Punkt 28. Sagen blev udsat.": a sentence of a decision about another
                # item, not the next item's heading.
                is_item = not _ABOUT_ITEM.match(line) or (
                    expected is not None and found[0] == str(expected)
                )
            elif found[0].isdigit():
                is_item = expected is None or int(found[0]) == expected
        key = cv.label_key(line)
        standalone = (
            len(line) <= 90
            and not line.endswith((".", ","))
            and (
                key in part_headings.SECTION_HEADINGS
                or key in part_headings.TOC_HEADINGS
                or key in part_headings.APPROVAL_HEADINGS
                or bool(item_markers.CLOSED_LINE.match(key))
                or bool(item_markers.CLOSED_PART.match(key) or item_markers.OPEN_PART.match(key))
                or bool(
                    (
                        part_headings.BODY_DECISION.match(key)
                        or part_headings.BODY_DECISION_GENITIVE.match(key)
                    )
                    and find_date(line)
                )
                or bool(part_headings.RECOMMENDATION_GENITIVE.match(key))
                or bool(part_headings.BODY_AT_ITEM.match(line))
            )
        )
        margin = _MARGIN_LABEL.match(raw) if not (is_item or standalone) else None
        if margin and cv.label_key(margin["label"]) in part_headings.SECTION_HEADINGS:
            out.append(Heading(number, 2, margin["label"].strip()))
            paragraph = Paragraph(number, [" ".join(margin["text"].split())])
            out.append(paragraph)
            continue
        if number in typographic and expected is not None and not (is_item or standalone):
            out.append(Heading(number, 3, line))
            paragraph = None
            continue
        if is_item or standalone:
            if is_item and found is not None and found[0].isdigit():
                expected = int(found[0]) + 1
            out.append(Heading(number, 2, line))
            paragraph = None
            continue
        if paragraph is None:
            paragraph = Paragraph(number, [])
            out.append(paragraph)
        paragraph.lines.append(line)
    return out
