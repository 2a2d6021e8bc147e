"""`chefforum send`, `remind` and `links`: the members' mail and personal links."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from chefforum_tui.cli.errors import UsageError
from chefforum_tui.cli.output import say
from domain.application import Minutes
from domain.clock import zone
from domain.errors import RuleViolation
from domain.meeting.member_links import link_status
from projections.mail.mailing import Sent, send

STATUS = {
    "valid": "gyldigt",
    "expired": "udløbet",
    "revoked": "trukket tilbage",
    "replaced": "afløst",
}


def _report(results: list[Sent], what: str) -> None:
    failed = [r for r in results if r.error is not None]
    for r in results:
        if r.error is None:
            say(f"Sendt {what} til {r.name} <{r.address}>: {r.where}")
        else:
            say(f"IKKE sendt til {r.name}: {r.error}")
    if not results:
        say("Ingen modtagere.")
    if failed:
        names = ", ".join(r.name for r in failed)
        raise RuleViolation(
            f"{len(failed)} mail(s) blev ikke sendt ({names}); ret det og send igen med --to NAVN."
        )


def cmd_send(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    _report(send(app, meeting_id, actor, args.kind, to=tuple(args.to), days=args.days), args.kind)


def cmd_remind(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    _report(send(app, meeting_id, actor, "påmindelse", days=args.days), "påmindelse")


def cmd_links(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.links_command is None:
        raise UsageError("angiv show eller revoke")
    meeting_id = app.resolve(args.meeting)
    if args.links_command == "revoke":
        count = app.revoke_member_links(meeting_id, actor, args.member)
        say(f"{count} link(s) trukket tilbage.")
        return
    state = app.get(meeting_id).state
    tz = zone(state.time_zone)
    now = datetime.now(UTC)
    for link in state.links:
        status = STATUS[link_status(state.links, link, now)]
        say(
            f"{link.member}: udstedt {link.issued.astimezone(tz):%d-%m-%Y %H:%M}, gælder til "
            f"{link.expires.astimezone(tz):%d-%m-%Y %H:%M}, {'/'.join(link.scope)}, {status}"
        )

