"""What was decided on an item besides its text: the vote (on the recommendation, or on a
motion with its text and result), protocol remarks, and who did not take part.

People are chosen by typing (widgets/people.py), among the meeting's participants and the
forum's members (and, where the minutes may name one, their party groups); every field
has a go-to key (keymap.VOTE_FORM_KEYS ...), so that from the live view any field is the
dialog's key and one more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chefforum_tui.forms.port import MeetingPort
from chefforum_tui.forms.records import parse_vote
from chefforum_tui.keymap import hint
from chefforum_tui.screens.dialogs import Field
from chefforum_tui.widgets.people import (
    Candidate,
    PeoplePicker,
    PersonPicker,
    letters,
    people,
    picker,
)
from domain.application import Minutes
from domain.meeting.state import (
    ABSENCE_REASONS,
    MOTION_RESULTS,
    REMARK_KINDS,
    ROLE_LABELS,
    VOTE_LABELS,
    VOTE_OPTIONS,
    Item,
    Motion,
    Vote,
)

NO_RESULT = ("intet resultat", "")


def candidates(port: MeetingPort, groups: bool = False) -> list[Candidate]:
    """The participants, then the forum's members who are not (and their standing
    substitutes); with groups, the party groups after them."""
    found: list[tuple[str, str | None, str | None]] = []
    parties = {m.name: m.party for m in port.members}
    if port.meeting is not None:
        found += [
            (p.name, p.party or parties.get(p.name), ROLE_LABELS[p.role])
            for p in port.meeting.state.participants
        ]
    for member in port.members:
        found.append((member.name, member.party, member.role))
        found += [(s, None, f"stedfortræder for {member.name}") for s in member.substitutes]
    return people(found, groups)


def vote_line(vote: Vote | None) -> str:
    """A vote as its field shows it: "3: Anne Holm, V", "3" or "Anne Holm"."""
    if vote is None:
        return ""
    who = ", ".join(vote.who)
    if vote.count is None:
        return who
    return f"{vote.count}: {who}" if who else str(vote.count)


def votes(port: MeetingPort, motion_first: bool = False) -> None:
    """The vote: For, Imod, Undlod, Blank, each a count and/or names; with a motion's text
    (and who moved it, and the result) it is a vote on that motion, after those already
    taken on the item; without, the vote on the item itself."""
    item = port.current_item()
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    taken = item.decision.motions if item.decision else ()
    current = {v.option: v for v in (item.decision.votes if item.decision else ())}
    everyone = candidates(port, groups=True)
    lines = [
        Field(
            option,
            VOTE_LABELS[option],
            value=vote_line(current.get(option)),
            widget=picker(PeoplePicker, everyone),
            goto=f"vote.{option}",
        )
        for option in VOTE_OPTIONS
    ]
    motion = [
        Field(
            "text",
            "Forslagets tekst (tomt: afstemningen om punktet)",
            placeholder="f.eks. Ændringsforslag fra V: ...",
            goto="vote.text",
        ),
        Field("by", "Stillet af", widget=picker(PersonPicker, everyone), goto="vote.by"),
        Field(
            "result",
            "Resultat",
            widget=letters([NO_RESULT, *((r, r) for r in MOTION_RESULTS)]),
            goto="vote.result",
        ),
    ]

    def record(v: dict[str, Any]) -> None:
        cast = [
            vote for option in VOTE_OPTIONS if (vote := parse_vote(option, v[option])) is not None
        ]
        if not (v["text"] or v["by"] or v["result"]):
            port.save(lambda minutes: minutes.record_votes(mid, actor, iid, cast))
            return
        new = Motion(
            text=v["text"], by=v["by"] or None, result=v["result"] or None, votes=tuple(cast)
        )
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

    number = f" (forslag nr. {len(taken) + 1})" if taken else ""
    port.form(
        f"Afstemning: {item.title}{number}",
        [*motion, *lines] if motion_first else [*lines, *motion],
        record,
    )


def _required(port: MeetingPort, value: str, what: str) -> bool:
    if value:
        return True
    port.notify(f"Vælg {what}: skriv forbogstaverne og tryk ↵.", severity="warning")
    return False


def _item_with_people(port: MeetingPort) -> Item | None:
    """The selected item, when there is anyone to choose."""
    item = port.current_item()
    if item is None or port.meeting is None:
        return None
    if not port.meeting.state.participants and not port.members:
        key = hint("meeting.add_participant", port.keymap)
        port.notify(f"Mødet har ingen deltagere endnu (tryk {key}).", severity="warning")
        return None
    return item


def remark(port: MeetingPort, values: dict[str, Any] | None = None) -> None:
    """A protokolbemærkning or mindretalsudtalelse of a member or a party group; typed by
    someone else than the member, the minutes say who entered it."""
    item = _item_with_people(port)
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    given = values or {}

    def add(v: dict[str, Any]) -> None:
        if not _required(port, v["by"], "hvem bemærkningen er fra"):
            remark(port, v)  # the text typed comes back with the form
            return
        port.save(
            lambda minutes: minutes.add_statement(mid, actor, iid, v["by"], v["text"], v["kind"])
        )

    port.form(
        f"Bemærkning: {item.title}",
        [
            Field(
                "by",
                "Fra (medlem eller partigruppe)",
                value=given.get("by", ""),
                widget=picker(PersonPicker, candidates(port, groups=True)),
                goto="remark.by",
            ),
            Field("text", "Bemærkning", "area", given.get("text", ""), goto="remark.text"),
            Field(
                "kind",
                "Type",
                value=given.get("kind", REMARK_KINDS[0]),
                widget=letters([(k, k) for k in REMARK_KINDS]),
                goto="remark.kind",
            ),
        ],
        add,
        submit="Tilføj",
    )


def absence(port: MeetingPort, values: dict[str, Any] | None = None) -> None:
    """Someone who did not take part in the item: a participant or any of the forum's
    members, with the reason chosen by its first letter."""
    item = _item_with_people(port)
    if item is None:
        return
    mid, actor, iid = port.meeting_id, port.actor, item.id
    given = values or {}
    everyone = candidates(port)

    def record(v: dict[str, Any]) -> None:
        if not _required(port, v["name"], "hvem der var fraværende"):
            absence(port, v)
            return

        def save(confirm: bool) -> Callable[[Minutes], list[str]]:
            return lambda minutes: minutes.record_member_absence(
                mid,
                actor,
                iid,
                v["name"],
                v["reason"],
                v["substitute"] or None,
                confirm=confirm,
            )

        def checked(warnings: list[str]) -> None:
            if warnings:  # declined, the form comes back with what was typed
                port.confirm(" ".join(warnings) + " Gem alligevel?", lambda: port.save(save(True)))

        port.save(save(False), checked)

    port.form(
        f"Fravær på punktet: {item.title}",
        [
            Field(
                "name",
                "Hvem",
                value=given.get("name", ""),
                widget=picker(PersonPicker, everyone),
                goto="absence.name",
            ),
            Field(
                "reason",
                "Grund",
                value=given.get("reason", ABSENCE_REASONS[0]),
                widget=letters([(r, r) for r in ABSENCE_REASONS]),
                goto="absence.reason",
            ),
            Field(
                "substitute",
                "Stedfortræder (valgfrit)",
                value=given.get("substitute", ""),
                widget=picker(PersonPicker, everyone),
                goto="absence.substitute",
            ),
        ],
        record,
        submit="Tilføj",
    )
