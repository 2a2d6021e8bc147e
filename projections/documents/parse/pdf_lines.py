"""A PDF page's words as lines (pdfplumber's words grouped by their baseline, with their
place, size and weight, and where the text after a wide gap begins), a page in two
columns read column by column, and what two lines one below the other say of each other:
a heading by its typography, a line the page wrapped, a wrapped header value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from projections.documents.parse.pdf_tags import LineTags

_ITEM_START = re.compile(r"^(?:(?:punkt|pkt\.?|sag)\s+)?\d+[.):]?\s+\S", re.IGNORECASE)
# How far apart (in points) two things may be and still count as "at the same place".
SAME_PLACE = 3.0


@dataclass
class PdfLine:
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
    tags: LineTags | None = None  # what a tagged PDF's structure says of it (pdf_tags)


def _bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].casefold()
    return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))


def lines_of(
    words: list[dict[str, object]], page: int, height: float, width: float
) -> list[PdfLine]:
    """Words grouped into lines by their baseline, each line's words left to right."""
    rows: list[list[dict[str, object]]] = []
    for word in sorted(words, key=lambda w: (float(w["bottom"]), float(w["x0"]))):  # type: ignore[arg-type]
        if rows and abs(float(rows[-1][-1]["bottom"]) - float(word["bottom"])) < 2.0:  # type: ignore[arg-type]
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[PdfLine] = []
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
            PdfLine(
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


def columns(lines: list[PdfLine], width: float) -> list[PdfLine]:
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


# A line that begins a list item or a part of its own, never a wrapped line's rest.
_OWN_LINE = re.compile(r"^(?:[-–•▪◦*]\s|\d{1,2}[.)]\s|[a-zæøå]\)\s|at\s)")


def wraps(prev: PdfLine, line: PdfLine, right: float, heading: bool) -> bool:
    """The line is the rest of the line above, which the page wrapped: the line above
    was full (it reached the right edge), and this line begins no item of a list."""
    return (
        not heading
        and prev.value_x is None
        and line.value_x is None
        and prev.x1 >= right * 0.85
        and abs(line.x0 - prev.x0) < SAME_PLACE * 4
        and not _OWN_LINE.match(line.text.strip())
        and abs(line.size - prev.size) < 0.6
    )


def heading_like(line: PdfLine, body: float) -> bool:
    text = line.text.strip()
    if len(text) > 160 or line.value_x is not None:
        return False
    return line.bold or line.size > body * 1.12


def continues(prev: PdfLine, line: PdfLine, step: float) -> bool:
    """A line that continues the value of the line above: it begins where the text after
    that line's label (a wide gap) or its item number began, close below it."""
    if line.top - prev.top > step * 1.3 or line.value_x is not None:
        return False
    if prev.value_x is not None and abs(line.x0 - prev.value_x) < SAME_PLACE:
        return True
    if _ITEM_START.match(prev.text.strip()) and len(prev.words) > 1 and prev.bold == line.bold:
        second = float(prev.words[1]["x0"])  # type: ignore[arg-type]
        return abs(line.x0 - second) < SAME_PLACE and line.x0 > prev.x0 + SAME_PLACE
    return False
