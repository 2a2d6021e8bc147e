"""Random walks through the meeting screen and the live view while another process writes
to the same meeting: after every step nothing is stored that nobody did, and nothing typed
is lost (see random_walk.py). bench/tui_walk.py runs many more."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.random_walk import run_walk

WALKS = 20
STEPS = 8


@pytest.mark.slow  # about 10 s a walk
@pytest.mark.parametrize("seed", range(WALKS))
async def test_a_random_walk_loses_nothing_and_invents_nothing(tmp_path: Path, seed: int) -> None:
    result = await run_walk(tmp_path, seed, STEPS)
    assert result.failure is None, f"{result.failure}\nkeys: {' | '.join(result.log)}"
    assert result.steps == STEPS
