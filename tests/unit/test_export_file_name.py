"""The export dialog's proposed file name: one hyphen between words, no folder."""

from __future__ import annotations

from datetime import date

from chefforum_tui.forms.export import export_fields
from domain.meeting.state import MeetingState


def _stem(forum: str) -> str:
    state = MeetingState(forum=forum, date=date(2026, 1, 12))
    stem: str = next(f.value for f in export_fields(state) if f.key == "file")
    return stem


def test_a_forum_name_becomes_one_hyphen_between_words_and_no_folder() -> None:
    assert _stem("Børn- og Ungeudvalget") == "referat-børn-og-ungeudvalget-2026-01-12"
    assert _stem("Teknik/Miljø") == "referat-teknik-miljø-2026-01-12"
