"""CI runs the README's test command: the last line of .ci/run is the command the README
gives under "Set up and run the tests", so the two cannot drift apart."""

from __future__ import annotations

from tests.paths import ROOT


def _readme_command(heading: str) -> str:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    after = lines[next(n for n, line in enumerate(lines) if line.startswith(heading)) :]
    return next(line.strip() for line in after if line.startswith("    "))


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == _readme_command("Set up and run the tests")
    assert ci.endswith(".venv/bin/pytest")


def test_the_readme_starts_with_the_two_commands() -> None:
    start = _readme_command("Set up and start the app")
    assert "chefforum demo" in start and start.startswith("python3 -m venv .venv")
