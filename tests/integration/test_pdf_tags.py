"""A tagged PDF's structure is evidence the layout lacks, each shown with the tags and
without them: Chromium prints a web page's paragraphs as P elements, and where its
stylesheet leaves no space between them and a paragraph's last line runs to the right
edge, the page alone shows one paragraph wrapped; a heading set in the body's plain font
is an H element; a running head at the body's size on a one-page PDF is an Artifact."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
import typst

from projections.documents.parse import pdf_tags
from projections.documents.parse.markdown import parse
from projections.documents.parse.pdf import read_pdf
from tests.corpus.source import CHROMIUM

_FIRST = (
    "Udvalget godkendte budgettet for vejene med de ændringer, som forvaltningen foreslog på mødet."
)
_SECOND = "Forvaltningen orienterer udvalget igen, når arbejdet er sendt i udbud."
_PAGE = f"""<!doctype html><html lang=da><head><meta charset=utf-8><style>
body {{ font: 11pt 'Liberation Sans', sans-serif; }}
p {{ margin: 0; }}
</style></head><body>
<h1>Referat</h1><p>Økonomiudvalget</p>
<p>Dato: 6. oktober 2014</p><p>Deltagere: Ib Lund (A)</p>
<h2>1. Budget for vejene</h2>
<h3>Beslutning</h3>
<p>{_FIRST}</p><p>{_SECOND}</p>
</body></html>"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")


def _printed(page_html: str = _PAGE) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        page, out = Path(folder) / "referat.html", Path(folder) / "referat.pdf"
        page.write_text(page_html, encoding="utf-8")
        subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return out.read_bytes()


def _decision(data: bytes) -> str | None:
    [item] = parse(data, closed="open").document.meeting.items
    return item.decision.text if item.decision else None


def test_paragraphs_tagged_apart_stay_apart_where_no_gap_shows() -> None:
    assert _decision(_printed()) == f"{_FIRST}\n\n{_SECOND}"


def test_without_the_tags_the_same_page_reads_as_one_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_tags, "tagged", lambda pdf: False)
    assert _decision(_printed()) == f"{_FIRST} {_SECOND}"


_PLAIN_HEADING = _PAGE.replace(
    "<h3>Beslutning</h3>",
    "<h3 style='font: 11pt Liberation Sans'>Havnens historie i korte træk</h3>"
    "<p>Havnen blev anlagt for hundrede år siden.</p><h3>Beslutning</h3>",
)


def test_a_heading_set_as_text_is_a_heading_by_its_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _printed(_PLAIN_HEADING)
    [item] = parse(data, closed="open").document.meeting.items
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Havnens historie i korte træk", "Havnen blev anlagt for hundrede år siden.")
    ]
    monkeypatch.setattr(pdf_tags, "tagged", lambda pdf: False)
    [item] = parse(data, closed="open").document.meeting.items
    assert all(s.heading != "Havnens historie i korte træk" for s in item.sections)


def test_a_running_head_marked_as_artifact_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "referat.typ"
        source.write_text(
            '#set page(header: [Hvidovre Kommune og Økonomiudvalget])\n#set text(lang: "da")\n'
            "Referat\n\nØkonomiudvalget\n\nDato: 6. oktober 2014\n\n"
            "= 1. Budget for vejene\n== Beslutning\nGodkendt.\n",
            encoding="utf-8",
        )
        data = typst.compile(str(source))
    head = "fjernet: 'Hvidovre Kommune og Økonomiudvalget'"
    assert (1, "sidehoved/-fod", head) in read_pdf(data).left_out
    monkeypatch.setattr(pdf_tags, "tagged", lambda pdf: False)
    assert all(why != head for _, _, why in read_pdf(data).left_out)
