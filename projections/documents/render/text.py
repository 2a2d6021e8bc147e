"""The referat as plain text for A4: pages of 60 lines of at most 80 characters.

Pages are separated by a form feed and end with "Side N af M". The table of contents
gives the page each item starts on; the Markdown export prints the same pages, so
the pagination is computed here, once.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.render import layout as lo
from projections.documents.render import phrases

WIDTH = 80
PAGE_LINES = 60
BODY_LINES = PAGE_LINES - 2  # a blank line and the footer close every page
FIELD_INDENT = 17
ORPHANS = 2
PAGE_FIELD = 4  # the TOC's page column has a fixed width, so its digits never move lines
LIST_LINE = re.compile(r"^(\s*)(- |\d+\. )")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


@dataclass
class Chunk:
    """Lines printed together; a heading needs `keep` lines of what follows on its page."""

    lines: list[str]
    keep: int = 0
    item: int | None = None
    join: bool = False  # printed right under the previous chunk, without a blank line


@dataclass
class Layout:
    pages: list[list[str]] = field(default_factory=lambda: [[]])
    item_pages: dict[int, int] = field(default_factory=dict)

    def room(self) -> int:
        return BODY_LINES - len(self.pages[-1])

    def place(self, chunk: Chunk) -> None:
        page = self.pages[-1]
        gap = 1 if page and not chunk.join else 0
        # A heading moves on with what it must keep; text flows on, leaving >= ORPHANS lines.
        need = len(chunk.lines) + chunk.keep if chunk.keep else min(len(chunk.lines), ORPHANS)
        if page and self.room() < gap + min(need, BODY_LINES):
            self.pages.append([])
            gap = 0
        if gap:
            self.pages[-1].append("")
        if chunk.item is not None:
            self.item_pages[chunk.item] = len(self.pages)
        for line in chunk.lines:
            if not self.room():
                self.pages.append([])
            self.pages[-1].append(line)


def _wrap(text: str, indent: str = "", hanging: str = "") -> list[str]:
    lines = textwrap.wrap(
        CONTROL.sub(" ", text),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=hanging,
        break_on_hyphens=False,
    )
    return lines or [indent.rstrip()]


def _free_line(line: str) -> list[str]:
    """A line of free text; list lines keep their marker hanging on the left."""
    match = LIST_LINE.match(line)
    hanging = " " * len(match.group(0)) if match else ""
    lead = match.group(1) if match else ""
    return _wrap(line[len(lead) :], lead, lead + hanging)


def _underlined(text: str, rule: str) -> list[str]:
    lines = _wrap(text)
    return [*lines, rule * max(len(line) for line in lines)]


def _toc_entry(number: str, title: str, page: int) -> list[str]:
    """Number, title, dot leaders and the page number in a fixed column."""
    hanging = " " * (len(number) + 2)
    lines = _wrap(f"{number}. {title}", hanging=hanging)
    if len(lines[-1]) > WIDTH - PAGE_FIELD - 8:
        lines.append(hanging)
    last = lines[-1]
    dots = "." * (WIDTH - PAGE_FIELD - len(last) - 2)
    lines[-1] = f"{last} {dots} {page:>{PAGE_FIELD - 1}}"
    return lines


def _chunks(block: lo.Block, pages: list[int]) -> list[Chunk]:
    match block:
        case lo.Title(text):
            return [Chunk(_underlined(text, "="))]
        case lo.Draft(text):
            return [Chunk(_wrap(f"*** {text} ***"))]
        case lo.Field(label, value):
            lead = f"{label}:".ljust(FIELD_INDENT)
            return [Chunk(_wrap(value, lead, " " * FIELD_INDENT))]
        case lo.Heading(text, level):
            return [Chunk(_underlined(text, "=" if level <= 2 else "-"), keep=2)]
        case lo.ItemHeading(index, text):
            return [Chunk(_underlined(text, "="), keep=2, item=index)]
        case lo.Toc(entries):
            lines: list[str] = []
            for index, (number, title) in enumerate(entries):
                lines.extend(_toc_entry(number, title, pages[index]))
            return [Chunk(lines)]
        case lo.Para(text) | lo.Note(text):
            return [Chunk([out for line in text.split("\n") for out in _wrap(line)])]
        case lo.Numbered(items):
            return [Chunk([out for n, point in enumerate(items, 1) for out in _numbered(n, point)])]
        case lo.Body(text):
            return [
                Chunk([out for line in paragraph.split("\n") for out in _free_line(line)])
                for paragraph in re.split(r"\n\s*\n", text.strip("\n"))
            ]
    raise TypeError(block)


def _numbered(n: int, point: str) -> list[str]:
    marker = f"{n}. "
    out: list[str] = []
    for i, line in enumerate(point.split("\n")):
        out.extend(_wrap(line, marker if i == 0 else " " * len(marker), " " * len(marker)))
    return out


def _lay_out(blocks: list[lo.Block], pages: list[int]) -> Layout:
    layout = Layout()
    previous: lo.Block | None = None
    for block in blocks:
        chunks = _chunks(block, pages)
        chunks[0].join = isinstance(previous, lo.Heading | lo.ItemHeading) or (
            isinstance(previous, lo.Field) and isinstance(block, lo.Field)
        )
        for chunk in chunks:
            layout.place(chunk)
        previous = block
    return layout


def _paginate(doc: ix.Document, agenda: bool) -> Layout:
    """Lay out until the TOC's page numbers are the pages the items land on."""
    blocks = lo.blocks(doc, agenda=agenda)
    pages = [0] * len(doc.meeting.items)
    for _ in range(5):
        layout = _lay_out(blocks, pages)
        found = [layout.item_pages[i] for i in range(len(pages))]
        if found == pages:
            return layout
        pages = found
    raise RuntimeError("pagination did not settle")  # cannot happen: TOC pages are fixed-width


def item_pages(doc: ix.Document, *, agenda: bool = False) -> list[int]:
    """The page (1-based) each item starts on in the text rendering."""
    layout = _paginate(doc, agenda)
    return [layout.item_pages[i] for i in range(len(doc.meeting.items))]


def screen_lines(doc: ix.Document, *, agenda: bool = False) -> list[str]:
    """The referat's lines as the text export prints them, its pages run together (no
    footers, no padding): what a screen shows of it (the TUI's preview and history)."""
    out: list[str] = []
    for page in _paginate(doc, agenda).pages:
        if out:
            out.append("")  # where a page broke, the blank line between blocks
        out.extend(nfc(line.rstrip()) for line in page)
    return out


def render(doc: ix.Document, *, agenda: bool = False) -> str:
    """The whole referat: pages of exactly 60 lines, each ending with its footer ("Side
    2 af 9"; on a draft's pages with UDKAST at its left)."""
    layout = _paginate(doc, agenda)
    total = len(layout.pages)
    # A draft's every page says so at the foot's left, so no page passes for the minutes.
    mark = phrases.DRAFT if lo.is_draft(doc.meeting, agenda) else ""
    out = []
    for number, body in enumerate(layout.pages, start=1):
        footer = f"Side {number} af {total}".center(WIDTH)
        footer = (mark + footer[len(mark) :]).rstrip()
        lines = [*body, *[""] * (BODY_LINES - len(body)), "", footer]
        out.append("\n".join(line.rstrip() for line in lines) + "\n")
    return nfc("\f".join(out))
