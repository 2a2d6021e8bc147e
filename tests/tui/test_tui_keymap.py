"""Keys remapped in keys.toml: the new key performs the action, the old one no longer does,
and the help screen, the form's buttons and the hints show the new keys; a bad file is
one Danish line, and the app runs on with the default keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.help import HelpScreen
from tests.tui.tui_pilot import (
    fill,
    meeting_screen,
    notified,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    stored,
)


def keys_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("CHEFFORUM_KEYS", str(path))


def help_rows(pilot: object) -> dict[str, tuple[str, ...]]:
    """The help screen's rows by binding id: (keys, action, where)."""
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HelpScreen)
    return {i: (r.keys, r.description, r.where) for r in screen.rows for i in r.ids}


async def test_a_remapped_key_performs_the_action_and_help_shows_it(
    committee: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys_toml(
        tmp_path,
        monkeypatch,
        '[keys]\n"meeting.add_item" = "ctrl+n"\n"form.submit" = ["ctrl+g"]\n',
    )
    before = len(stored(committee))
    async with running(committee) as pilot:
        assert notified(pilot) == ""  # a good file says nothing
        await pilot.press("a")  # no longer bound
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FormScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        labels = [str(b.label) for b in form.query(Button)]
        assert labels == ["Tilføj (ctrl+g)", "Fortryd (esc)"]
        await fill(pilot, {"title": "Et nyt punkt"})
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert meeting_screen(pilot).meeting is not None

        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        rows = help_rows(pilot)
        assert rows["meeting.add_item"][:2] == ("ctrl+n", "Nyt punkt")
        assert rows["form.submit"][0] == "ctrl+g"
        assert rows["meeting.votes"][0] == "v"  # the rest keep their keys
        assert rows["app.help"][0] == "? / f1"
    assert recorded_since(committee, before) == ["ItemAdded"]
    with opened(committee) as minutes:
        titles = [i.title for i in minutes.get(only_meeting(minutes)).state.active_items()]
    assert "Et nyt punkt" in titles


async def test_a_bad_key_file_is_one_line_and_the_defaults_apply(
    scheduled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys_toml(tmp_path, monkeypatch, '[keys]\n"meeting.add_itme" = "ctrl+n"\n')
    async with running(scheduled) as pilot:
        assert "Ukendt tast-id 'meeting.add_itme'" in notified(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)

    keys_toml(tmp_path, monkeypatch, '[keys\n"meeting.add_item" = "ctrl+n"\n')
    async with running(scheduled, open_meeting=False) as pilot:
        (message,) = [str(n.message) for n in pilot.app._notifications]
        assert message.startswith("Tastefilen ") and "ikke gyldig TOML" in message
        assert "\n" not in message
