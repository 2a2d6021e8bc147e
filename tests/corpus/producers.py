"""The producers: a referat of the corpus printed as a PDF the ways municipalities'
systems do (headless Chromium from HTML, fpdf2, Typst with a template of its own)."""

from __future__ import annotations

import html
import json
import subprocess
import tempfile
from pathlib import Path

from tests.corpus.printed import printed_lines
from tests.corpus.source import CHROMIUM, Source


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
