"""The referat as one standalone, printable HTML page.

No external resources (the page is mailed and archived as one file), inline CSS with
print rules for A4, every piece of text escaped.
"""

from __future__ import annotations

from html import escape

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


def _free_text(text: str) -> list[str]:
    """Paragraphs of free text; runs of "- " and "1. " lines become lists."""
    out: list[str] = []
    for block in lo.text_blocks(text):
        if block.kind == "p":
            out.append("<p>" + "<br>\n".join(escape(line) for line in block.lines) + "</p>")
            continue
        items = "".join(f"<li>{escape(line)}</li>" for line in block.lines)
        opening = f'<ol start="{block.start}">' if block.kind == "ol" else "<ul>"
        out.append(f"{opening}{items}</{block.kind}>")
    return out


def _anchor(index: int) -> str:
    return f"punkt-{index + 1}"


def _lines(text: str) -> str:
    return "<br>\n".join(escape(line) for line in text.split("\n"))


def render(doc: ix.Document, *, agenda: bool = False) -> str:
    """The referat (or, with agenda, the dagsorden) as a complete HTML document."""
    title = lo.title_line(doc.meeting, agenda)
    page = [
        "<!DOCTYPE html>",
        '<html lang="da">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        *body(doc, agenda=agenda),
        "</body>",
        "</html>",
    ]
    return nfc("\n".join(page) + "\n")


def body(doc: ix.Document, *, agenda: bool = False) -> list[str]:
    """The lines of the document's body, every text escaped (also for the public site's
    pages, projections/site/pages.py, which wrap them in the site's landmarks)."""
    blocks = lo.blocks(doc, agenda=agenda)
    out: list[str] = []
    open_section = False
    open_fields = False
    for block in blocks:
        if open_fields and not isinstance(block, lo.Field):
            out.append("</dl>")
            open_fields = False
        match block:
            case lo.Title(text):
                out.append(f"<header><h1>{escape(text)}</h1></header>")
            case lo.Draft(text):
                # Styled on the element: the stylesheet of signed minutes stays as it was.
                out.append(
                    f'<p class="draft" style="{DRAFT_STYLE}"><strong>{escape(text)}</strong></p>'
                )
            case lo.Field(label, value):
                if not open_fields:
                    out.append('<dl class="header">')
                    open_fields = True
                out.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
            case lo.ItemHeading(index, text):
                if open_section:
                    out.append("</section>")
                out.append(f'<section class="item" id="{_anchor(index)}">')
                out.append(f"<h2>{escape(text)}</h2>")
                open_section = True
            case lo.Heading(text, level) if level <= 2:
                if open_section:
                    out.append("</section>")
                out.append(f"<section><h2>{escape(text)}</h2>")
                open_section = True
            case lo.Heading(text, _level):
                out.append(f"<h3>{escape(text)}</h3>")
            case lo.Toc(entries):
                links = "".join(
                    f'<li><a href="#{_anchor(i)}">Punkt {escape(n)}: {escape(t)}</a></li>'
                    for i, (n, t) in enumerate(entries)
                )
                out.append(f"<nav><ol>{links}</ol></nav>")
            case lo.Para(text):
                out.append(f"<p>{_lines(text)}</p>")
            case lo.Note(text):
                out.append(f'<p class="note">{escape(text)}</p>')
            case lo.Numbered(items):
                out.append("<ol>" + "".join(f"<li>{_lines(i)}</li>" for i in items) + "</ol>")
            case lo.Body(text):
                out.extend(_free_text(text))
    if open_fields:
        out.append("</dl>")
    if open_section:
        out.append("</section>")
    return out
