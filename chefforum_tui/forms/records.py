"""Postponing an item and votes on motions, from the meeting screen (issue 13).

A postponed item goes to the forum's next meeting; votes whose counts do not add up
against the members present are shown and saved only when the user says yes.
"""

from __future__ import annotations

from typing import Any

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.screens.dialogs import Field
from domain.meeting.state import Motion, Vote, VoteOption

RESULTS: list[tuple[str, Any]] = [
    ("(intet)", ""),
    ("vedtaget", "vedtaget"),
    ("forkastet", "forkastet"),
]
VOTE_FIELDS: tuple[tuple[str, VoteOption, str], ...] = (
    ("for", "for", "For"),
    ("against", "against", "Imod"),
    ("abstain", "abstain", "Undlod at stemme"),
)


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


def motion(port: MeetingPort) -> None:
    """One more vote on a motion, after those already taken on the item."""
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    taken = item.decision.motions if item.decision else ()

    def record(v: dict[str, Any]) -> None:
        votes = tuple(
            vote
            for key, option, _label in VOTE_FIELDS
            if (vote := parse_vote(option, v[key])) is not None
        )
        new = Motion(text=v["text"], by=v["by"] or None, result=v["result"] or None, votes=votes)
        motions = [*taken, new]

        def checked(warnings: list[str]) -> None:
            if warnings:
                port.confirm(
                    " ".join(warnings) + " Gem alligevel?",
                    lambda: port.save(
                        lambda minutes: minutes.record_motions(
                            mid, actor, iid, motions, confirm=True
                        )
                    ),
                )

        port.save(lambda minutes: minutes.record_motions(mid, actor, iid, motions), checked)

    port.form(
        f"Afstemning nr. {len(taken) + 1} på '{item.title}'",
        [
            Field("text", "Forslaget", placeholder="f.eks. Ændringsforslag fra V: ..."),
            Field("by", "Stillet af", placeholder="parti eller navn"),
            Field("result", "Resultat", "select", "", RESULTS),
            *(
                Field(key, label, placeholder="antal, 'antal: navne/partier' eller navne")
                for key, _option, label in VOTE_FIELDS
            ),
        ],
        record,
    )
