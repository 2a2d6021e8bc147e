"""The meeting list: a new meeting from the keyboard opens with its forum's standing items."""

from __future__ import annotations

from datetime import date, time

from textual.widgets import DataTable

from tests.tui.tui_pilot import (
    ACTOR,
    CLOSING,
    OPENING,
    fill,
    meeting_screen,
    opened,
    recorded_since,
    running,
    settle,
    shown,
)


async def test_a_new_meeting_opens_with_the_standing_items(db: str) -> None:
    async with running(db, open_meeting=False) as pilot:
        assert pilot.app.screen.query_one(DataTable).row_count == 0
        await pilot.press("n")
        await settle(pilot)
        await fill(
            pilot,
            {
                "forum": "Økonomiudvalget",
                "date": "2026-09-02",
                "start": "16:00",
                "place": "Byrådssalen",
            },
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        state = shown(meeting_screen(pilot)).state
        assert [i.title for i in state.active_items()] == [
            OPENING,
            CLOSING,
        ]
    assert recorded_since(db, 0) == ["MeetingScheduled", "ItemAdded", "ItemAdded"]
    with opened(db) as minutes:
        (summary,) = minutes.summaries()
        forum = minutes.forum("Økonomiudvalget")
        assert forum is not None and "secretary" in forum.state.roles[ACTOR]
    assert (summary.forum, summary.date) == ("Økonomiudvalget", date(2026, 9, 2))
    assert state.start == time(16) and state.place == "Byrådssalen"


async def test_the_list_reads_a_page_first_and_more_as_the_user_scrolls(db: str) -> None:
    from datetime import timedelta

    from chefforum_tui.screens.meetings import PAGE, MeetingsScreen

    first = date(2000, 1, 1)
    with opened(db) as minutes:
        for n in range(PAGE * 2 + 50):
            minutes.schedule(ACTOR, "Økonomiudvalget", first + timedelta(days=n))
    newest = (first + timedelta(days=PAGE * 2 + 49)).strftime("%d-%m-%Y")

    async with running(db, open_meeting=False) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MeetingsScreen)
        table = screen.query_one(DataTable)
        # The first screen from the first page: the newest meetings, not the whole list.
        assert len(screen.summaries) == table.row_count == PAGE
        assert str(table.get_row_at(0)[0]) == newest
        await pilot.press("ctrl+end")  # to the last row read: the next page comes
        await settle(pilot)
        assert table.row_count == PAGE * 2
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == PAGE * 2 + 50
        assert str(table.get_row_at(table.row_count - 1)[0]) == "01-01-2000"

    async with running(db, open_meeting=False) as pilot:
        # The filter finds a meeting older than the rows read: it reads on until it does.
        await pilot.press("l")
        await pilot.press(*"02-01-2000")
        await settle(pilot)
        table = pilot.app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]) == "02-01-2000"
