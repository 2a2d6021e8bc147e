"""The history from the keyboard at 80×24: it opens with the cursor in the list, the detail
pane shows the text before and after the selected change (as `chefforum log` prints it),
the change column is never cut to nothing, and its keys (filters, export) still work."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from chefforum_tui.screens.audit import AuditScreen
from chefforum_tui.screens.dialogs import FormScreen
from tests.tui.tui_pilot import ACTOR, only_meeting, opened, running, settle, type_text

OLD = "Indstillingen blev godkendt."
NEW = "Indstillingen blev godkendt med den ændring, at rammen hæves med 2 mio. kr."


def detail(pilot: object) -> str:
    """The detail pane's text, as the user reads it (before wrapping)."""
    screen = pilot.app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#detail-text", Static).content)


def decided_twice(db: str) -> None:
    with opened(db) as minutes:
        mid = only_meeting(minutes)
        minutes.record_decision(mid, ACTOR, "2", OLD)
        minutes.record_decision(mid, ACTOR, "2", NEW)


async def test_history_opens_in_the_list_and_shows_the_text_before_and_after(
    started: str,
) -> None:
    decided_twice(started)
    async with running(started, size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, AuditScreen)
        assert pilot.app.focused is screen.query_one("#changes")  # from the first frame
        await settle(pilot)

        # The newest change is selected: Karen's second decision, with what it replaced.
        text = detail(pilot)
        assert "Karen Dahl skrev Beslutning i Punkt 2" in text
        assert f"Før: {OLD}" in text
        assert f"Efter: {NEW}" in text

        # The list's change column holds the whole change, also at 80 columns.
        table = screen.query_one("#changes", DataTable)
        row = table.get_row_at(table.cursor_row)
        assert row[3].plain == "skrev Beslutning i Punkt 2"
        assert table.ordered_columns[3].width >= len(row[3].plain)

        await pilot.press("up")  # the first decision: there was no text before it
        await settle(pilot)
        assert f"Før: (tom)\nEfter: {OLD}" in detail(pilot)
        await pilot.press("up")  # starting the meeting changed no text
        await settle(pilot)
        assert "Karen Dahl startede mødet" in detail(pilot)
        assert "Før:" not in detail(pilot)

        # The keys went to the list, none to the filters.
        assert [i.value for i in screen.query(Input)] == ["", ""]


async def test_history_filters_and_export_from_the_keyboard(started: str) -> None:
    decided_twice(started)
    async with running(started, size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, AuditScreen)

        await pilot.press("n")  # the item filter
        await type_text(pilot, "3")
        await settle(pilot)
        assert {e.item_number for e in screen.shown} == {"3"}
        assert "tilføjede punktet 'Vejbelysning'" in detail(pilot)
        await pilot.press("escape")  # leaves the filter for the list, keeps the filter
        await settle(pilot)
        assert pilot.app.screen is screen
        assert pilot.app.focused is screen.query_one("#changes")
        assert screen.query_one("#item-filter", Input).value == "3"

        await pilot.press("x")  # export the referat as it stood then
        await settle(pilot)
        assert isinstance(pilot.app.screen, FormScreen)
        assert pilot.app.screen.title_text == "Eksportér referatet"
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen

        await pilot.press("escape")  # from the list, back to the meeting
        await settle(pilot)
        assert not isinstance(pilot.app.screen, AuditScreen)
