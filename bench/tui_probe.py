"""Run in its own process by bench/run.py: the TUI on a big store, headless.

Prints one JSON line: seconds from process start to the first frame of the meeting
list, and to the list as read from the opened store (the first frame may be a first
look at the stored read model, drawn while the store opens), seconds to open the long
meeting, the mean seconds per move between its items, and the peak resident memory.
With --bare, the baseline: a bare Textual app (one table of one row) to its first frame,
timed the same way.

A frame is drawn when the screen has handled what was sent to it and repainted (drawn()),
not when the process is idle (Pilot.pause waits for that, up to a second): the store
opens in the background after the first frame, and its work is not the frame's.
"""

from __future__ import annotations

import time

# Both are timed from here, before any import of Textual or of the app: what either pays
# to its first frame includes loading its code (Textual's for both).
STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from textual.pilot import Pilot


async def drawn(pilot: Pilot[None]) -> None:
    """Until the screen has handled its messages and repainted."""
    await pilot._wait_for_screen()
    await pilot.app.screen.wait_for_refresh()


async def probe(db: str, long_id: str) -> dict[str, float]:
    from chefforum_tui.app import ChefforumApp
    from chefforum_tui.screens.meetings import MeetingsScreen

    app = ChefforumApp(db, "Benchmark")
    result: dict[str, float] = {}
    async with app.run_test(size=(200, 50)) as pilot:
        while not (isinstance(app.screen, MeetingsScreen) and app.screen.summaries):
            await asyncio.sleep(0.005)
        await drawn(pilot)
        result["first_frame"] = time.perf_counter() - STARTED
        while not (app.store_open and app.screen.ready):
            await asyncio.sleep(0.005)
        await drawn(pilot)
        result["store_list"] = time.perf_counter() - STARTED
        await pilot.pause()
        from chefforum_tui.screens.meeting import MeetingScreen  # the probe's, not the frame's

        opened = time.perf_counter()
        app.open_meeting(long_id)
        while not (isinstance(app.screen, MeetingScreen) and app.screen.meeting is not None):
            await asyncio.sleep(0.005)
        await pilot.pause()
        result["open_long"] = time.perf_counter() - opened
        moves = 20
        started = time.perf_counter()
        for _ in range(moves):
            await pilot.press("down")
            await app.workers.wait_for_complete()
            await pilot.pause()
        result["move"] = (time.perf_counter() - started) / moves
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


async def bare() -> dict[str, float]:
    """What any Textual app pays to its first frame: Textual's own imports and start."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("ID", "DATO")
            table.add_row("1", "2026-01-01")

    app = Bare()
    async with app.run_test(size=(200, 50)) as pilot:
        await drawn(pilot)
        first = time.perf_counter() - STARTED
    return {
        "first_frame": first,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    if sys.argv[1] == "--bare":
        print(json.dumps(asyncio.run(bare())))
    else:
        print(json.dumps(asyncio.run(probe(sys.argv[1], sys.argv[2]))))
