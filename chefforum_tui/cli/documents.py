"""Commands that write the referat out (export) and bring one in (import)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from chefforum_tui.cli.errors import UsageError
from chefforum_tui.cli.output import safe_export, say
from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import import_markdown
from projections.documents.render.export import render_meeting
from projections.importing import import_document
from projections.readmodels.audit import position_at
from projections.store.connect import approval_checkpoint


def cmd_export(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.format == "pdf" and not args.output and sys.stdout.isatty():
        raise UsageError("en PDF skrives ikke til terminalen; angiv en fil med -o FIL")
    meeting_id = app.resolve(args.meeting)
    version = position_at(app, meeting_id, args.at) if args.at is not None else None
    at = version if version is not None else app.get(meeting_id).version
    signed = approval_checkpoint(app, meeting_id, at)  # the referat's Kontrolsum
    # The public view hides every item closed at any time, also at a position before.
    data = render_meeting(
        app,
        meeting_id,
        args.format,
        version=version,
        public_view=args.public,
        agenda_view=args.agenda,
        checksum=signed.printed if signed else None,
    )
    if args.format != "pdf":  # the PDF's text is data inside it, already shown as text
        data = safe_export(data, args.format)
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as e:
            raise UsageError(f"kan ikke skrive {args.output}: {e.strerror}") from None
        except ValueError:  # a NUL in the name
            raise UsageError(f"kan ikke skrive {args.output}: ugyldigt filnavn") from None
        say(f"Referatet er skrevet til {args.output}.", file=sys.stderr)
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
    except ValueError:  # a NUL in the name
        raise UsageError(f"kan ikke læse {args.file}: ugyldigt filnavn") from None
    if (args.format or sniff(data)) == "json":
        doc, crlf = ix.with_lf(ix.decode(data))
        _meeting_id, recorded = import_document(app, doc, actor)
    else:
        crlf = b"\r" in data
        _meeting_id, recorded, doc = import_markdown(app, data, actor)
    ref = f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}"
    if crlf:
        say("Linjeskift skrevet som CR LF eller CR er læst som LF.")
    say(f"{ref}: {recorded} hændelser registreret." if recorded else f"{ref}: intet nyt.")
