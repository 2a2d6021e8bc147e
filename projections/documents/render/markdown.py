"""The referat as Markdown, in the layout municipal referater are published in.

Bold headings, "**Mødedato** ..." header lines, a table of contents with the page each
item starts on in the text rendering, "## **Punkt N: Title**" per item. Free text is
written as it was entered; only a line that would read as a heading is escaped, so
projections.documents.parse.markdown reads the file back.
"""

from __future__ import annotations

import re

from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.render import layout as lo
from projections.documents.render.text import item_pages

# A line starting with "#" would become a heading, one starting with "\" would lose
# it on import: both get a backslash that markdown_import takes away again.
_ESCAPE = re.compile(r"^(\s*)([#\\])", re.MULTILINE)


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\1\\\2", text)


def _one_paragraph(text: str) -> str:
    """Program-made text must stay one paragraph, so blank lines inside it are dropped."""
    return escape(re.sub(r"\n\s*\n", "\n", text.strip()))


def _block(block: lo.Block, pages: list[int]) -> str:
    match block:
        case lo.Title(text):
            return f"# {text}"
        case lo.Field(label, value):
            return f"**{label}** {' '.join(value.split())}"
        case lo.Heading(text, level):
            return f"{'#' * level} **{text}**"
        case lo.ItemHeading(_index, text):
            return f"## **{text}**"
        case lo.Toc(entries):
            return "\n".join(
                f"{title}.....\t{page}" for (_n, title), page in zip(entries, pages, strict=True)
            )
        case lo.Para(text):
            return _one_paragraph(text)
        case lo.Note(text):
            return f"*{text}*"
        case lo.Numbered(items):
            return "\n".join(
                f"{n}. {_one_paragraph(point)}" for n, point in enumerate(items, start=1)
            )
        case lo.Body(text):
            return escape(text.strip("\n"))
    raise TypeError(block)


def render(doc: ix.Document, *, agenda: bool = False) -> str:
    """The referat (or, with agenda, the dagsorden) as Markdown."""
    pages = item_pages(doc, agenda=agenda)
    blocks = lo.blocks(doc, agenda=agenda)
    return nfc("\n\n".join(_block(block, pages) for block in blocks) + "\n")
