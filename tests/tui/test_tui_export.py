"""The export dialog: the public referat as A4 text or PDF, written where the user said."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from chefforum_tui.cli import main
from tests.tui.tui_pilot import (
    ACTOR,
    BUDGET,
    choose,
    fill,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    stored,
    tab_to,
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
    # Typed by the secretary for Bo Lind, it says so (and wraps at 80 columns).
    entered = "Protokolbemærkning fra Bo Lind (indført af Karen Dahl): Bo Lind ønsker sin"
    assert entered in " ".join(text.split())
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


def cli_export(db: str, *args: str) -> bytes:
    """What `chefforum export` writes for the store's one meeting."""
    with opened(db) as minutes:
        meeting = str(only_meeting(minutes))
    out = Path(db).with_name("cli-export")
    assert main(["--db", db, "--actor", ACTOR, "export", meeting, *args, "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.mark.parametrize(("index", "fmt"), enumerate(("text", "markdown", "html", "pdf", "json")))
async def test_the_dialog_writes_the_same_bytes_as_the_command_line(
    approved: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: int, fmt: str
) -> None:
    """One document path: the dialog's file is `chefforum export`'s, Kontrolsum and all,
    in the public and the internal view."""
    monkeypatch.chdir(tmp_path)
    for public in (True, False):
        async with running(approved) as pilot:
            await pilot.press("x")
            await settle(pilot)
            await choose(pilot, "format", index)
            if not public:
                await tab_to(pilot, "field-public")
                await pilot.press("space")
            await fill(pilot, {"file": "fra-tui"})
            await pilot.press("ctrl+s")
            await settle(pilot)
        (written,) = tmp_path.glob("fra-tui.*")
        flags = ("--public",) if public else ()
        assert written.read_bytes() == cli_export(approved, "--format", fmt, *flags), public
        if fmt in ("text", "markdown", "html"):
            assert b"Kontrolsum: " in written.read_bytes()
        written.unlink()


async def test_the_history_writes_the_version_as_the_command_line_at_that_position(
    approved: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`x` in the history exports the referat as it stood at the change selected: the
    bytes of `chefforum export --at N`, Kontrolsum included."""
    monkeypatch.chdir(tmp_path)
    with opened(approved) as minutes:
        newest = minutes.get(only_meeting(minutes)).version
    async with running(approved) as pilot:
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("up")  # the signature, before the correction
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await fill(pilot, {"file": "historik"})
        await pilot.press("ctrl+s")
        await settle(pilot)
    written = (tmp_path / "historik.txt").read_bytes()
    assert written == cli_export(approved, "--public", "--at", str(newest - 1))
    assert b"Kontrolsum: " in written and b"Der var 3 for." not in written
