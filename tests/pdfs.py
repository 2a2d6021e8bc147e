"""A published referat as a PDF, made here (fpdf2, its core fonts: Danish letters are in
Latin-1) with a running header and a "Side x af y" footer on every page."""

from __future__ import annotations

from fpdf import FPDF

from tests.municipal import MUNICIPAL

SOURCE = MUNICIPAL / "05_byraad_pdftotext.txt"
RUNNING = "Havnstrup Kommune - Referat Byrådet"


def body_lines() -> list[str]:
    """The fixture's lines without its own page furniture, a page break before each item."""
    out: list[str] = []
    for line in SOURCE.read_text(encoding="utf-8").replace("\f", "").split("\n"):
        text = line.strip()
        if text.startswith("Havnstrup Kommune ") or text.startswith("Side "):
            continue
        out.append(line.rstrip())
    return out


class _Minutes(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", size=9)
        self.cell(0, 6, RUNNING, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 6, f"Side {self.page_no()} af {{nb}}", align="C")


def referat_pdf() -> bytes:
    pdf = _Minutes(format="A4")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in body_lines():
        if line[:2] in ("2.", "3.", "4."):
            pdf.add_page()
        pdf.cell(0, 6, line.strip() or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
