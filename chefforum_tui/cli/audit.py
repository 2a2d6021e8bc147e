"""Commands that show who changed what (log), what changed (diff), and that nothing was
altered behind the application's back (verify)."""

from __future__ import annotations

import argparse
from uuid import UUID

from chefforum_tui.cli.errors import Tampered, UsageError
from chefforum_tui.cli.output import say, say_json
from domain.application import Minutes
from domain.errors import NotFound
from domain.text import nfc
from projections.documents.render.export import render
from projections.readmodels.audit_positions import last_approval, parse_moment, position_at
from projections.readmodels.runner import ReadModels
from projections.store.location import location
from projections.tools.diff import diff


def cmd_log(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.all == bool(args.meeting):
        raise UsageError("angiv enten et MØDE eller --all")
    since = parse_moment(args.since) if args.since is not None else None
    until = parse_moment(args.until, end=True) if args.until is not None else None
    log = ReadModels.of(app).audit(None if args.all else app.resolve(args.meeting))
    items: dict[UUID, UUID | None] = {}

    def wanted_item(meeting_id: UUID) -> UUID | None:
        """The item numbered --item in that meeting now (with --all, if it has one)."""
        if meeting_id not in items:
            try:
                items[meeting_id] = app.item_id(meeting_id, args.item)
            except NotFound:
                if not args.all:
                    raise
                items[meeting_id] = None
        return items[meeting_id]

    by = nfc(args.by).strip().casefold() if args.by is not None else None
    rows = [
        e
        for e in log
        if (by is None or e.actor.casefold() == by)
        and (
            args.item is None or (e.item_id is not None and e.item_id == wanted_item(e.meeting_id))
        )
        and not (since and e.at < since)
        and not (until and e.at > until)
    ]
    if args.json:
        say_json([e.as_json() for e in rows])
        return
    if not rows:
        say("Ingen ændringer passer på udvalget.")
    for e in rows:
        prefix = f"{e.meeting_id.hex[:8]}  " if args.all else ""
        say(f"{prefix}{e.position:>5}  {e.at:%Y-%m-%d %H:%M:%S}  {e.description}")
        if e.after is not None:
            for label, value in (("før", e.before), ("efter", e.after)):
                shown = (value or "(tom)").replace("\n", " / ")
                say(f"{'':>7}{label:>6}: {shown[:200]}{'…' if len(shown) > 200 else ''}")


def cmd_diff(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    if args.a is not None:
        a = position_at(app, meeting_id, args.a)
    else:
        approved = last_approval(app, meeting_id)
        if approved is None:
            raise UsageError("referatet er ikke godkendt; angiv A (en position eller et tidspunkt)")
        a = approved
    b = position_at(app, meeting_id, args.b) if args.b is not None else app.get(meeting_id).version
    old = render(app.get(meeting_id, version=a).state, "markdown").decode()
    new = render(app.get(meeting_id, version=b).state, "markdown").decode()
    lines = diff(old, new)
    say(f"Referatet ved position {a} og {b}:")
    say("\n".join(lines) if lines else "Ingen forskel i teksten.")


def cmd_verify(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    from chefforum_tui.cli.progress import progress_bar
    from projections.store.checkpoints import Checkpoint, CheckpointLog, default_path, read_file
    from projections.tools.verify import verify

    given: list[Checkpoint] = []
    origin = ""
    if args.checkpoint:
        printed = Checkpoint.parse_printed(args.checkpoint)
        if printed is not None:
            given, origin = [printed], "kommandolinjen"
        else:
            given, origin = read_file(args.checkpoint), args.checkpoint
            if not given:
                raise UsageError(
                    f"{args.checkpoint} har ingen kontrolpunkter; angiv en kontrolpunktfil "
                    "eller POSITION:TOP som i referatets Kontrolsum"
                )
    where = location(args.db)
    own = CheckpointLog(default_path(where), where)
    try:
        total = app.recorder.max_notification_id() or 0
    except Exception:  # a store verify cannot read: it names what is wrong, without a bar
        total = 0
    with progress_bar("Kontrollerer hændelser", total) as reached:
        problem, summary = verify(app, given, origin=origin, where=where, own=own, progress=reached)
    if problem is not None:
        raise Tampered(summary)
    say(summary)
