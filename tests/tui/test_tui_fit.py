"""Screens that fit the terminal: at 80×24 the export dialog shows every field and both
buttons; the help cuts no column at 80 or 120 columns, lists each key once and says why
an action cannot be done once per reason; the footer wraps rather than cuts."""

from __future__ import annotations

from datetime import time

import pytest
from textual.widget import Widget
from textual.widgets import Button, Label

from chefforum_tui.forms import lifecycle
from chefforum_tui.keymap import BY_ID
from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.help import HelpScreen, KeyList
from chefforum_tui.widgets.footer import KeyFooter
from tests.tui.tui_pilot import ACTOR, FORUM, only_meeting, opened, running, settle


def seen(pilot: object, widget: Widget) -> bool:
    """The widget is what the user sees (and would click) at its middle."""
    screen = pilot.app.screen  # type: ignore[attr-defined]
    x, y = widget.region.center
    found, _ = screen.get_widget_at(x, y)
    return found is widget or widget in found.ancestors


async def test_the_export_dialog_fits_80x24(started: str) -> None:
    async with running(started, size=(80, 24)) as pilot:
        await pilot.press("x")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        buttons = list(form.query(Button))
        assert [str(b.label) for b in buttons] == ["Eksportér (ctrl+s)", "Fortryd (esc)"]
        for widget in [*buttons, *form.query("#field-format, #field-public, #field-file")]:
            assert seen(pilot, widget), widget


async def test_a_long_form_at_80x24_shows_each_field_as_it_gets_the_focus(committee: str) -> None:
    """The new participant's six fields do not fit: they scroll between the title and
    the buttons, and none is ever behind the buttons."""
    async with running(committee, size=(80, 24)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        reached = []
        for _ in range(8):
            focused = pilot.app.focused
            assert focused is not None and seen(pilot, focused), focused
            reached.append(focused.id)
            await pilot.press("tab")
            await pilot.pause()
        assert {"field-name", "field-substitute_for", "submit", "cancel"} <= set(reached)


@pytest.mark.parametrize("width", [80, 120])
async def test_help_cuts_nothing_and_lists_each_key_once(started: str, width: int) -> None:
    async with running(started, size=(width, 30)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        keys = screen.query_one(KeyList)
        lines = [line.plain for line in keys.lines(keys.content_region.width)]
        assert max(len(line) for line in lines) <= keys.content_region.width
        words = " ".join(lines).split()
        # Every id of the meeting screen and of the app is there whole, to be copied.
        shown = {key_id for key_id in BY_ID if key_id in words}
        assert {i for i in BY_ID if i.split(".")[0] in ("meeting", "app", "field")} <= shown

        # ctrl+s saves a field on the meeting screen and in a text field: one row, two ids.
        saves = [row for row in screen.rows if row.description == "Gem felt"]
        assert [(row.keys, row.ids) for row in saves] == [
            ("ctrl+s", ("meeting.commit", "field.commit"))
        ]
        assert len({(row.keys, row.description) for row in screen.rows}) == len(screen.rows)


async def test_help_groups_what_cannot_be_done_under_its_reason_once(started: str) -> None:
    """The meeting is under way: publishing and starting cannot be done, each said once,
    with its key under the reason; no key is split over two lines."""
    async with running(started, size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        keys = screen.query_one(KeyList)
        lines = [line.plain for line in keys.lines(keys.content_region.width)]
        published = "Ikke muligt nu: dagsordenen er allerede udsendt"
        assert lines.count(published) == 1
        after = lines[lines.index(published) + 1].split()
        assert after[:3] == ["p", "Udsend", "dagsorden"]
        assert not any("ikke muligt" in line for line in lines)  # not repeated per key
        shown = {word for line in lines for word in line.split()}
        for row in screen.rows:
            assert set(row.key_lines) <= shown, row  # "ctrl+down", never "ctrl+dow"


@pytest.mark.parametrize("width", [80, 120])
async def test_the_footer_shows_every_key_of_the_live_view(started: str, width: int) -> None:
    async with running(started, size=(width, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeyFooter)
        text = " ".join(line.plain for line in footer.lines(footer.content_region.width))
        for description in ("Næste punkt", "Afstemning", "Bemærkning", "Fravær", "Hjælp"):
            assert description in text
        assert all(
            line.cell_length <= footer.content_region.width for line in footer.lines(width - 2)
        )


@pytest.fixture
def started_at_ten(committee: str) -> str:
    """The committee's meeting started at 10:00; Karen chairs the forum too (to end it)."""
    with opened(committee) as minutes:
        mid = only_meeting(minutes)
        minutes.change_roles(ACTOR, FORUM, ACTOR, "chair", grant=True)
        minutes.publish_agenda(mid, ACTOR)
        minutes.start_meeting(mid, ACTOR, time(10, 0))
    return committee


def clock_at(monkeypatch: pytest.MonkeyPatch, at: time) -> None:
    """The end-meeting dialog's clock (the label depends on it against the start)."""
    monkeypatch.setattr(lifecycle, "clock_time", lambda zone=None: at)


async def test_a_long_label_wraps_inside_the_dialog(
    started_at_ten: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The end-meeting dialog's label (the clock, the start, what empty means) is longer
    than 80 columns: it takes two lines inside the border, not one cut at it."""
    clock_at(monkeypatch, time(9, 30))  # before the start: the label says why no time
    async with running(started_at_ten, size=(80, 24)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        (label,) = form.query(Label)
        assert "uret viser 09:30, før starten kl. 10:00" in str(label.render())
        inside = form.query_one("#fields").content_region
        assert label.region.height >= 2
        assert inside.x <= label.region.x and label.region.right <= inside.right


async def test_ending_in_the_minute_it_started_offers_the_clock(
    started_at_ten: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started and ended within one minute (the clock shows the start's minute): the time
    offered is the clock's, not 'before the start' (a minute's rollover made this vary)."""
    clock_at(monkeypatch, time(10, 0))
    async with running(started_at_ten, size=(80, 24)) as pilot:
        await pilot.press("e")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        assert "før starten" not in str(form.query_one(Label).render())
        assert form.values()["at"] == "10:00"


@pytest.mark.parametrize("size", [(80, 24), (100, 36), (120, 40)])
async def test_the_vote_dialog_shows_its_buttons_at_every_size(
    started: str, size: tuple[int, int]
) -> None:
    """Seven fields are too tall for a dialog with borders at 40 rows: it drops them."""
    async with running(started, size=size) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        for button in form.query(Button):
            assert seen(pilot, button), button
