"""What was decided on an item besides its text: the vote, protocol remarks, and who did
not take part."""

from __future__ import annotations

from typing import Any

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.keymap import hint
from chefforum_tui.screens.dialogs import Field
from domain.meeting.state import ABSENCE_REASONS, VOTE_LABELS, VOTE_OPTIONS, Item, Vote


def vote_fields(item: Item) -> list[Field]:
    """A count and a list of names or parties for every way to vote."""
    current = {v.option: v for v in (item.decision.votes if item.decision else ())}
    fields: list[Field] = []
    for option in VOTE_OPTIONS:
        vote = current.get(option)
        fields.append(
            Field(
                f"{option}_count",
                f"{VOTE_LABELS[option]}: antal",
                value="" if vote is None or vote.count is None else str(vote.count),
                restrict=r"\d{0,3}",
            )
        )
        fields.append(
            Field(
                f"{option}_who",
                f"{VOTE_LABELS[option]}: hvem (navne eller partier, kommasepareret)",
                value=", ".join(vote.who) if vote else "",
            )
        )
    return fields


def votes_from(values: dict[str, Any]) -> list[Vote]:
    """The vote as the form was filled in; an option left empty is not recorded."""
    votes = []
    for option in VOTE_OPTIONS:
        who = tuple(w.strip() for w in values[f"{option}_who"].split(",") if w.strip())
        count = int(values[f"{option}_count"]) if values[f"{option}_count"] else None
        if count is not None or who:
            votes.append(Vote(option=option, count=count, who=who))
    return votes


def votes(port: MeetingPort) -> None:
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    port.form(
        f"Afstemning: {item.title}",
        vote_fields(item),
        lambda v: port.save(lambda minutes: minutes.record_votes(mid, actor, iid, votes_from(v))),
    )


def _item_and_names(port: MeetingPort) -> tuple[Item, list[tuple[str, Any]]] | None:
    """The selected item and the participants to choose among, when there are any."""
    item = port.current_item()
    if item is None or port.meeting is None:
        return None
    names: list[tuple[str, Any]] = [(p.name, p.name) for p in port.meeting.state.participants]
    if not names:
        key = hint("meeting.add_participant", port.keymap)
        port.notify(f"Mødet har ingen deltagere endnu (tryk {key}).", severity="warning")
        return None
    return item, names


def remark(port: MeetingPort) -> None:
    found = _item_and_names(port)
    if found is None:
        return
    item, names = found
    mid, actor, iid = port.meeting_id, port.actor, item.id
    port.form(
        f"Protokolbemærkning: {item.title}",
        [
            Field("by", "Fra", "select", names[0][1], names),
            Field("text", "Bemærkning (f.eks. en afvigende mening)", "area"),
        ],
        lambda v: port.save(
            lambda minutes: minutes.add_statement(mid, actor, iid, v["by"], v["text"])
        ),
        submit="Tilføj",
    )


def absence(port: MeetingPort) -> None:
    found = _item_and_names(port)
    if found is None:
        return
    item, names = found
    mid, actor, iid = port.meeting_id, port.actor, item.id
    port.form(
        f"Fravær på punktet: {item.title}",
        [
            Field("name", "Hvem", "select", names[0][1], names),
            Field("reason", "Grund", "select", "afbud", [(r, r) for r in ABSENCE_REASONS]),
            Field("substitute", "Stedfortræder", placeholder="navn (valgfrit)"),
        ],
        lambda v: port.save(
            lambda minutes: minutes.record_item_absence(
                mid, actor, iid, v["name"], v["reason"], v["substitute"] or None
            )
        ),
        submit="Tilføj",
    )
