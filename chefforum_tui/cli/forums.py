"""The forum commands, and the meeting records of issue 13, each through one use case.

`chefforum forum show|members|template|standing|settings FORUM`; `postpone`, `withdraw`,
`vote`, `remark`, `unremark`, `absent`, `absence`, `facts` on a meeting (forum_parser.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from chefforum_tui.cli.errors import UsageError
from domain.application import Minutes
from domain.errors import NotFound, RuleViolation
from domain.forum.aggregate import Forum
from domain.forum.standing import StandingItem
from domain.forum.state import Member
from domain.forum.template import CHEFFORUM_SECTIONS, template_for
from domain.meeting.state import Motion, Vote, VoteOption
from projections.forum_view import forum_lines, member_line, settings_lines, standing_line


def _forum(app: Minutes, name: str) -> Forum:
    forum = app.forum(name)
    if forum is None:
        raise NotFound(f"Forummet '{name}' findes ikke.")
    return forum


def cmd_forum(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    FORUM_COMMANDS[args.forum_command](app, args, actor)


def _show(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    for line in forum_lines(app, _forum(app, args.forum)):
        print(line)


def _members(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.set and args.remove:
        raise UsageError("brug enten --set eller --remove")
    if args.set:
        member = Member(
            name=args.set,
            title=args.title,
            party=args.party,
            role=args.role,
            substitutes=tuple(args.substitute),
            email=args.email,
        )
        app.set_forum_member(actor, args.forum, member)
    elif args.remove:
        app.remove_forum_member(actor, args.forum, args.remove)
    for member in _forum(app, args.forum).state.members:
        print(member_line(member))


def _template(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.headings:
        app.set_forum_sections(actor, args.forum, args.headings)
    forum = app.forum(args.forum)
    sections = forum.state.sections if forum is not None and forum.state.sections else []
    for heading in sections or template_for(app, args.forum).sections or CHEFFORUM_SECTIONS:
        print(heading)


def _standing(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.place is not None:
        if args.none:
            app.set_standing_item(actor, args.forum, args.place, None)
        elif args.title is None:
            raise UsageError("angiv --title for det faste punkt (eller --none)")
        else:
            item = StandingItem(
                title=args.title, kind=args.kind, recommendation=args.recommendation
            )
            app.set_standing_item(actor, args.forum, args.place, item)
    s = _forum(app, args.forum).state
    print(standing_line("first", s.standing_first, "first" in s.standing_set))
    print(standing_line("last", s.standing_last, "last" in s.standing_set))


def _settings(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    changes = {
        key: getattr(args, key)
        for key in (
            "organisation",
            "place",
            "start",
            "end",
            "time_zone",
            "document",
            "numbering",
            "agenda_days",
        )
        if getattr(args, key) is not None
    }
    if changes:
        app.change_forum_settings(actor, args.forum, **changes)
    for line in settings_lines(_forum(app, args.forum).state.settings):
        print(line)


FORUM_COMMANDS: dict[str, Callable[[Minutes, argparse.Namespace, str], None]] = {
    "show": _show,
    "members": _members,
    "template": _template,
    "standing": _standing,
    "settings": _settings,
}

# -- records on a meeting -------------------------------------------------------------


def cmd_postpone(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    mid = app.resolve(args.meeting)
    to = app.resolve(args.to) if args.to else None
    target, new_id = app.postpone_item(mid, actor, args.item, args.reason, to=to)
    state = app.get(target).state
    number = state.item_numbers()[new_id]
    print(f"Punktet er udsat til {state.forum}/{state.date.isoformat()}, punkt {number}.")


def cmd_withdraw(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.withdraw_item(app.resolve(args.meeting), actor, args.item, args.reason)


def _vote(option: VoteOption, text: str) -> Vote:
    """'3', '3: A, F', 'Anne Holm, Bo Lind' or '-' (nobody)."""
    count_text, colon, names = text.partition(":")
    if colon and count_text.strip().isdigit():
        who = names
        count: int | None = int(count_text)
    elif text.strip().isdigit():
        return Vote(option=option, count=int(text), who=())
    else:
        who, count = text, None
    return Vote(
        option=option,
        count=count,
        who=tuple(w.strip() for w in who.split(",") if w.strip() and w.strip() != "-"),
    )


@dataclass
class _Draft:
    text: str
    by: str | None = None
    result: str | None = None
    votes: list[Vote] = field(default_factory=list)


OPTIONS: dict[str, VoteOption] = {
    "for": "for",
    "against": "against",
    "abstain": "abstain",
    "blank": "blank",
}


def motions_from(steps: list[tuple[str, str]]) -> list[Motion]:
    """The motions of `vote`, from its options in the order given."""
    drafts: list[_Draft] = []
    for tag, value in steps:
        if tag == "motion":
            drafts.append(_Draft(text=value))
        elif not drafts:
            raise UsageError(f"--{tag} skal stå efter en --motion")
        elif tag == "by":
            drafts[-1].by = value
        elif tag == "result":
            drafts[-1].result = value
        else:
            drafts[-1].votes.append(_vote(OPTIONS[tag], value))
    return [
        Motion(
            text=d.text,
            by=d.by,
            result=d.result,  # type: ignore[arg-type]  # checked by the domain
            votes=tuple(d.votes),
        )
        for d in drafts
    ]


def cmd_vote(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    motions = motions_from(args.steps or [])
    if not motions:
        raise UsageError("angiv mindst én --motion")
    warnings = app.record_motions(
        app.resolve(args.meeting), actor, args.item, motions, confirm=args.confirm
    )
    for warning in warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    if warnings and not args.confirm:
        raise RuleViolation(
            "stemmetallene passer ikke med de fremmødte; intet gemt. "
            "Ret dem, eller gem med --confirm."
        )


def cmd_remark(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.add_statement(app.resolve(args.meeting), actor, args.item, args.by, args.text, args.kind)


def cmd_unremark(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.withdraw_statement(app.resolve(args.meeting), actor, args.item, args.by)


def cmd_absent(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    warnings = app.record_member_absence(
        app.resolve(args.meeting),
        actor,
        args.item,
        args.name,
        args.reason,
        args.substitute,
        confirm=args.confirm,
    )
    for warning in warnings:
        print(f"Advarsel: {warning}", file=sys.stderr)
    if warnings and not args.confirm:
        raise RuleViolation(
            "personen har stemt på punktet; intet gemt. Ret afstemningen, eller gem med --confirm."
        )


def cmd_absence(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.record_absence_reason(app.resolve(args.meeting), actor, args.name, args.reason or None)


def cmd_facts(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.set_meeting_facts(
        app.resolve(args.meeting),
        actor,
        kind=args.kind,
        document=args.document,
        remarks=args.remarks,
        clear_remarks=args.remarks == "",
    )
