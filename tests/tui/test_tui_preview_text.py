"""The preview beside the editor and the history's referat show the referat as the text
export prints it ("Punkt 2: ..." over its rule), not Markdown's source ("## **Punkt 2:
...**"), wrapped to the pane."""

from __future__ import annotations

import re

from textual.pilot import Pilot

from chefforum_tui.screens.audit import AuditScreen
from chefforum_tui.widgets.preview import Preview
from tests.tui.tui_pilot import running, settle

HEADING = "Punkt 2: Status på budgetlægningen for 2027"


def shown(pilot: Pilot[None]) -> list[str]:
    """The preview's lines as drawn (wrapped to its width)."""
    preview = pilot.app.screen.query_one(Preview)
    width = preview.scrollable_content_region.width
    lines = list(preview.lines)
    assert all(len(line) <= width for line in lines), width
    return lines


def reads_as_text(lines: list[str]) -> None:
    assert HEADING in lines
    assert lines[lines.index(HEADING) + 1].startswith("=" * 20)
    assert "*** UDKAST – ikke godkendt ***" in lines  # the demo is not signed
    assert not [line for line in lines if line.startswith("#") or re.search(r"\*\*\w", line)]


async def test_the_preview_and_the_history_show_text_not_markdown(demo_db: str) -> None:
    async with running(demo_db, size=(120, 40)) as pilot:
        reads_as_text(shown(pilot))
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AuditScreen)
        reads_as_text(shown(pilot))

