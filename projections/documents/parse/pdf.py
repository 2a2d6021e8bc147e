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
- a page set in two columns is read column by column.

Every line left out is named in the report."""

from __future__ import annotations

import io
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from projections.documents.interchange import DocumentError
from projections.documents.parse import conventions as cv
from projections.documents.parse.wrapping import SOFT_HYPHEN, joined

_LEADERS = re.compile(r"(?:\.{3,}|…{2,}|(?:\s*\.){4,}|_{3,})\s*\d+\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:side\s+\d+\s*(?:af|/)\s*\d+|side\s+\d+|\d+\s*/\s*\d+|-\s*\d+\s*-|\d{1,3})\s*$",
    re.IGNORECASE,
)
_SIDE = re.compile(r"\bside\s+\d+\s*(?:af|/)\s*\d+\s*$", re.IGNORECASE)
_ITEM_START = re.compile(r"^(?:(?:punkt|pkt\.?|sag)\s+)?\d+[.):]?\s+\S", re.IGNORECASE)
# How far apart (in points) two things may be and still count as "at the same place".
_SAME_PLACE = 3.0
_MARGIN_SHARE = 0.12  # the top and bottom share of a page where running heads stand


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    words: list[dict[str, object]]
    size: float
    bold: bool
    text: str = ""
    value_x: float | None = None  # where the text after a wide gap begins
    page_height: float = 0.0
    page_width: float = 0.0


@dataclass
class PdfText:
    """The text to read, the line numbers that are headings by their typography, and
    what was left out: (line in the file's own numbering, what, why)."""

    text: str
    headings: set[int] = field(default_factory=set)
    left_out: list[tuple[int, str, str]] = field(default_factory=list)


def _bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].casefold()
    return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))


def _lines_of(
    words: list[dict[str, object]], page: int, height: float, width: float
) -> list[_Line]:
    """Words grouped into lines by their baseline, each line's words left to right."""
    rows: list[list[dict[str, object]]] = []
    for word in sorted(words, key=lambda w: (float(w["bottom"]), float(w["x0"]))):  # type: ignore[arg-type]
        if rows and abs(float(rows[-1][-1]["bottom"]) - float(word["bottom"])) < 2.0:  # type: ignore[arg-type]
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[_Line] = []
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
        sizes = [float(w["size"]) for w in row]  # type: ignore[arg-type]
        size = max(sizes)
        parts: list[str] = []
        value_x: float | None = None
        for prev, word in zip([None, *row], row, strict=False):
            if prev is not None:
                gap = float(word["x0"]) - float(prev["x1"])  # type: ignore[arg-type]
                wide = gap > 0.9 * size
                parts.append("   " if wide else " ")
                if wide and value_x is None:
                    value_x = float(word["x0"])  # type: ignore[arg-type]
            parts.append(str(word["text"]))
        out.append(
            _Line(
                page=page,
                top=min(float(w["top"]) for w in row),  # type: ignore[arg-type]
                bottom=max(float(w["bottom"]) for w in row),  # type: ignore[arg-type]
                x0=float(row[0]["x0"]),  # type: ignore[arg-type]
                x1=float(row[-1]["x1"]),  # type: ignore[arg-type]
                words=row,
                size=size,
                bold=all(_bold(str(w["fontname"])) for w in row if str(w["text"]).strip()),
                text="".join(parts),
                value_x=value_x,
                page_height=height,
                page_width=width,
            )
        )
    return out


