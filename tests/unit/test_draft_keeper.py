"""The draft keeper's timing (chefforum_tui/drafts.py) on a clock the test moves: a field
is journalled a moment after the last key, and at the latest MAX_DELAY after the first
unwritten one, also when the keys come faster than a timer can fire.

CI once lost a typed decision this way: a key arrived after the deadline, the keeper
asked Textual for a zero timer, Textual's Timer divided by its interval and died, and the
journal kept the first 13 characters while the secretary typed on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from uuid import uuid4

from textual.timer import Timer

from chefforum_tui.drafts import DEBOUNCE, MAX_DELAY, DraftKeeper
from projections.store.drafts import DraftJournal


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Timers:
    """What the keeper asked of the event loop: (delay, callback) of each live timer."""

    def __init__(self) -> None:
        self.asked: list[float] = []
        self.live: list[tuple[float, Callable[[], Any]]] = []

    def __call__(self, delay: float, callback: Callable[[], Any]) -> Timer:
        self.asked.append(delay)
        entry = (delay, callback)
        self.live.append(entry)
        timers = self

        class Handle:
            def stop(self) -> None:
                timers.live.remove(entry)

        return cast(Timer, Handle())


def keeper(tmp_path: Path) -> tuple[DraftKeeper, DraftJournal, Clock, Timers]:
    journal, clock, timers = DraftJournal(tmp_path), Clock(), Timers()
    keeper = DraftKeeper(journal, uuid4(), timers, lambda message: None, clock=clock)
    return keeper, journal, clock, timers


def test_a_steady_typist_is_journalled_by_the_deadline_without_a_zero_timer(
    tmp_path: Path,
) -> None:
    keep, journal, clock, timers = keeper(tmp_path)
    item, typed, step = uuid4(), "", 0.1
    # A key every 0.1 s for 3 s; the loop is too busy to fire any timer meanwhile.
    for character in "Udvalget tog orienteringen til efterretning."[:30]:
        typed += character
        keep.changed(item, "decision", typed, "", dirty=True)
        written = [d.text for d in journal.drafts(keep.meeting_id)] or [""]
        # The oldest key not on disk was typed at most MAX_DELAY ago.
        oldest = (len(typed) - len(written[0]) - 1) * step
        assert oldest <= MAX_DELAY + 1e-9, (typed, written)
        clock.now += step
    assert all(delay > 0 for delay in timers.asked), timers.asked


def test_after_the_last_key_the_text_is_written_when_the_debounce_timer_fires(
    tmp_path: Path,
) -> None:
    keep, journal, clock, timers = keeper(tmp_path)
    item = uuid4()
    keep.changed(item, "decision", "Sagen", "", dirty=True)
    assert journal.drafts(keep.meeting_id) == []
    ((delay, fire),) = timers.live
    assert delay == DEBOUNCE
    clock.now += delay
    fire()
    assert [d.text for d in journal.drafts(keep.meeting_id)] == ["Sagen"]
    # Deleting back to the stored text removes the draft.
    keep.changed(item, "decision", "", "", dirty=True)
    ((_, fire),) = timers.live
    fire()
    assert journal.drafts(keep.meeting_id) == []
