"""When the agenda must go out: the forum's setting of days before the meeting
(styrelsesvedtægten, usually 4), and whether a meeting is late (the TUI warns)."""

from __future__ import annotations

from datetime import date, timedelta

from domain.forum.aggregate import Forum
from domain.forum.state import AGENDA_DAYS
from domain.meeting.state import MeetingState


def agenda_deadline(state: MeetingState, forum: Forum | None) -> date:
    days = forum.state.settings.agenda_days if forum is not None else AGENDA_DAYS
    return state.date - timedelta(days=days)


def agenda_late(state: MeetingState, forum: Forum | None, today: date) -> str | None:
    """A warning when the agenda should have gone out by now and has not been mailed."""
    if state.status not in ("draft", "published") or today > state.date:
        return None
    if any(m.kind == "dagsorden" and m.delivered for m in state.mails):
        return None
    deadline = agenda_deadline(state, forum)
    if today <= deadline:
        return None
    days = (state.date - deadline).days
    return (
        f"Dagsordenen skulle være sendt senest {deadline:%d-%m-%Y} ({days} dage før mødet); "
        "den er ikke sendt til medlemmerne endnu."
    )
