"""A published PDF read as a page, not only as text: words with their positions and fonts
(pdfplumber). What the layout says is turned into the plain text the text reader reads
(plaintext.tokens), and a few facts beside it:

- a vertical gap larger than the body's line spacing ends a paragraph (a blank line);
- a line set bold or larger than the body text, short and alone, is a heading, and a
  heading that wraps onto the next line in the same style is one heading;
- a line indented to where the text after a label began on the line above continues that
  value (a wrapped header field or item title), it is no new field;
- a wide gap between words (a table's columns, a label and its value) is kept as three
  spaces, which the header reader splits on;
- text that stands at the same place at the top or bottom of most pages is a running
  head or foot, and "Side x af y" is page furniture: both are left out;
- a page of titles with dot leaders and page numbers is a contents page, left out;
- a page set in two columns is read column by column;
- the PDF's outline (bookmarks) and, in a tagged PDF, its structure (H and P elements,
  Artifacts) say what the layout can only guess: a heading, a paragraph's end, furniture.

Every line left out is named in the report. The lines and what two lines say of each
other are in pdf_lines.py, running heads and feet, page numbers and contents pages in
pdf_furniture.py, what a tagged PDF's structure says in pdf_tags.py."""

from __future__ import annotations

import io
import itertools
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from projections.documents.interchange import DocumentError
from projections.documents.parse import conventions as cv
from projections.documents.parse import header_labels, item_markers, part_headings, pdf_tags
from projections.documents.parse.pdf_furniture import (
    LEADERS,
    PAGE_NUMBER,
    SIDE,
    contents_page,
    furniture_of,
    margin,
    shape,
)
from projections.documents.parse.pdf_lines import (
    PdfLine,
    columns,
    continues,
    heading_like,
    lines_of,
    wraps,
)
from projections.documents.parse.wrapping import SOFT_HYPHEN, joined


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


@dataclass
class PdfText:
    """The text to read, the line numbers that are headings by their typography, and
    what was left out: (line in the file's own numbering, what, why)."""

    text: str
    headings: set[int] = field(default_factory=set)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)


def read_pdf(data: bytes) -> PdfText:
    """The PDF's text as the text reader reads it (see the module's docstring)."""
    import pdfplumber  # only a PDF import needs it

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages: list[list[PdfLine]] = []
            tags = pdf_tags.tagged(pdf)
            for number, page in enumerate(pdf.pages):
                words = page.extract_words(
                    extra_attrs=["fontname", "size"],
                    x_tolerance=1.5,
                    keep_blank_chars=False,
                    return_chars=tags,  # a word's characters carry its marked-content id
                )
                lines = lines_of(words, number, float(page.height), float(page.width))
                if tags:
                    blocks = pdf_tags.blocks_of(pdf, page)
                    for ln in lines:
                        ln.tags = pdf_tags.line_tags(ln.words, blocks)
                pages.append(columns(lines, float(page.width)))
            outline = _outline(pdf)
    except Exception as e:  # a damaged PDF fails anywhere in pdfminer: bad input, one line
        raise DocumentError(f"PDF-filen kan ikke læses: {e}") from None
    if not any(pages):
        raise DocumentError("PDF-filen har ingen tekst (et scannet billede?)")
    return _layout(pages, outline)


def _outline(pdf: Any) -> set[str]:
    """The titles of the PDF's bookmarks (its outline), where it has them: a line that is
    one of them is a heading, bold or not."""
    from pdfminer.pdfdocument import PDFNoOutlines

    try:
        return {" ".join(str(entry[1]).split()) for entry in pdf.doc.get_outlines()}
    except PDFNoOutlines:
        return set()


