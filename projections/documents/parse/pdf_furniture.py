"""What a PDF prints that is no part of the minutes: running heads and feet (the same
text at the same place on most pages), page numbers ("Side 2 af 9") and contents pages
(titles with dot leaders and page numbers)."""

from __future__ import annotations

import re
from collections import Counter

from projections.documents.parse import item_markers
from projections.documents.parse.pdf_lines import SAME_PLACE, PdfLine

LEADERS = re.compile(r"(?:\.{3,}|…{2,}|(?:\s*\.){4,}|_{3,})\s*\d+\s*$")
PAGE_NUMBER = re.compile(
    r"^\s*(?:side\s+\d+\s*(?:af|/)\s*\d+|side\s+\d+|\d+\s*/\s*\d+|-\s*\d+\s*-|\d{1,3})\s*$",
    re.IGNORECASE,
)
SIDE = re.compile(r"\bside\s+\d+\s*(?:af|/)\s*\d+\s*$", re.IGNORECASE)
_MARGIN_SHARE = 0.12  # the top and bottom share of a page where running heads stand


def shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def furniture_of(pages: list[list[PdfLine]]) -> set[tuple[int, int]]:
    """(page, index) of the lines that are running heads and feet: the same text (page
    numbers aside) at the same height in the top or bottom margin of most pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        keys = {(shape(ln.text), round(ln.top / (SAME_PLACE * 4))) for ln in lines if margin(ln)}
        seen.update(keys)
    need = max(2, -(-len(pages) * 3 // 5))  # three pages of five, rounded up
    common = {key for key, n in seen.items() if n >= need}
    out: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for i, ln in enumerate(lines):
            key = (shape(ln.text), round(ln.top / (SAME_PLACE * 4)))
            if margin(ln) and key in common:
                out.add((p, i))
    return out


def margin(line: PdfLine) -> bool:
    """In the top or bottom margin, and no item's heading or case number: those stand at
    the same place on many pages where each item begins a page."""
    h = line.page_height
    text = " ".join(line.text.split())
    return (line.top < h * _MARGIN_SHARE or line.bottom > h * (1 - _MARGIN_SHARE)) and not (
        (item_markers.item_heading(text) is not None and not PAGE_NUMBER.match(text))
        or item_markers.BARE_CASE_NUMBER.match(text)
        or item_markers.CASE_NUMBER.match(text)
    )


def contents_page(lines: list[PdfLine]) -> bool:
    """A page of the contents: most lines end in dot leaders and a page number."""
    filled = [ln for ln in lines if ln.text.strip()]
    leaders = [ln for ln in filled if LEADERS.search(ln.text)]
    return len(leaders) >= 3 and len(leaders) >= 0.5 * len(filled)
