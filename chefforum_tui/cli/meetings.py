"""Commands that list, create and change meetings, each through one use case of Minutes."""

from __future__ import annotations

import argparse
from uuid import UUID

from chefforum_tui.cli.output import say, say_json
from domain.application import Minutes
from domain.errors import Conflict, EditConflict
from domain.forum.template import new_meeting
from projections.documents.referat import digest


def cmd_meetings(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    summaries = app.summaries()
    if args.json:
        rows = [
            {
                "id": str(s.id),
                "forum": s.forum,
                "date": s.date.isoformat(),
                "status": s.status_label,
                "items": s.items,
            }
            for s in summaries
        ]
        say_json(rows)
        return
    if not summaries:
        say("Ingen møder endnu. Opret et med 'chefforum new' eller prøv 'chefforum demo'.")
        return
    say(f"{'ID':<8}  {'DATO':<10}  {'STATUS':<17}  {'PKT':>3}  FORUM")
    for s in summaries:
        say(
            f"{s.id.hex[:8]:<8}  {s.date.isoformat():<10}  {s.status_label:<17}  "
            f"{s.items:>3}  {s.forum}"
        )


def cmd_demo(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    from projections.demo import load_demo  # the importer, for `demo` only

    ref, recorded = load_demo(app, actor)
    if recorded:
        say(f"Demomødet {ref} er indlæst ({recorded} hændelser).")
    else:
        say(f"Demomødet {ref} findes allerede; intet ændret.")


def cmd_new(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = new_meeting(
        app,
        actor,
        args.forum,
        args.date,
        start=args.start,
        end=args.end,
        place=args.place,
        organisation=args.organisation,
        first_number=args.first_number,
    )
    say(str(meeting_id))


def cmd_add_participant(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.add_participant(
        app.resolve(args.meeting),
        actor,
        args.name,
        title=args.title,
        party=args.party,
        role=args.role,
        attendance=args.attendance,
        substitute_for=args.substitute_for,
        email=args.email,
    )


def cmd_add_item(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.add_agenda_item(
        app.resolve(args.meeting),
        actor,
        args.title,
        number=args.number,
        case_number=args.case_number,
        kind=args.kind,
        duration_minutes=args.minutes,
        closed=args.closed,
    )


def cmd_publish(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.publish_agenda(app.resolve(args.meeting), actor)


def cmd_start(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    # Without --at: now, in the meeting's zone (on the meeting's day).
    meeting_id = app.resolve(args.meeting)
    if args.at is None:
        app.start_meeting_now(meeting_id, actor)
    else:
        app.start_meeting(meeting_id, actor, args.at)


def cmd_end(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    if args.at is None:
        app.end_meeting_now(meeting_id, actor)
    else:
        app.end_meeting(meeting_id, actor, args.at)


def cmd_decide(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    found = app.get(meeting_id).item_by_number(args.item).decision
    decide(app, meeting_id, actor, args.item, args.text, found.text if found else "")


def decide(app: Minutes, meeting_id: UUID, actor: str, item: str, text: str, base: str) -> None:
    """Write the decision unless someone else changed it since this command read it
    (base): two `decide` at once do not silently replace one another; the later is
    refused with the other's text, as the editor in the TUI is."""
    try:
        app.edit_item_text(meeting_id, actor, item, "decision", text, base)
    except EditConflict as e:
        shown = e.stored if len(e.stored) <= 120 else e.stored[:119] + "…"
        raise Conflict(
            f"Beslutningen på punkt {item} blev ændret af en anden, mens din blev gemt, og "
            f"din er ikke gemt; den gemte er nu: «{shown}». Kør kommandoen igen for at "
            "erstatte den."
        ) from None


def cmd_approve(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.sign_minutes(app.resolve(args.meeting), actor, args.by, digest, args.reservation)


def cmd_correct(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.add_correction(
        app.resolve(args.meeting),
        actor,
        reason=args.reason,
        text=args.text,
        item=args.item,  # None: the whole meeting
    )
