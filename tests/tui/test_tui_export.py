"""The export dialog: the public referat as A4 text, written where the user said."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.tui_pilot import fill, notified, recorded_since, running, settle, stored


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
