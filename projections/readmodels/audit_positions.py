"""Positions in a meeting's log: a position given as a number or as a moment, and the
position of the latest approval."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from domain.application import Minutes
from domain.errors import NotFound
from domain.meeting.events.meeting import MinutesApproved
from projections.documents.referat import LOCAL


def parse_moment(text: str, *, end: bool = False) -> datetime:
    """A local moment as typed: 2026-05-20T10:15, '2026-05-20 10:15' or 2026-05-20.

    With `end`, the last instant of what was typed (the day, minute or second), so that
    a time copied from the log includes the changes made in that second.
    """
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise NotFound(f"'{text}' er ikke et tidspunkt som 2026-05-20T10:15.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    if end and moment.microsecond == 0:
        step = {10: timedelta(days=1), 16: timedelta(minutes=1)}.get(
            len(text), timedelta(seconds=1)
        )
        moment += step - timedelta(microseconds=1)
    return moment


def position_at(minutes: Minutes, meeting_id: UUID, at: str) -> int:
    """A position in the meeting's log, given as a number or as a moment (the last
    change made at or before it)."""
    latest = minutes.get(meeting_id).version
    if at.strip().isdigit():
        position = int(at)
        if not 1 <= position <= latest:
            raise NotFound(f"Mødets log har positionerne 1-{latest}, ikke {position}.")
        return position
    moment = parse_moment(at, end=True)
    position = 0
    history: Iterable[Any] = minutes.events.get(meeting_id)
    for event in history:
        if event.timestamp > moment:
            break
        position = event.originator_version
    if position == 0:
        raise NotFound(f"Mødet fandtes endnu ikke {moment:%d-%m-%Y kl. %H:%M}.")
    return position


def last_approval(minutes: Minutes, meeting_id: UUID) -> int | None:
    """The position of the latest signature, if the minutes have been approved."""
    found = None
    for event in minutes.events.get(meeting_id):
        if isinstance(event, MinutesApproved):
            found = event.originator_version
    return found
