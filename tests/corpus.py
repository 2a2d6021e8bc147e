"""The corpus of published minutes (tests/fixtures/corpus/): each file retells one real
referat that a municipality, region or board published (its address and the day it was
read are in the file and in SOURCES.md), keeping the layout and conventions of that
referat: its header, labels, item headings, case number labels, decision headings.

This module prints each of them as a PDF the ways municipalities' systems do, with three
producers (headless Chromium from HTML, fpdf2, Typst with a template of its own), and
compares what the PDF import reads with what was printed, block for block.

    python -m tests.corpus          # writes tests/fixtures/corpus/pdf/*.pdf
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from projections.documents import interchange as ix
from tests.paths import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
MINUTES = sorted((CORPUS / "minutes").glob("*.toml"))
PDFS = CORPUS / "pdf"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Part:
    heading: str
    kind: str = "section"  # section, decision, recommendation, earlier
    text: str = ""
    by: str | None = None
    points: list[str] = field(default_factory=list)


@dataclass
class Item:
    n: str
    title: str
    case: str | None
    parts: list[Part]


@dataclass
class Source:
    """One retold referat and how it is printed."""

    path: Path
    source: dict[str, str]
    look: dict[str, Any]
    meeting: dict[str, Any]
    items: list[Item]

    @property
    def producer(self) -> str:
        return str(self.look["producer"])


def load(path: Path) -> Source:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    items = [
        Item(
            n=str(i["n"]),
            title=i["title"],
            case=i.get("case"),
            parts=[Part(**p) for p in i.get("parts", [])],
        )
        for i in data["items"]
    ]
    return Source(path, data["source"], data["print"], data["meeting"], items)


# -- what is printed, line by line ---------------------------------------------------------


@dataclass
class Line:
    """One printed line: its text, how it is set, and whether a gap comes before it."""

    text: str
    style: str = "body"  # title, item, part, label (a field: the label), pair (two columns), body
    value: str = ""  # a field's value
    gap: bool = False
    page_break: bool = False


def _people(src: Source) -> list[tuple[str, list[str]]]:
    m = src.meeting
    out = []
    if m.get("present"):
        out.append(("Deltagere", list(m["present"])))
    if m.get("excused"):
        out.append(("Afbud", list(m["excused"])))
    return out


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def _part_heading(src: Source, heading: str) -> str:
    return heading.upper() if src.look.get("parts") == "caps" else heading


def printed_lines(src: Source) -> list[Line]:
    """The referat as its publisher's system prints it."""
    look = src.look
    out = [Line(t, "title", gap=i == 0) for i, t in enumerate(look["title"])]
    first = True
    for label, value in src.meeting.get("fields", []):
        out.append(Line(label, "label", value=value, gap=first))
        first = False
    for label, names in _people(src):
        if look.get("people") == "list":
            out.append(Line(label, "part", gap=True))
            out.extend(Line(name) for name in names)
        elif look.get("people") == "columns":  # two columns, filled row by row
            out.append(Line(label, "part", gap=True))
            for i in range(0, len(names), 2):
                out.append(Line(names[i], "pair", value=names[i + 1] if i + 1 < len(names) else ""))
        else:
            out.append(Line(label, "label", value=_names(names), gap=first))
        first = False
    if look.get("contents"):
        out.append(Line("Indholdsfortegnelse", "part", page_break=True))
        for page, item in enumerate(src.items, start=2):
            out.append(Line(f"{_item_heading(src, item)}{' .' * 20} {page}", "contents"))
    for index, item in enumerate(src.items):
        brk = bool(look.get("item_page") and index) or (bool(look.get("contents")) and not index)
        out.append(Line(_item_heading(src, item), "item", gap=True, page_break=brk))
        if item.case:
            form = look.get("case_form", "{case}")
            out.append(Line(form.format(case=item.case), gap=True))
        for part in item.parts:
            out.append(Line(_part_heading(src, part.heading), "part", gap=True))
            if part.kind == "recommendation":
                out.append(Line(f"{part.by} indstiller,", gap=True))
                out.extend(Line(f"{n}. at {p}") for n, p in enumerate(part.points, start=1))
                continue
            for paragraph in part.text.split("\n\n"):
                out.append(Line(paragraph, gap=True))
    return out


