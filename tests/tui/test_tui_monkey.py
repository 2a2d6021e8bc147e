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


# Found by the monkey and still open (issue 20): text typed into the earlier-decision
# form's date ("b", tab, text, enter) is lost on some runs although a refused form now
# opens again with its values. Not strict: it passes when the timing differs.
OPEN = {
    12: "the earlier-decision form loses a date that is no date",
    5: "the attach-file form's path is lost after ctrl+down, a letter and enter (issue 20)",
}


@pytest.mark.slow  # a few seconds a walk
@pytest.mark.parametrize(
    "seed",
    [
        pytest.param(s, marks=pytest.mark.xfail(reason=OPEN[s], strict=False)) if s in OPEN else s
        for s in range(WALKS)
    ],
)
async def test_a_monkey_crashes_nothing_loses_nothing_invents_nothing(
    tmp_path: Path, seed: int
) -> None:
    result = await run_monkey(tmp_path, seed, BURSTS)
    assert result.failure is None, f"{result.failure}\nbursts:\n" + "\n".join(result.log)
    assert result.bursts == BURSTS