def _columns(lines: list[_Line], width: float) -> list[_Line]:
    """A page set in two columns, read left column first: many lines end before the
    middle and many begin after it, and no line crosses it."""
    middle = width / 2
    left = [ln for ln in lines if ln.x1 < middle - 4]
    right = [ln for ln in lines if ln.x0 > middle + 4]
    across = [ln for ln in lines if ln not in left and ln not in right]
    if len(left) < 6 or len(right) < 6 or len(across) > 2:
        return lines
    # Lines across the middle above both columns (a page's heading) stay first.
    first = min(ln.top for ln in [*left, *right])
    head = [ln for ln in across if ln.top < first]
    tail = [ln for ln in across if ln.top >= first]
    return [*head, *left, *right, *tail]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """(page, index) of the lines that are running heads and feet: the same text (page
    numbers aside) at the same height in the top or bottom margin of most pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        keys = {(_shape(ln.text), round(ln.top / (_SAME_PLACE * 4))) for ln in lines if _margin(ln)}
        seen.update(keys)
    need = max(2, -(-len(pages) * 3 // 5))  # three pages of five, rounded up
    common = {key for key, n in seen.items() if n >= need}
    out: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for i, ln in enumerate(lines):
            key = (_shape(ln.text), round(ln.top / (_SAME_PLACE * 4)))
            if _margin(ln) and key in common:
                out.add((p, i))
    return out


def _margin(line: _Line) -> bool:
    """In the top or bottom margin, and no item's heading or case number: those stand at
    the same place on many pages where each item begins a page."""
    h = line.page_height
    text = " ".join(line.text.split())
    return (line.top < h * _MARGIN_SHARE or line.bottom > h * (1 - _MARGIN_SHARE)) and not (
        (cv.item_heading(text) is not None and not _PAGE_NUMBER.match(text))
        or cv.BARE_CASE_NUMBER.match(text)
        or cv.CASE_NUMBER.match(text)
    )


def _contents_page(lines: list[_Line]) -> bool:
    """A page of the contents: most lines end in dot leaders and a page number."""
    filled = [ln for ln in lines if ln.text.strip()]
    leaders = [ln for ln in filled if _LEADERS.search(ln.text)]
    return len(leaders) >= 3 and len(leaders) >= 0.5 * len(filled)


def read_pdf(data: bytes) -> PdfText:
    """The PDF's text as the text reader reads it (see the module's docstring)."""
    import pdfplumber  # only a PDF import needs it

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages: list[list[_Line]] = []
            for number, page in enumerate(pdf.pages):
                words = page.extract_words(
                    extra_attrs=["fontname", "size"], x_tolerance=1.5, keep_blank_chars=False
                )
                lines = _lines_of(words, number, float(page.height), float(page.width))
                pages.append(_columns(lines, float(page.width)))
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


def _body_size(pages: list[list[_Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _spacing(pages: list[list[_Line]], body: float) -> float:
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


def _layout(pages: list[list[_Line]], outline: set[str]) -> PdfText:
    body = _body_size(pages)
    step = _spacing(pages, body)
    furniture = _furniture(pages)
    out: list[str] = []
    headings: set[int] = set()
    left_out: list[tuple[int, str, str]] = []
    prev: _Line | None = None
    prev_heading = False
    # The document's title is kept where it is also the running head of the pages after
    # it ("REFERAT Byrådet d. 7. april 2022"), unless the first page has a title of its own.
    running = {_shape(ln.text) for i, ln in enumerate(pages[0]) if (0, i) in furniture}
    own_title = any(
        _titled(ln.text) or _shape(ln.text) in running
        for i, ln in enumerate(pages[0])
        if (0, i) not in furniture
    )
    first_title_kept = own_title
    seen_item = False
    in_contents = False
    # The text's right edge (running heads and page numbers aside): where its longest
    # line ends, or, where no line is long, as far from the right as the text begins.
    body_lines = [ln for lines in pages for ln in lines if not _margin(ln)] or pages[0]
    left = min(ln.x0 for ln in body_lines)
    edge = max(max(ln.x1 for ln in body_lines), body_lines[0].page_width - left)
    right = [edge for _ in pages]
    for p, lines in enumerate(pages):
        contents = _contents_page(lines)
        for i, ln in enumerate(lines):
            text = ln.text.strip()
            number = len(out) + 1
            if not text:
                continue
            is_title = _titled(text)
            # A one-page file has no pages to compare: a line in its margin set smaller
            # than the text is its running head or foot.
            small = len(pages) == 1 and _margin(ln) and ln.size < body * 0.85
            if ((p, i) in furniture or small) and not (
                p == 0 and not first_title_kept and is_title
            ):
                left_out.append((number, "sidehoved/-fod", f"fjernet: '{text}'"))
                continue
            first_title_kept = first_title_kept or bool(is_title)
            if _margin(ln) and (_PAGE_NUMBER.match(text) or _SIDE.search(text)):
                left_out.append((number, "sidehoved/-fod", f"fjernet: '{text}'"))
                continue
            if _SIDE.search(text):  # "Byrådet 7. april 2022   Side 2 af 9"
                left_out.append((number, "sidehoved/-fod", f"fjernet: '{text}'"))
                continue
            if contents and (_LEADERS.search(text) or cv.label_key(text) in cv.TOC_HEADINGS):
                left_out.append((number, "indholdsfortegnelse", f"sprunget over: '{text}'"))
                continue
            heading = _heading_like(ln, body) or (
                ln.value_x is None and " ".join(text.split()) in outline
            )
            if cv.label_key(text) in cv.TOC_HEADINGS:
                in_contents = True
                left_out.append((number, "indholdsfortegnelse", f"sprunget over: '{text}'"))
                continue
            if in_contents and not heading and cv.item_heading(text) is not None:
                # The contents as a list of the items' headings (a web page printed).
                left_out.append((number, "indholdsfortegnelse", f"sprunget over: '{text}'"))
                continue
            in_contents = False
            if heading and not seen_item and _HEADER_LABELS.get(cv.label_key(text)):
                # A header's label set bold without its colon ("Deltagere" over a list).
                text = f"{text.rstrip(':')}:"
                ln.text = text
                heading = False
            seen_item = seen_item or (heading and cv.item_heading(text) is not None)
            if prev is not None:
                same_page = prev.page == ln.page
                gap = ln.top - prev.top if same_page else None
                if (
                    heading
                    and prev_heading
                    and same_page
                    and gap is not None
                    and gap < 1.5 * max(ln.size, prev.size) * 1.25
                    and abs(ln.size - prev.size) < 0.6
                    and not cv.item_heading(text)
                    and not cv.known_heading(text)
                    and prev.x1 > right[prev.page] * 0.7  # wrapped: the line above was full
                ):
                    out[-1] = f"{out[-1]} {text}"  # a heading that wraps is one heading
                    prev = ln
                    continue
                if same_page and gap is not None and _continues(prev, ln, step) and out[-1]:
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
                if new_paragraph and out and out[-1] != "":
                    out.append("")
                elif (
                    not new_paragraph
                    and out
                    and out[-1]
                    and _wraps(prev, ln, right[prev.page], heading or prev_heading)
                ):
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


# A line that begins a list item or a part of its own, never a wrapped line's rest.
_OWN_LINE = re.compile(r"^(?:[-–•▪◦*]\s|\d{1,2}[.)]\s|[a-zæøå]\)\s|at\s)")


def _wraps(prev: _Line, line: _Line, right: float, heading: bool) -> bool:
    """The line is the rest of the line above, which the page wrapped: the line above
    was full (it reached the right edge), and this line begins no item of a list."""
    return (
        not heading
        and prev.value_x is None
        and line.value_x is None
        and prev.x1 >= right * 0.85
        and abs(line.x0 - prev.x0) < _SAME_PLACE * 4
        and not _OWN_LINE.match(line.text.strip())
        and abs(line.size - prev.size) < 0.6
    )


_HEADER_LABELS = {**cv.FIELDS, **cv.ATTENDANCE_LABELS, **cv.ROLE_LABELS}


def _titled(text: str) -> bool:
    text = " ".join(text.split())
    return bool(cv.TITLE.match(text) or cv.TITLE_AFTER.match(text))


def _heading_like(line: _Line, body: float) -> bool:
    text = line.text.strip()
    if len(text) > 160 or line.value_x is not None:
        return False
    return line.bold or line.size > body * 1.12


def _continues(prev: _Line, line: _Line, step: float) -> bool:
    """A line that continues the value of the line above: it begins where the text after
    that line's label (a wide gap) or its item number began, close below it."""
    if line.top - prev.top > step * 1.3 or line.value_x is not None:
        return False
    if prev.value_x is not None and abs(line.x0 - prev.value_x) < _SAME_PLACE:
        return True
    if _ITEM_START.match(prev.text.strip()) and len(prev.words) > 1 and prev.bold == line.bold:
        second = float(prev.words[1]["x0"])  # type: ignore[arg-type]
        return abs(line.x0 - second) < _SAME_PLACE and line.x0 > prev.x0 + _SAME_PLACE
    return False