def _body_size(pages: list[list[PdfLine]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _spacing(pages: list[list[PdfLine]], body: float) -> float:
    """The usual distance from one line's top to the next within a paragraph."""
    steps = [
        b.top - a.top
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if 0 < b.top - a.top < 3 * body and abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6
    ]
    # The smallest step that recurs: where most paragraphs are one line long, the
    # median would be the step across a paragraph's gap. A line's step is never more
    # than about one and a half times its size.
    counted = Counter(round(step * 2) / 2 for step in steps)
    recurring = sorted(step for step, n in counted.items() if n >= 2)
    base = recurring[0] if recurring else min(steps, default=body * 1.2)
    return min(base, body * 1.5)


def _layout(pages: list[list[PdfLine]], outline: set[str]) -> PdfText:
    body = _body_size(pages)
    step = _spacing(pages, body)
    furniture = furniture_of(pages)
    out: list[str] = []
    headings: set[int] = set()
    left_out: list[tuple[int, str, str]] = []
    prev: PdfLine | None = None
    prev_heading = False
    # The document's title is kept where it is also the running head of the pages after
    # it ("REFERAT Byrådet d. 7. april 2022"), unless the first page has a title of its own.
    running = {shape(ln.text) for i, ln in enumerate(pages[0]) if (0, i) in furniture}
    own_title = any(
        _titled(ln.text) or shape(ln.text) in running
        for i, ln in enumerate(pages[0])
        if (0, i) not in furniture
    )
    first_title_kept = own_title
    seen_item = False
    in_contents = False
    # The text's right edge (running heads and page numbers aside): where its longest
    # line ends, or, where no line is long, as far from the right as the text begins.
    body_lines = [ln for lines in pages for ln in lines if not margin(ln)] or pages[0]
    left = min(ln.x0 for ln in body_lines)
    edge = max(max(ln.x1 for ln in body_lines), body_lines[0].page_width - left)
    right = [edge for _ in pages]
    for p, lines in enumerate(pages):
        contents = contents_page(lines)
        for i, ln in enumerate(lines):
            text = ln.text.strip()
            number = len(out) + 1
            if not text:
                continue
            is_title = _titled(text)
            # A one-page file has no pages to compare: a line in its margin set smaller
            # than the text is its running head or foot.
            small = len(pages) == 1 and margin(ln) and ln.size < body * 0.85
            artifact = ln.tags is not None and ln.tags.artifact  # a tagged PDF says so
            if ((p, i) in furniture or small or artifact) and not (
                p == 0 and not first_title_kept and is_title
            ):
                left_out.append((number, "sidehoved/-fod", f"fjernet: '{text}'"))
                continue
            first_title_kept = first_title_kept or bool(is_title)
            if margin(ln) and (PAGE_NUMBER.match(text) or SIDE.search(text)):
                left_out.append((number, "sidehoved/-fod", f"fjernet: '{text}'"))
                continue
            if SIDE.search(text):  # "Byrådet 7. april 2022   Side 2 af 9"
                left_out.append((number, "sidehoved/-fod", f"fjernet: '{text}'"))
                continue
            if contents and (
                LEADERS.search(text) or cv.label_key(text) in part_headings.TOC_HEADINGS
            ):
                left_out.append((number, "indholdsfortegnelse", f"sprunget over: '{text}'"))
                continue
            heading = (
                heading_like(ln, body)
                or (ln.value_x is None and " ".join(text.split()) in outline)
                or (ln.tags is not None and ln.tags.heading)
            )
            if cv.label_key(text) in part_headings.TOC_HEADINGS:
                in_contents = True
                left_out.append((number, "indholdsfortegnelse", f"sprunget over: '{text}'"))
                continue
            if in_contents and not heading and item_markers.item_heading(text) is not None:
                # The contents as a list of the items' headings (a web page printed).
                left_out.append((number, "indholdsfortegnelse", f"sprunget over: '{text}'"))
                continue
            in_contents = False
            if heading and not seen_item and _HEADER_LABELS.get(cv.label_key(text)):
                # A header's label set bold without its colon ("Deltagere" over a list).
                text = f"{text.rstrip(':')}:"
                ln.text = text
                heading = False
            seen_item = seen_item or (heading and item_markers.item_heading(text) is not None)
            if prev is not None:
                same_page = prev.page == ln.page
                gap = ln.top - prev.top if same_page else None
                # Lines of different P or H elements of a tagged page are never joined
                # into one (pdf_tags).
                apart = same_page and pdf_tags.apart(prev.tags, ln.tags)
                if (
                    not apart
                    and heading
                    and prev_heading
                    and same_page
                    and gap is not None
                    and gap < 1.5 * max(ln.size, prev.size) * 1.25
                    and abs(ln.size - prev.size) < 0.6
                    and not item_markers.item_heading(text)
                    and not part_headings.known_heading(text)
                    and prev.x1 > right[prev.page] * 0.7  # wrapped: the line above was full
                ):
                    out[-1] = f"{out[-1]} {text}"  # a heading that wraps is one heading
                    prev = ln
                    continue
                if (
                    same_page
                    and gap is not None
                    and not apart
                    and continues(prev, ln, step)
                    and out[-1]
                ):
                    out[-1] = joined(out[-1], " ".join(text.split()))
                    ln.value_x = prev.value_x  # a third line continues the same value
                    prev = ln
                    continue
                new_paragraph = (
                    (same_page and gap is not None and gap > step * 1.3)
                    or (not same_page and prev.bottom < prev.page_height * 0.75)
                    # Across a page break no gap shows: a paragraph ended where the last
                    # line of the page ends a sentence and the next page begins one (a
                    # sentence ending just where the page wraps is rarer than a paragraph
                    # ending on a full line).
                    or (
                        not same_page
                        and prev.text.rstrip().endswith((".", ":", "!", "?"))
                        and text[:1].isupper()
                    )
                    or heading != prev_heading
                    or (heading and prev_heading)
                )
                wrapped = (
                    not new_paragraph
                    and bool(out and out[-1])
                    and wraps(prev, ln, right[prev.page], heading or prev_heading)
                )
                if new_paragraph or (wrapped and apart):
                    # A full line that a tagged page ends a P on ends its paragraph.
                    if out and out[-1] != "":
                        out.append("")
                elif wrapped:
                    # The page wrapped the paragraph here: one line, as it was written.
                    out[-1] = joined(out[-1], " ".join(text.split()))
                    prev = ln
                    continue
            if heading:
                headings.add(len(out) + 1)
            out.append(ln.text.strip() if ln.value_x is not None else " ".join(text.split()))
            prev, prev_heading = ln, heading
    return PdfText(_hyphens("\n".join(out)), headings, left_out)


def _hyphens(text: str) -> str:
    """A soft hyphen still in a line stands for a hyphen: some typesetters (Typst) map
    the hyphen's glyph to U+00AD ("00.01.00\u00adA00"); one at a line's end broke a word."""
    return text.replace(SOFT_HYPHEN, "-")


_HEADER_LABELS = {
    **header_labels.FIELDS,
    **header_labels.ATTENDANCE_LABELS,
    **header_labels.ROLE_LABELS,
}


def _titled(text: str) -> bool:
    text = " ".join(text.split())
    return bool(cv.TITLE.match(text) or cv.TITLE_AFTER.match(text))
