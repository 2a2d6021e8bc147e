"""A tagged PDF's structure is evidence the layout lacks: Chromium prints a web page's
paragraphs as P elements, and where its stylesheet leaves no space between them and
their last lines run to the right edge (justified), the page alone shows one paragraph
wrapped over many lines. The tags keep them apart; without them the same page reads
as one paragraph."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from projections.documents.parse import pdf_tags
from projections.documents.parse.markdown import parse
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


def _printed() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        page, out = Path(folder) / "referat.html", Path(folder) / "referat.pdf"
        page.write_text(_PAGE, encoding="utf-8")
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
