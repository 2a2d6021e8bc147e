"""Commands that write the referat out (export) and bring one in (import)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chefforum_tui.cli.errors import UsageError
from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import import_markdown
from projections.documents.render.export import render
from projections.importing import import_document
from projections.readmodels.audit import position_at
from projections.store.connect import approval_checkpoint


def cmd_export(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    version = position_at(app, meeting_id, args.at) if args.at else None
    meeting = app.get(meeting_id, version=version)
    signed = approval_checkpoint(app, meeting_id, meeting.version)  # the referat's Kontrolsum
    data = render(
        meeting.state,
        args.format,
        public_view=args.public,
        agenda_view=args.agenda,
        checksum=signed.printed if signed else None,
    )
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as e:
            raise UsageError(f"kan ikke skrive {args.output}: {e.strerror}") from None
        print(f"Referatet er skrevet til {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)


def sniff(data: bytes) -> str:
    """JSON when the first non-space byte is "{", else Markdown."""
    return "json" if data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{") else "markdown"


def cmd_import(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UsageError(f"kan ikke læse {args.file}: {e.strerror}") from None
    if (args.format or sniff(data)) == "json":
        doc = ix.decode(data)
        _meeting_id, recorded = import_document(app, doc, actor)
    else:
        _meeting_id, recorded, doc = import_markdown(app, data, actor)
    ref = f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}"
    print(f"{ref}: {recorded} hændelser registreret." if recorded else f"{ref}: intet nyt.")