def _item_heading(src: Source, item: Item) -> str:
    return str(src.look.get("item_form", "{n}. {title}")).format(n=item.n, title=item.title)


# -- producers -----------------------------------------------------------------------------


def _html(src: Source) -> str:
    look = src.look
    e = html.escape
    body: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if table:
            body.append(f"<table class=fields>{''.join(table)}</table>")
            table.clear()

    for line in printed_lines(src):
        brk = " style='break-before: page'" if line.page_break else ""
        if line.style == "pair":
            cells = f"<td>{e(line.text)}</td><td>{e(line.value)}</td>"
            body.append(f"<table class=pair><tr>{cells}</tr></table>")
            continue
        if line.style == "label":
            if look["header"] == "table":
                table.append(f"<tr><th>{e(line.text)}</th><td>{e(line.value)}</td></tr>")
            else:
                body.append(f"<p class=field><b>{e(line.text)}:</b> {e(line.value)}</p>")
            continue
        flush()
        if line.style == "title":
            body.append(f"<h1{brk}>{e(line.text)}</h1>")
        elif line.style == "item":
            body.append(f"<h2{brk}>{e(line.text)}</h2>")
        elif line.style == "part":
            body.append(f"<h3{brk}>{e(line.text)}</h3>")
        elif line.style == "contents":
            body.append(f"<p class=toc>{e(line.text)}</p>")
        else:
            cls = " class=gap" if line.gap else ""
            body.append(f"<p{cls}{brk}>{e(line.text)}</p>")
    flush()
    head = e(look.get("running_head", ""))
    return f"""<!doctype html><html lang=da><head><meta charset=utf-8><style>
@page {{ size: A4; margin: 25mm 20mm 22mm 25mm; }}
body {{ font: 10.5pt 'Liberation Sans', sans-serif; }}
h1 {{ font-size: 18pt; margin: 0 0 4pt; }}
h2 {{ font-size: 13pt; margin: 18pt 0 4pt; }}
h3 {{ font-size: 10.5pt; margin: 10pt 0 0; }}
p {{ margin: 0; }} p.gap {{ margin-top: 6pt; }} p.field {{ margin: 0; }}
table.fields {{ border-collapse: collapse; margin-top: 10pt; }}
table.pair {{ width: 100%; border-collapse: collapse; }} table.pair td {{ width: 50%; padding: 0; }}
table.fields th {{ text-align: left; padding: 0 24pt 2pt 0; vertical-align: top; }}
.running {{ position: fixed; top: -14mm; left: 0; font-size: 8pt; }}
</style></head><body><div class=running>{head}</div>{"".join(body)}</body></html>"""


