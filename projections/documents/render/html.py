"""The referat as one standalone, printable HTML page, from Jinja2 templates.

No external resources (the page is mailed and archived as one file), inline CSS with
print rules for A4, every piece of text escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from jinja2 import Environment, PackageLoader

from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.render import layout as lo

CSS = """
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.45; color: #111;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 1rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #888; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.header dt { font-weight: bold; }
dl.header dd { margin: 0; }
nav ol { list-style: none; padding: 0; }
nav a { color: inherit; }
.note { font-style: italic; }
@page { size: A4; margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  section.item { break-before: page; }
  h2, h3 { break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
}
""".strip()

DRAFT_STYLE = "color: #a00; border: 2px solid #a00; padding: .3rem .6rem; display: inline-block"

# The markup is in the templates (templates/referat.html, the page; referat_lines.html,
# a macro per line of the body, which the public site's pages hold too). Escaped as the
# standard library does (&#x27; for '), so the exports stay as they were.
ENV = Environment(
    loader=PackageLoader("projections.documents.render", "templates"),
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENV.filters["x"] = escape
LINES: Any = ENV.get_template("referat_lines.html").module


def _free_text(text: str) -> list[str]:
    """Paragraphs of free text; runs of "- " and "1. " lines become lists."""
    return [
        LINES.para(block.lines)
        if block.kind == "p"
        else LINES.text_list(block.kind, block.start, block.lines)
        for block in lo.text_blocks(text)
    ]


def _anchor(index: int) -> str:
    return f"punkt-{index + 1}"


def render(doc: ix.Document, *, agenda: bool = False) -> str:
    """The referat (or, with agenda, the dagsorden) as a complete HTML document."""
    page = ENV.get_template("referat.html").render(
        title=lo.title_line(doc.meeting, agenda), css=CSS, body=body(doc, agenda=agenda)
    )
    return nfc(page)


def body(doc: ix.Document, *, agenda: bool = False) -> list[str]:
    """The lines of the document's body, every text escaped (also for the public site's
    pages, projections/site/pages.py, which wrap them in the site's landmarks)."""
    blocks = lo.blocks(doc, agenda=agenda)
    out: list[str] = []
    open_section = False
    open_fields = False
    for block in blocks:
        if open_fields and not isinstance(block, lo.Field):
            out.append(LINES.fields_close())
            open_fields = False
        match block:
            case lo.Title(text):
                out.append(LINES.title(text))
            case lo.Draft(text):
                # Styled on the element: the stylesheet of signed minutes stays as it was.
                out.append(LINES.draft(text, DRAFT_STYLE))
            case lo.Field(label, value):
                if not open_fields:
                    out.append(LINES.fields_open())
                    open_fields = True
                out.append(LINES.field(label, value))
            case lo.ItemHeading(index, text):
                if open_section:
                    out.append(LINES.section_close())
                out.append(LINES.item_open(_anchor(index)))
                out.append(LINES.item_heading(text))
                open_section = True
            case lo.Heading(text, level) if level <= 2:
                if open_section:
                    out.append(LINES.section_close())
                out.append(LINES.part_open(text))
                open_section = True
            case lo.Heading(text, _level):
                out.append(LINES.subheading(text))
            case lo.Toc(entries):
                out.append(LINES.toc([(_anchor(i), n, t) for i, (n, t) in enumerate(entries)]))
            case lo.Para(text):
                out.append(LINES.para(text.split("\n")))
            case lo.Note(text):
                out.append(LINES.note(text))
            case lo.Numbered(items):
                out.append(LINES.numbered([i.split("\n") for i in items]))
            case lo.Body(text):
                out.extend(_free_text(text))
    if open_fields:
        out.append(LINES.fields_close())
    if open_section:
        out.append(LINES.section_close())
    return out
