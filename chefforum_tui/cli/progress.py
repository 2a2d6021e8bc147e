"""A progress bar for the long commands (verify, rebuild): rich's, on a terminal only.

When stderr is not a terminal (a pipe, a file, a test) nothing extra is printed, so the
command's output stays the one line a script reads.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Redrawing costs more than a few events: the bar moves in steps of 1/STEPS of the total.
STEPS = 500


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Callable[[int], None] | None]:
    """A callback taking the notification id reached (of `total`), or None off a terminal."""
    if total <= 0 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    step = max(1, total // STEPS)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,  # gone when done: the summary line is what remains
    ) as bar:
        task = bar.add_task(description, total=total)
        shown = 0

        def reached(position: int) -> None:
            nonlocal shown
            if position - shown >= step or position >= total:
                shown = position
                bar.update(task, completed=min(position, total))

        yield reached
