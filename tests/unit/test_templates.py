"""A new meeting from its forum's template: standing items and members, in one save."""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.application import Minutes
from domain.errors import Conflict
from domain.forum.standing import STANDING_FIRST, STANDING_LAST
from domain.forum.template import new_meeting
from tests.builders import SECRETARY, full_meeting


def test_a_new_forum_starts_with_the_standing_items_in_one_save(minutes: Minutes) -> None:
    mid = new_meeting(minutes, SECRETARY, "Chefforum", date(2026, 5, 20), start=time(9))
    meeting = minutes.get(mid)
    assert [i.title for i in meeting.state.items] == [STANDING_FIRST, STANDING_LAST]
    assert [i.kind for i in meeting.state.items] == ["beslutning", "drøftelse"]
    assert meeting.state.start == time(9)
    # Scheduled, then two items: one save, one version per event.
    assert meeting.version == 3
    with pytest.raises(Conflict, match="findes allerede"):
        new_meeting(minutes, SECRETARY, "Chefforum", date(2026, 5, 20))
    assert minutes.get(mid).version == 3


def test_a_forum_that_met_before_keeps_its_members_place_and_standing_items(
    minutes: Minutes,
) -> None:
    before, _ = full_meeting(minutes)
    old = minutes.get(before).state
    mid = new_meeting(minutes, SECRETARY, old.forum, date(2026, 10, 7))
    state = minutes.get(mid).state
    assert (state.place, state.start, state.organisation) == (
        old.place,
        old.start,
        old.organisation,
    )
    kept = [p.name for p in old.participants if p.role != "substitute"]
    assert [p.name for p in state.participants] == kept
    assert all(p.attendance == "present" for p in state.participants)
    active = old.active_items()
    assert [i.title for i in state.items] == [active[0].title, active[-1].title]
    assert state.items[0].recommendation == active[0].recommendation
