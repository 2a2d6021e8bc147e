"""What a tagged PDF's structure says of its lines. A tagged PDF (PDF/UA: Chromium's print
to PDF, our own Typst export) wraps each run of text in marked content with an id, and its
structure tree says which element (a heading H1-H6, a paragraph P, a table cell, a list
item) each id belongs to; running heads, page numbers and rules are marked as Artifacts,
outside the tree. Where the tags are there, they are better evidence than the layout, which
has to guess from gaps and fonts:

- a line inside an H element is a heading, however it is set;
- two lines in different P (or H) elements are never joined into one line, however small
  the gap between them (a stylesheet with no margin between paragraphs leaves none): where
  the layout would join them (the line above ran to the right edge, as a wrapped line
  does; a heading's second line; a header value's continuation) a paragraph ends there.
  Where the layout keeps them as lines of their own they stay lines of one paragraph: a
  web page prints a list of names, or a recommendation's points, as a P each, one under
  the other, and the reader reads those as one paragraph's lines (made paragraphs of
  their own, the corpus's Hvidovre lost its attendance and its recommendation);
- a line of Artifacts only is page furniture.

An untagged PDF (fpdf2's, most report writers') has no tree: every line's tags are None and
the layout's rules stand alone. A damaged tree is read as no tree: the tags are evidence,
never a reason to refuse the file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})
# The elements whose boundaries are paragraph boundaries. Table cells and list items are
# left to the layout: the header reader reads a table's rows, and a list's items, as lines
# of one paragraph.
_BLOCKS = HEADINGS | {"P"}

# (marked-content id on the page) -> (the P or H element's number on the page, its type)
Blocks = dict[int, tuple[int, str]]


@dataclass(frozen=True)
class LineTags:
    """What the tags say of one line: the P or H element its first and its last word are
    in (by number on the page, None where outside any), whether all its text is in
    headings, whether all of it is Artifact."""

    first: int | None
    last: int | None
    heading: bool
    artifact: bool


def tagged(pdf: Any) -> bool:
    return "StructTreeRoot" in pdf.doc.catalog


def blocks_of(pdf: Any, page: Any) -> Blocks:
    """The P and H elements of the page's structure, by the marked-content ids in them.
    Read page by page (the tree's ParentTree gives each page its own ids), so an element
    that runs onto the next page is two there: the tags part lines within a page only."""
    from pdfplumber.structure import PDFStructTree

    try:
        tree = PDFStructTree(pdf, page)
    except Exception:  # no tree for this page, or a damaged one: the layout reads it
        return {}
    blocks: Blocks = {}
    numbered = 0

    def walk(elements: Any, owner: tuple[int, str] | None) -> None:
        nonlocal numbered
        for element in elements:
            mine = owner
            if element.type in _BLOCKS:  # the innermost P or H owns the text under it
                numbered += 1
                mine = (numbered, element.type)
            for mcid in element.mcids:
                if mine is not None:
                    blocks[mcid] = mine
            walk(element.children, mine)

    walk(tree, None)
    return blocks


def line_tags(words: list[dict[str, Any]], blocks: Blocks) -> LineTags:
    """The tags of a line of words (pdfplumber's, with their characters)."""
    chars = [c for w in words for c in w["chars"] if str(c["text"]).strip()]
    owners = [blocks.get(c["mcid"]) if c.get("mcid") is not None else None for c in chars]
    return LineTags(
        first=owners[0][0] if owners and owners[0] else None,
        last=owners[-1][0] if owners and owners[-1] else None,
        heading=bool(owners) and all(o is not None and o[1] in HEADINGS for o in owners),
        artifact=bool(chars) and all(c.get("tag") == "Artifact" for c in chars),
    )


def apart(above: LineTags | None, below: LineTags | None) -> bool:
    """Two lines one below the other on a page are in different P or H elements: never
    one line."""
    return (
        above is not None
        and below is not None
        and above.last is not None
        and below.first is not None
        and above.last != below.first
    )
