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
        state = meeting_screen(pilot).meeting.state
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
