"""Postponing an item to the forum's next meeting (issue 13), and a vote's line as typed
("3: Anne Holm, V"), which the vote dialog (forms/decisions.py) reads."""

from __future__ import annotations

from typing import Any

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from domain.meeting.state import Vote, VoteOption


def postpone_item(port: MeetingPort) -> None:
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id

    def postpone(v: dict[str, Any]) -> None:
        port.save(lambda minutes: minutes.postpone_item(mid, actor, iid, v["reason"] or None))

    port.form(
        f"Udsæt punktet '{item.title}' til forummets næste møde",
        [Field("reason", "Begrundelse", placeholder="f.eks. Afventer høringssvar")],
        postpone,
        submit="Udsæt",
    )


def parse_vote(option: VoteOption, text: str) -> Vote | None:
    """'3', '3: A, F' or 'Anne Holm, Bo Lind'; empty: no such line."""
    text = text.strip()
    if not text:
        return None
    count_text, colon, names = text.partition(":")
    if text.isdigit():
        return Vote(option=option, count=int(text), who=())
    if colon and count_text.strip().isdigit():
        who = tuple(n.strip() for n in names.split(",") if n.strip())
        return Vote(option=option, count=int(count_text), who=who)
    return Vote(
        option=option, count=None, who=tuple(n.strip() for n in text.split(",") if n.strip())
    )
