"""A PDF's own outline (bookmarks) names its headings: a heading set in the body's plain
font, which the page alone would not tell from text, is read as a heading when the
outline lists it."""

from __future__ import annotations

from fpdf import FPDF

from projections.documents.parse.markdown import parse


def _pdf(outline: bool) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    lines = [
        ("Referat", 0),
        ("Byrådet", 0),
        ("", 0),
        ("Dato: 2. marts 2023", 0),
        ("", 0),
        ("1. Udvidelse af havnen", 1),
        ("", 0),
        ("Havnens historie i korte træk", 2),
        ("Havnen blev anlagt for hundrede år siden.", 0),
        ("", 0),
        ("Beslutning", 2),
        ("Godkendt.", 0),
    ]
    for text, level in lines:
        if level and outline:
            pdf.start_section(text, level=level - 1)
        pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_plain_heading_in_the_outline_is_a_heading() -> None:
    [item] = parse(_pdf(outline=True), closed="open").document.meeting.items
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Havnens historie i korte træk", "Havnen blev anlagt for hundrede år siden.")
    ]
    assert item.decision is not None and item.decision.text == "Godkendt."


def test_without_the_outline_the_same_line_is_text() -> None:
    [item] = parse(_pdf(outline=False), closed="open").document.meeting.items
    assert all(s.heading != "Havnens historie i korte træk" for s in item.sections)
