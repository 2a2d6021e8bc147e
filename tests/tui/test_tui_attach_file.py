"""Attaching a file in the terminal UI (issue 25): B on the meeting screen opens a form
whose path field completes from the folder it names and whose folder list opens folders
and fills the path on enter; the file is stored with its event; a refused file (a
program) is said in one line and nothing is stored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from chefforum_tui.forms.attach_file import AttachFileScreen
from projections.files.stored import read_file
from tests.files import ELF, pdf
from tests.tui.test_tui_fit import seen
from tests.tui.tui_pilot import (
    meeting_screen,
    notified,
    opened,
    recorded_since,
    running,
    settle,
    stored,
    tab_to,
    type_text,
)


async def opened_form(pilot: Pilot[None]) -> None:
    """The form is open, its folder list read (at once: no worker keeps running while
    the form is open, so settle() returns)."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, AttachFileScreen)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = tmp_path / "bilag"
    files.mkdir()
    (files / "Belysningsplan 2027.pdf").write_bytes(pdf("Belysningsplan for Havnevej"))
    (files / "program").write_bytes(ELF)
    (files / "sager").mkdir()
    monkeypatch.chdir(files)
    return files


async def test_a_file_is_attached_by_its_path_with_completion(committee: str, folder: Path) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        screen = meeting_screen(pilot)
        item = screen.current_item()
        assert item is not None
        await pilot.press("B")
        await opened_form(pilot)
        assert isinstance(pilot.app.screen, AttachFileScreen)
        await type_text(pilot, "Bely")
        await pilot.pause()
        await pilot.press("right")  # accept the completion
        path = pilot.app.screen.query_one("#field-path")
        assert path.value == "Belysningsplan 2027.pdf"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        attached = meeting_screen(pilot).meeting.state.item(item.id).attachments  # type: ignore[union-attr]
        assert [(a.name, a.media_type, a.pages) for a in attached] == [
            ("Belysningsplan 2027", "application/pdf", 1)
        ]
    assert recorded_since(committee, before) == ["AttachmentAdded"]
    with opened(committee) as minutes:
        found = read_file(minutes, attached[0].sha256 or "")
        assert found is not None
        assert found.data == (folder / "Belysningsplan 2027.pdf").read_bytes()


async def test_the_folder_list_picks_the_file_and_a_program_is_refused(
    committee: str, folder: Path
) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        await pilot.press("B")
        await opened_form(pilot)
        await tab_to(pilot, "picker")
        # The list: "../", "sager/", "Belysningsplan 2027.pdf", "program"; into the
        # folder and out again, then the program.
        await pilot.press("down", "enter")
        await settle(pilot)
        picker = pilot.app.screen.query_one("#picker")
        assert picker.folder == folder / "sager"  # type: ignore[attr-defined]
        await pilot.press("enter")  # "../"
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        path = pilot.app.screen.query_one("#field-path")
        assert path.value == str(folder / "program")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "et Linux-program; programmer kan ikke vedhæftes" in notified(pilot)
    assert recorded_since(committee, before) == []
    assert os.path.exists(folder / "program")


async def test_the_attach_form_fits_80x24(committee: str, folder: Path) -> None:
    async with running(committee, size=(80, 24)) as pilot:
        await pilot.press("B")
        await opened_form(pilot)
        form = pilot.app.screen
        assert isinstance(form, AttachFileScreen)
        buttons = list(form.query(Button))
        assert [str(b.label) for b in buttons] == ["Vedhæft (ctrl+s)", "Fortryd (esc)"]
        for widget in [*buttons, form.query_one("#field-path"), form.query_one("#picker")]:
            assert seen(pilot, widget), widget
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not isinstance(pilot.app.screen, AttachFileScreen)
