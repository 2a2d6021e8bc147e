"""The decision is one key from anywhere; escape leaves a field and never the meeting;
ctrl+a, line feeds and pasted paragraphs; check boxes that read on and off; participants
with their titles; and a layout in which the editor and a dialog's buttons fit at 80×24."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Button, OptionList

from chefforum_tui.screens.dialogs import FormScreen
from chefforum_tui.screens.meeting import MeetingScreen
from chefforum_tui.screens.meetings import MeetingsScreen
from chefforum_tui.widgets.choices import Check
from chefforum_tui.widgets.fields import CommitInput, CommitTextArea
from tests.tui.tui_pilot import (
    focus,
    meeting_screen,
    only_meeting,
    opened,
    recorded_since,
    running,
    settle,
    stored,
    type_text,
)


def focused_id(pilot: object) -> str | None:
    focused = pilot.app.focused  # type: ignore[attr-defined]
    return focused.id if focused is not None else None


async def test_go_to_keys_and_escape_never_leaves_the_meeting(committee: str) -> None:
    before = len(stored(committee))
    async with running(committee) as pilot:
        await pilot.press("f2")  # from the agenda: one key to the decision
        assert focused_id(pilot) == "decision"
        await pilot.press("alt+t")  # from inside a field, to the title
        assert focused_id(pilot) == "title"
        await pilot.press("ctrl+a")  # select all: typing replaces the title
        await type_text(pilot, "Godkendelse af dagsorden")
        await pilot.press("alt+b")
        assert focused_id(pilot) == "decision"
        await pilot.press("escape", "escape", "escape")  # one too many, twice
        await settle(pilot)
        assert isinstance(pilot.app.screen, MeetingScreen)
        assert focused_id(pilot) == "items"
        await pilot.press("backspace")  # back is a key of its own
        await settle(pilot)
        assert isinstance(pilot.app.screen, MeetingsScreen)
    assert recorded_since(committee, before) == ["ItemRetitled"]
    with opened(committee) as minutes:
        first = minutes.get(only_meeting(minutes)).state.active_items()[0]
    assert first.title == "Godkendelse af dagsorden"


async def test_line_feeds_and_pasted_paragraphs_are_kept(started: str) -> None:
    committee = started  # a decision is recorded only once the meeting has begun
    before = len(stored(committee))
    async with running(committee) as pilot:
        await focus(pilot, "decision")
        await type_text(pilot, "Første afsnit.")
        await pilot.press("ctrl+j", "ctrl+j")  # line feeds, as some terminals send enter
        await type_text(pilot, "Andet afsnit.")
        decision = meeting_screen(pilot).query_one("#decision", CommitTextArea)
        decision.post_message(events.Paste("\r\nIndsat linje.\r\rIndsat afsnit."))
        await settle(pilot)
        await focus(pilot, "rec_by")
        rec_by = meeting_screen(pilot).query_one("#rec_by", CommitInput)
        rec_by.post_message(events.Paste("Direktionen\nog forvaltningen"))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert recorded_since(committee, before) == ["DecisionRecorded", "RecommendationDrafted"]
    with opened(committee) as minutes:
        first = minutes.get(only_meeting(minutes)).state.active_items()[0]
    assert first.decision is not None
    assert first.decision.text == (
        "Første afsnit.\n\nAndet afsnit.\nIndsat linje.\n\nIndsat afsnit."
    )
    assert first.recommendation is not None
    assert first.recommendation.by == "Direktionen og forvaltningen"


def inside(widget: Widget, size: tuple[int, int]) -> bool:
    region = widget.region
    return (
        region.height > 0
        and region.x >= 0
        and region.y >= 0
        and region.right <= size[0]
        and region.bottom <= size[1]
    )


async def test_at_80_by_24_the_editor_the_people_and_the_buttons_fit(started: str) -> None:
    async with running(started, size=(80, 24)) as pilot:
        screen = meeting_screen(pilot)
        editor = screen.query_one("#editor")
        assert editor.region.height >= 18, editor.region
        # Focus scrolls the editor at once, not in a second-long animation in which quick
        # keys land in the wrong place (set_focus scrolls with scroll_to_center).
        assert editor.scroll_y == 0
        screen.scroll_to_center(screen.query_one("#decision", CommitTextArea), immediate=True)
        assert editor.scroll_y > 0  # already there, before any frame was drawn
        people = screen.query_one("#participants", OptionList)
        listed = " ".join(people.render_line(y).text for y in range(people.size.height)).split()
        assert "udvalget" in listed and "stede" in listed  # title and attendance shown
        await pilot.press("end", "up")  # the closed item, before the closing one
        await settle(pilot)
        closed = screen.query_one("#closed", Check)
        assert closed.value and closed.render().plain.startswith("[X]")
        assert screen.query_one("#supplementary", Check).render().plain.startswith("[ ]")
        await pilot.press("v")  # the vote: eight fields
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormScreen)
        for button in form.query(Button):
            assert inside(button, (80, 24)), button.region


async def burst(pilot: object, *keys: str) -> None:
    """Keys arriving together, as from a quick typist or a pasting terminal: each is
    queued before the one before it has been handled."""
    app = pilot.app  # type: ignore[attr-defined]
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)  # type: ignore[arg-type]


async def test_keys_typed_ahead_land_where_the_focus_went(started: str) -> None:
    """Textual hands a key to the widget focused when it arrives: 'tab x' typed x into the
    field being left, and 'escape v' a v into the decision instead of opening the vote."""
    before = len(stored(started))
    async with running(started) as pilot:
        await focus(pilot, "rec_by")
        await burst(pilot, "D", "i", "r", "tab", "a", "t", " ", "x")
        screen = meeting_screen(pilot)
        assert screen.query_one("#rec_by", CommitInput).value == "Dir"
        assert screen.query_one("#rec_points", CommitTextArea).text == "at x"
        await burst(pilot, "x", "alt+t", "y")  # a go-to key, in turn: x stays, y goes on
        assert screen.query_one("#rec_points", CommitTextArea).text == "at xx"
        assert screen.query_one("#title", CommitInput).value.endswith("y")
        await burst(pilot, "f2", "O", "k", "escape", "v")
        assert isinstance(pilot.app.screen, FormScreen)  # the vote, opened by v
        assert meeting_screen_below(pilot).query_one("#decision", CommitTextArea).text == "Ok"
        await burst(pilot, "escape")
        await burst(pilot, "m")  # (keys typed while a screen opens are Textual's to route)
        await burst(pilot, "a", "enter", "H", "e", "j", "ctrl+s")  # a name, then the text
    assert recorded_since(started, before) == [
        "RecommendationDrafted",
        "RecommendationDrafted",
        "ItemRetitled",
        "DecisionRecorded",
        "RemarkAdded",
    ]
    with opened(started) as minutes:
        first = minutes.get(only_meeting(minutes)).state.active_items()[0]
    assert [(r.by, r.text) for r in first.remarks] == [("Anne Holm", "Hej")]


def meeting_screen_below(pilot: object) -> MeetingScreen:
    below = pilot.app.screen_stack[-2]  # type: ignore[attr-defined]
    assert isinstance(below, MeetingScreen)
    return below
