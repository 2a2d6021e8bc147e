"""The command palette speaks Danish, and nothing animates: a key pressed right after a
focus change lands where the screen already shows it."""

from __future__ import annotations

from textual import events
from textual.command import CommandInput, CommandList, CommandPalette

from chefforum_tui.palette import NO_MATCH, PLACEHOLDER
from tests.tui.tui_pilot import running, settle, type_text


async def test_the_palette_asks_and_answers_in_danish(scheduled: str) -> None:
    async with running(scheduled) as pilot:
        assert pilot.app.animation_level == "none"
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        assert (
            palette.query_one(CommandInput).placeholder == PLACEHOLDER == "Søg efter en handling …"
        )

        await type_text(pilot, "xyzzy")
        await pilot.pause(1.0)  # the palette waits half a second before saying so
        options = palette.query_one(CommandList)
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert [p.renderable.plain for p in prompts] == [NO_MATCH]  # type: ignore[union-attr]


async def test_page_keys_typed_as_the_palette_opens_break_nothing(scheduled: str) -> None:
    """ctrl+p and at once page down, page up (found by a monkey walk, seed 79): the list
    had no size yet, and Textual's paging raised KeyError."""
    async with running(scheduled) as pilot:
        for key in ("ctrl+p", "pagedown", "pageup", "pagedown"):  # no pause between them
            pilot.app.post_message(events.Key(key, None))
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette)
        assert pilot.app.unexpected == []  # type: ignore[attr-defined]
        await type_text(pilot, "hj")
        await settle(pilot)
        assert pilot.app.screen.query_one(CommandList).option_count > 0