def chromium_pdf(src: Source) -> bytes:
    """HTML printed by headless Chromium, as web-based meeting systems publish. Chromium
    prints no page numbers of its own here; the running head is a fixed element."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "referat.html"
        out = Path(folder) / "referat.pdf"
        page.write_text(_html(src), encoding="utf-8")
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return out.read_bytes()


def fpdf_pdf(src: Source) -> bytes:
    """A report writer's PDF (fpdf2, core fonts): running head, "Side x af y" foot."""
    from fpdf import FPDF

    look = src.look

    class Minutes(FPDF):
        def normalize_text(self, text: str) -> str:
            # The core fonts hold Latin-1 (æ, ø, å); a dash beyond it prints as "-".
            return super().normalize_text(text.replace("–", "-").replace("’", "'"))

        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, look.get("running_head", ""), new_x="LMARGIN", new_y="NEXT")
            self.ln(6)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            form = look.get("footer", "")
            self.cell(0, 5, form.format(page=self.page_no(), pages="{nb}"), align="R")

    pdf = Minutes(format="A4")
    pdf.set_margins(25, 20, 20)
    pdf.alias_nb_pages()
    pdf.add_page()
    for line in printed_lines(src):
        if line.page_break:
            pdf.add_page()
        if line.gap:
            pdf.ln(4)
        if line.style == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, line.text, new_x="LMARGIN", new_y="NEXT")
        elif line.style == "item":
            pdf.set_font("Helvetica", "B", 12.5)
            pdf.multi_cell(0, 6.5, line.text, new_x="LMARGIN", new_y="NEXT")
        elif line.style == "part":
            pdf.set_font("Helvetica", "B", 10)
            pdf.multi_cell(0, 5, line.text, new_x="LMARGIN", new_y="NEXT")
        elif line.style == "pair":
            pdf.set_font("Helvetica", size=10)
            pdf.cell(80, 5, line.text)
            pdf.cell(0, 5, line.value, new_x="LMARGIN", new_y="NEXT")
        elif line.style == "label":
            pdf.set_font("Helvetica", "B", 10)
            if look["header"] == "table":
                pdf.cell(40, 5, line.text)
                pdf.set_font("Helvetica", size=10)
                pdf.multi_cell(0, 5, line.value, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.cell(pdf.get_string_width(line.text + ": ") + 1, 5, f"{line.text}:")
                pdf.set_font("Helvetica", size=10)
                pdf.multi_cell(0, 5, line.value, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, line.text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


_TYPST = r"""
#let data = json(bytes(sys.inputs.at("referat")))
#set document(title: data.title)
#set text(lang: "da", size: 10.5pt)
#set par(justify: false, spacing: 0.65em)
#set page(
  paper: "a4",
  margin: (top: 28mm, bottom: 24mm, x: 24mm),
  header: text(size: 8pt, data.running),
  footer: context align(right, text(size: 8pt,
    data.footer.replace("{page}", str(here().page()))
      .replace("{pages}", str(counter(page).final().first())))),
)
#for row in data.lines {
  if row.page_break { pagebreak(weak: true) }
  if row.gap { v(0.7em) }
  if row.style == "title" { block(below: 0.4em, text(size: 17pt, weight: "bold", row.text)) }
  else if row.style == "item" {
    block(above: 0.8em, below: 0.5em, text(size: 13pt, weight: "bold", row.text))
  }
  else if row.style == "part" { block(below: 0.4em, text(weight: "bold", row.text)) }
  else if row.style == "pair" { grid(columns: (1fr, 1fr), row.text, row.value) }
  else if row.style == "label" {
    if data.table {
      grid(columns: (38mm, 1fr), text(weight: "bold", row.text), row.value)
    } else {
      block(below: 0.4em, [#text(weight: "bold", row.text + ":") #row.value])
    }
  }
  else { block(below: 0.4em, row.text) }
}
"""


def typst_pdf(src: Source) -> bytes:
    """A template of its own in Typst (as document systems with their own typesetting)."""
    import typst

    data = {
        "title": " ".join(src.look["title"]),
        "running": src.look.get("running_head", ""),
        "footer": src.look.get("footer", ""),
        "table": src.look["header"] == "table",
        "lines": [vars(line) for line in printed_lines(src)],
    }
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "referat.typ"
        template.write_text(_TYPST, encoding="utf-8")
        pdf = typst.compile(
            str(template),
            sys_inputs={"referat": json.dumps(data, ensure_ascii=False)},
            format="pdf",
        )
    assert isinstance(pdf, bytes)
    return pdf


PRODUCERS = {"chromium": chromium_pdf, "fpdf2": fpdf_pdf, "typst": typst_pdf}


def produce(src: Source, producer: str | None = None) -> bytes:
    return PRODUCERS[producer or src.producer](src)


# -- comparing what was printed with what was read -------------------------------------------


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def point(text: str) -> tuple[str, ...]:
    """A recommendation's point without its "at" (printed "1. at ...", kept either way)."""
    found = words(text)
    return found[1:] if found[:1] == ("at",) else found


Block = tuple[str, tuple[str, ...]]  # (kind, words)


def printed_blocks(src: Source) -> list[Block]:
    """The blocks of the referat in printed order: item titles, case numbers, section
    headings, each paragraph, each point of a recommendation, each earlier decision."""
    out: list[Block] = []
    for item in src.items:
        out.append(("punkt", words(item.title)))
        if item.case:
            out.append(("sagsnummer", words(item.case)))
        for part in item.parts:
            if part.kind == "recommendation":
                out.extend(("indstilling", point(p)) for p in part.points)
            elif part.kind == "earlier":
                out.append(("tidligere beslutning", words(part.text)))
            else:
                kind = "beslutning" if part.kind == "decision" else "afsnit"
                if kind == "afsnit":
                    out.append(("overskrift", words(part.heading)))
                out.extend((kind, words(p)) for p in part.text.split("\n\n"))
    return out


def read_blocks(doc: ix.Document) -> list[Block]:
    """The same blocks of an imported document, in the order it prints them."""
    out: list[Block] = []
    for item in doc.meeting.items:
        out.append(("punkt", words(item.title)))
        if item.case_number:
            out.append(("sagsnummer", words(item.case_number)))
        before = [s for s in item.sections if not ix.given(s.after_decision, False)]
        after = [s for s in item.sections if ix.given(s.after_decision, False)]
        # The Indstilling prints first; where the file had it later, its place among the
        # sections is what the reader must keep (recommendation_at).
        at = ix.given(getattr(item, "recommendation_at", 0), 0) if item.recommendation else 0
        for s in before[:at]:
            out.extend(_section_blocks(s))
        if item.recommendation:
            out.extend(("indstilling", point(p)) for p in item.recommendation.points)
        for s in before[at:]:
            out.extend(_section_blocks(s))
        out.extend(("tidligere beslutning", words(e.text)) for e in item.earlier_decisions)
        if item.decision:
            out.extend(("beslutning", words(p)) for p in item.decision.text.split("\n\n"))
        for s in after:
            out.extend(_section_blocks(s))
    return out


def _section_blocks(section: ix.Section) -> list[Block]:
    return [("overskrift", words(section.heading))] + [
        ("afsnit", words(p)) for p in section.text.split("\n\n")
    ]


@dataclass
class Tally:
    kept: int = 0
    lost: int = 0
    reordered: int = 0
    merged: int = 0
    misplaced: int = 0  # its words are there, as another kind of block
    missing: list[str] = field(default_factory=list)


def compare(printed: list[Block], read: list[Block]) -> Tally:
    """Each printed block is kept (the same block, in order), reordered (the same block,
    out of order), misplaced (its words as another kind), merged (its words inside a
    larger block) or lost."""
    tally = Tally()
    used: set[int] = set()
    last = -1
    for kind, text in printed:
        if not text:
            continue
        same = [i for i, b in enumerate(read) if b == (kind, text) and i not in used]
        if same:
            after = [i for i in same if i > last]
            index = after[0] if after else same[0]
            used.add(index)
            if after:
                tally.kept += 1
                last = index
            else:
                tally.reordered += 1
                tally.missing.append(f"umulig rækkefølge: {' '.join(text)[:60]}")
            continue
        if any(b[1] == text for b in read):
            tally.misplaced += 1
            tally.missing.append(f"som anden del: {kind}: {' '.join(text)[:60]}")
        elif any(_inside(text, b[1]) for b in read):
            tally.merged += 1
            tally.missing.append(f"slået sammen: {kind}: {' '.join(text)[:60]}")
        else:
            tally.lost += 1
            tally.missing.append(f"tabt: {kind}: {' '.join(text)[:60]}")
    return tally


def _inside(needle: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    n = len(needle)
    return n < len(haystack) and any(
        haystack[i : i + n] == needle for i in range(len(haystack) - n + 1)
    )


def main() -> None:
    """Print every file of the corpus with its own producer into tests/fixtures/corpus/pdf."""
    PDFS.mkdir(exist_ok=True)
    for path in MINUTES:
        src = load(path)
        (PDFS / f"{path.stem}.pdf").write_bytes(produce(src))
        print(f"{path.stem}: {src.producer}", file=sys.stderr)


if __name__ == "__main__":
    main()
