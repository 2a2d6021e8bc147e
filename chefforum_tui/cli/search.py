"""Commands on the search index: search the minutes, rebuild the read models."""

from __future__ import annotations

import argparse
from time import perf_counter

from chefforum_tui.cli.output import say, say_json
from chefforum_tui.cli.progress import progress_bar
from domain.application import Minutes
from projections.readmodels.runner import ReadModels


def cmd_search(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    hits = ReadModels.of(app).search(
        args.query,
        forum=args.forum,
        date_from=args.date_from,
        date_to=args.date_to,
        internal=args.internal,
    )
    if args.json:
        say_json(
            [
                {
                    "meeting": str(h.meeting_id),
                    "forum": h.forum,
                    "date": h.date.isoformat(),
                    "item": h.item_number,
                    "title": h.item_title,
                    "field": h.field,
                    "snippet": h.snippet,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        say("Ingen fund.")
    for h in hits:
        say(f"{h.forum}/{h.date.isoformat()}  Punkt {h.item_number}: {h.item_title}  [{h.field}]")
        say(f"    {' '.join(h.snippet.split())}")


def cmd_rebuild(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    started = perf_counter()
    total = app.recorder.max_notification_id() or 0
    with progress_bar("Genopbygger læsemodellerne", total) as reached:
        applied = ReadModels.of(app).rebuild(progress=reached)
    seconds = perf_counter() - started
    say(f"Læsemodellerne er genopbygget: {applied} hændelser på {seconds:.1f} s.")
