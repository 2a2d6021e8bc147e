"""The seed referat, imported, printed as PDF by our export (Typst) and by a second
producer (our HTML export printed by headless Chromium, as a browser prints a published
page), reads back from either PDF as the same meeting."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import msgspec
import pytest

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import parse
from projections.documents.referat import document
from projections.documents.render.export import render_meeting
from projections.importing.parsed import store_parsed
from tests.corpus.source import CHROMIUM
from tests.unit.test_markdown_import import SEED_PARAMS


def _chromium(page: bytes, folder: Path) -> bytes:
    source, out = folder / "referat.html", folder / "referat.pdf"
    source.write_bytes(page)
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out.read_bytes()


def _kept(doc: ix.Document) -> dict[str, object]:
    """What a printed page keeps: paragraphs may come back joined, participants in the
    header's order (grouped by attendance)."""
    data: dict[str, Any] = msgspec.to_builtins(doc)
    meeting = data["meeting"]
    meeting["participants"].sort(key=lambda p: p["name"])
    for item in meeting["items"]:
        for section in item.get("sections", []):
            section["text"] = section["text"].replace("\n\n- ", "\n- ").replace("\n\n", " ")
    return data


@pytest.mark.parametrize("producer", ["typst", "chromium"])
@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_the_seed_printed_as_pdf_reads_back_as_the_same_meeting(
    seed: Path, producer: str, sqlite_minutes: Minutes, tmp_path: Path
) -> None:
    meeting_id, _ = store_parsed(sqlite_minutes, parse(seed.read_bytes()), "Test")
    stored = document(sqlite_minutes.get(meeting_id).state)
    if producer == "typst":
        pdf = render_meeting(sqlite_minutes, meeting_id, "pdf")
    else:
        if not CHROMIUM.exists():
            pytest.skip("chromium findes ikke")
        pdf = _chromium(render_meeting(sqlite_minutes, meeting_id, "html"), tmp_path)
    read = parse(pdf, closed="closed")
    assert read.report.unplaced_entries == [], read.report.render()
    assert _kept(read.document) == _kept(stored)
