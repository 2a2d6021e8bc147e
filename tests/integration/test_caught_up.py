"""ReadModels.caught_up, which the site asks on every request: two reads of the store when
nothing is new, and never a change missed, also when the last events are of no meeting
(a forum's settings), which the read models' position does not pass. On SQLite and on
PostgreSQL, with the meeting written by a second connection as another process would."""

from __future__ import annotations

from datetime import date

from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes

ACTOR = "Karen Dahl"


def test_a_meeting_written_after_a_forum_event_is_seen(store: str) -> None:
    reader, writer = open_minutes(store), open_minutes(store)
    try:
        models = ReadModels.of(reader)
        first = writer.schedule(ACTOR, "Chefforum", date(2031, 1, 6))
        at = models.caught_up()
        assert [s.id for s in reader.summaries()] == [first]
        writer.set_forum_sections(ACTOR, "Chefforum", ["Resumé", "Økonomi"])
        assert models.caught_up() == at  # a forum's event: nothing for the read models
        assert models.caught_up() == at  # asked again: the quiet answer
        second = writer.schedule(ACTOR, "Chefforum", date(2031, 2, 3))
        assert models.caught_up() > at
        assert {s.id for s in reader.summaries()} == {first, second}
    finally:
        reader.close()
        writer.close()
