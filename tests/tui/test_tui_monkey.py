"""The monkey (tests/tui/monkey.py): bursts of any bound key and text with no pauses, from
every screen and dialog the walk reaches, while another user writes through the command
line. After every burst the app is up, nothing is stored that nobody did, and nothing
typed is lost. bench/monkey.py runs 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.monkey import run_monkey

WALKS = 20
BURSTS = 4


# Walks of the benchmark's (6 bursts) that failed and were mended, kept as they were:
# 1007 a motion's text lost when the form came back selected and a key typed over it;
# 1017 the history's preview measured its lines in a thread that outlived the screen
# (NoActiveAppError ended the app); 1030 a letter typed at the end of a title (the
# model's mistake: "referatf" is a stored word and a typed letter); 1038 a remark's
# person lost when a form brought back was refused again unchanged.
FOUND = [1007, 1017, 1030, 1038]
FOUND_BURSTS = 6


@pytest.mark.slow  # a few seconds a walk
@pytest.mark.parametrize("seed", range(WALKS))
async def test_a_monkey_crashes_nothing_loses_nothing_invents_nothing(
    tmp_path: Path, seed: int
) -> None:
    result = await run_monkey(tmp_path, seed, BURSTS)
    assert result.failure is None, f"{result.failure}\nbursts:\n" + "\n".join(result.log)
    assert result.bursts == BURSTS


@pytest.mark.slow
@pytest.mark.parametrize("seed", FOUND)
async def test_the_walks_that_found_a_loss_find_none_now(tmp_path: Path, seed: int) -> None:
    result = await run_monkey(tmp_path, seed, FOUND_BURSTS)
    assert result.failure is None, f"{result.failure}\nbursts:\n" + "\n".join(result.log)
