"""Keyboard helpers for Textual pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot

KEY_NAMES = {" ": "space", "\n": "enter"}


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the store workers are done and the screen has caught up."""
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot: Pilot[None], text: str) -> None:
    for character in text:
        await pilot.press(KEY_NAMES.get(character, character))


async def tab_to(pilot: Pilot[None], widget_id: str, limit: int = 60) -> None:
    """Press tab until the widget with that id has focus, as a user would."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}; focus is on {pilot.app.focused}")


async def fill(pilot: Pilot[None], values: dict[str, str]) -> None:
    """Fill a FormScreen: for each field id (without 'field-'), clear it and type the value."""
    for key, value in values.items():
        await tab_to(pilot, f"field-{key}")
        await pilot.press("ctrl+u")
        await type_text(pilot, value)
