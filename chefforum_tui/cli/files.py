"""Bilag as files on the command line (issue 25): `attach` a file to an item (or put it in
place of one with --replace; after approval only by a correction, --reason) and `detach`
one. Each is one event; the file goes into the store with it, in the same transaction.
Declared in files_parser.py, which names each command's function (set_defaults(run=...)).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from chefforum_tui.cli.output import say
from domain.application import Minutes
from projections.documents.render.bilag import size_text
from projections.files.inspect import inspect_path


def cmd_attach(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    mid = app.resolve(args.meeting)
    content = inspect_path(args.file)
    name = args.name if args.name is not None else Path(args.file).stem
    if args.reason is not None:
        app.add_file_by_correction(
            mid, actor, args.item, name, content, reason=args.reason, closed=args.closed
        )
    elif args.replace:
        app.replace_file(mid, actor, args.item, name, content, closed=args.closed or None)
    else:
        app.attach_file(mid, actor, args.item, name, content, closed=args.closed)
    facts = content.facts
    pages = "" if not facts.pages else ", 1 side" if facts.pages == 1 else f", {facts.pages} sider"
    say(
        f"Bilaget '{name.strip()}' ({facts.media_type}{pages}, {size_text(facts.size)}) er "
        f"gemt på punkt {args.item}; SHA-256 {facts.sha256[:16]}."
    )


def cmd_detach(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    mid = app.resolve(args.meeting)
    app.remove_attachment(mid, actor, args.item, args.name)
    say(f"Bilaget '{args.name}' er fjernet fra punkt {args.item}.")

