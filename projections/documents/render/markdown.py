"""The referat as Markdown, in the layout municipal referater are published in.

Bold headings, "**Mødedato** ..." header lines, a table of contents with the page each
item starts on in the text rendering, "## **Punkt N: Title**" per item. Free text is
written as it was entered, emphasis and https links included, with three exceptions that
projections.documents.parse.tokens takes away again on import: a line that would read as
a heading gets a backslash; raw HTML ("<script>", "<img onerror=...>", "<!--", an
autolink) gets one before its "<"; and a link or link reference to anything but an
https, http or mailto address gets one between its "]" and "(" or ":". Published through
a renderer that lets HTML through, user text shows as text, never as markup.
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


# Raw HTML starts with "<" and a letter, "/", "!" or "?"; a link's destination follows
# "](" and a link reference definition's "]:" (backslashes in between count as escapes).
TAG = re.compile(r"(\\*)<(?=[A-Za-z/!?])")
DESTINATION = re.compile(r"\](\\*)([(:])")
_SAFE_LINK = re.compile(r"https?://|mailto:", re.IGNORECASE)


def escape(text: str) -> str:
    return _ESCAPE.sub(r"\1\\\2", text)


def _tag(match: re.Match[str]) -> str:
    """n backslashes before "<" become 2n+1: n literal ones, then an escaped "<"."""
    return "\\" * (2 * len(match.group(1)) + 1) + "<"


def _destination(match: re.Match[str]) -> str:
    """One more backslash between "]" and "(" or ":", unless the link goes to a web or
    mail address as written ("](https://", "](mailto:")."""
    run, opener = match.group(1), match.group(2)
    if not run and opener == "(" and _SAFE_LINK.match(match.string, match.end()):
        return match.group(0)
    return f"]{run}\\{opener}"


def inert(markdown: str) -> str:
    """The Markdown with no raw HTML and no link but to web and mail addresses."""
    return DESTINATION.sub(_destination, TAG.sub(_tag, markdown))


def _one_paragraph(text: str) -> str:
    """Program-made text must stay one paragraph, so blank lines inside it are dropped."""
    return escape(re.sub(r"\n\s*\n", "\n", text.strip()))


def _block(block: lo.Block, pages: list[int]) -> str:
    match block:
        case lo.Title(text):
            return f"# {text}"
        case lo.Draft(text):
            return f"**{text}**"
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
    return inert(nfc("\n\n".join(_block(block, pages) for block in blocks) + "\n"))
