"""Markdown imported into a real store: a broken rule stores nothing, the seed imports once."""

from __future__ import annotations

from pathlib import Path

import pytest

from chefforum_tui.cli import main
from domain.application import Minutes
from projections.documents.interchange import DocumentRefused
from projections.importing.parsed import import_markdown
from tests.unit.test_markdown_import import HEAD, SEED_PARAMS


def test_a_rule_broken_by_the_file_names_the_line_and_stores_nothing(
    sqlite_minutes: Minutes,
) -> None:
    text = (
        HEAD + "**Mødedeltagere** Anne Holm, Karen Dahl\n\n**Referent** Karen Dahl\n\n"
        "## Punkt 1: A\n\n### Beslutning\n\nGodkendt.\n\n## **Godkendelse**\n\n"
        "Godkendt af Karen Dahl d. 21. maj 2026 kl. 10:00\n"
    )
    # A rule of the minutes (exit 1), not bad input.
    with pytest.raises(DocumentRefused, match=r"^linje 17: Karen Dahl er ikke medlem"):
        import_markdown(sqlite_minutes, text, "Test")
    assert sqlite_minutes.meeting_ids() == []


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_the_seed_imports_once_through_the_cli(
    seed: Path, minutes: Minutes, store: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", store, "--actor", "Test", "import", str(seed)]) == 0
    assert "hændelser registreret" in capsys.readouterr().out
    version = minutes.summaries()[0].version
    assert main(["--db", store, "--actor", "Test", "import", str(seed)]) == 0
    assert "intet nyt" in capsys.readouterr().out
    assert minutes.summaries()[0].version == version
