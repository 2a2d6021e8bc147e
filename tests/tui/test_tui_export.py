"""The export dialog: the public referat as A4 text or PDF, written where the user said."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.tui.tui_pilot import (
    BUDGET,
    choose,
    fill,
    notified,
    recorded_since,
    running,
    settle,
    stored,
)


async def test_the_public_referat_is_exported_as_text(
    approved: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a file name without a folder is written here
    before = len(stored(approved))
    async with running(approved) as pilot:
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, {"file": "offentligt-referat"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        exported = tmp_path / "offentligt-referat.txt"
        assert str(exported) in notified(pilot)  # the message says where it went
    assert recorded_since(approved, before) == []  # exporting records nothing
    text = exported.read_text(encoding="utf-8")
    assert "Indstillingen blev godkendt." in text
    assert "Bo Lind ønsker sin afvigende mening" in text
    assert "Personalesag (Lukket punkt)" in text
    assert "Forkert stemmetal" in text
    assert "Side 1 af" in text


async def test_an_unwritable_file_is_a_message(approved: str) -> None:
    async with running(approved) as pilot:
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, {"file": "/ingen-mappe/referat"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Kan ikke skrive" in notified(pilot)


async def test_the_referat_is_exported_as_a_pdf_with_the_item_titles(
    approved: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with running(approved) as pilot:
        await pilot.press("x")
        await settle(pilot)
        await choose(pilot, "format", 3)  # Tekst, Markdown, HTML, PDF
        await fill(pilot, {"file": "referat"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        exported = tmp_path / "referat.pdf"  # the format's extension was added
        assert str(exported) in notified(pilot)
    assert exported.read_bytes().startswith(b"%PDF-")
    pages = [page.extract_text() for page in PdfReader(exported).pages]
    text = "\n".join(pages)
    for title in (BUDGET, "Vejbelysning", "Personalesag (Lukket punkt)"):
        assert re.search(rf"^Punkt \d+: {re.escape(title)}$", text, re.MULTILINE), title
    assert "Indstillingen blev godkendt." in text
    assert "Forkert stemmetal" in text
    assert pages[0].rstrip().endswith(f"Side 1 af {len(pages)}")
