"""Commands that write the referat out (export) and bring one in (import)."""

from __future__ import annotations

import argparse
import sys
from uuid import UUID

from chefforum_tui.cli.errors import UsageError
from chefforum_tui.cli.output import say
from domain.application import Minutes
from projections.config import checked_path, read_limited, write_file
from projections.documents import bundle
from projections.documents import interchange as ix
from projections.documents.export_file import export_file
from projections.documents.parse.markdown import Closed, Source, parse
from projections.documents.parse.pdf import is_pdf
from projections.documents.render import approval_sheet
from projections.documents.safe_text import safe_export
from projections.files.inspect import limit_bytes
from projections.importing.document import import_document
from projections.importing.parsed import store_parsed
from projections.readmodels.audit_positions import position_at
from projections.store.location import is_own_file
from projections.store.meeting_seal import approval_checkpoint


def cmd_export(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.format in ("pdf", "zip") and not args.output and sys.stdout.isatty():
        what = "en PDF" if args.format == "pdf" else "et ZIP-bundt"
        raise UsageError(f"{what} skrives ikke til terminalen; angiv en fil med -o FIL")
    if args.with_files and args.format != "pdf":
        raise UsageError("--med-bilag gælder kun --format pdf")
    meeting_id = app.resolve(args.meeting)
    version = position_at(app, meeting_id, args.at) if args.at is not None else None
    if args.format == "godkendelse":
        at = version if version is not None else app.get(meeting_id).version
        signed = approval_checkpoint(app, meeting_id, at)  # the sheet's Kontrolsum
        _approval_sheet(app, meeting_id, args, signed.printed if signed else None)
        return
    # The public view hides every item closed at any time, also at a position before.
    data = export_file(
        app,
        meeting_id,
        args.format,
        version=version,
        public_view=args.public,
        agenda_view=args.agenda,
        with_files=args.with_files,
    )
    _write(args, data, "Referatet")


def _write(args: argparse.Namespace, data: bytes, what: str) -> None:
    """An export to -o FIL (never one of the store's own files), or to standard output."""
    if args.output:
        output = checked_path(args.output, "Filen i -o")
        if is_own_file(args.db, output):
            raise UsageError(
                f"{args.output} er en af lagerets egne filer (hændelserne eller "
                "kontrolpunkterne); vælg et andet filnavn"
            )
        try:
            write_file(output, data, "Filen i -o")
        except OSError as e:
            raise UsageError(f"kan ikke skrive {args.output}: {e.strerror}") from None
        except ValueError:  # a NUL in the name
            raise UsageError(f"kan ikke skrive {args.output}: ugyldigt filnavn") from None
        say(f"{what} er skrevet til {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)


def sniff(data: bytes) -> str:
    """JSON when the first non-space byte is "{", PDF by its signature, else Markdown or
    plain text (the importer tells them apart)."""
    if data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return "json"
    if bundle.is_bundle(data):
        return "zip"
    return "pdf" if is_pdf(data) else "minutes"


_SOURCES: dict[str, Source | None] = {"markdown": "markdown", "text": "tekst", "pdf": "pdf"}


def cmd_import(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    path = checked_path(args.file, "Filen")
    try:
        data = read_limited(path, "Filen")  # a regular file of at most MAX_FILE
    except OSError as e:
        raise UsageError(f"kan ikke læse {args.file}: {e.strerror}") from None
    except ValueError:  # a NUL in the name
        raise UsageError(f"kan ikke læse {args.file}: ugyldigt filnavn") from None
    fmt = args.format or sniff(data)
    if fmt == "zip":  # a referat with its files (documents/bundle.py)
        doc, files = bundle.read(data, limit_bytes())
        if args.dry_run:
            say(f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}: bundt læst; intet gemt.")
            return
        crlf = False
        _meeting_id, recorded = import_document(app, doc, actor, files=files)
    elif fmt == "json":
        doc, crlf = ix.with_lf(ix.decode(data))
        _meeting_id, recorded = import_document(app, doc, actor, dry_run=args.dry_run)
        if args.dry_run:
            ref = f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}"
            say(f"{ref}: JSON læst; {recorded} hændelser ville blive registreret; intet gemt.")
            return
    else:
        closed: Closed = "open" if args.open else "closed" if args.closed else "ask"
        parsed = parse(data, source=_SOURCES.get(fmt), strict=args.strict, closed=closed)
        report = parsed.report
        if args.dry_run:
            say(report.render().rstrip("\n"))
        if report.unsure and closed == "ask":
            first = report.unsure[0]
            raise UsageError(
                f"linje {first.line}: punktet '{first.title}' er måske lukket ({first.why});"
                " angiv --closed eller --open"
            )
        # A dry run makes every check the import makes (rules, roles, limits), then
        # stores nothing: what it accepts, the import accepts.
        _meeting_id, recorded = store_parsed(app, parsed, actor, dry_run=args.dry_run)
        if args.dry_run:
            say(f"Prøvekørsel: {recorded} hændelser ville blive registreret; intet gemt.")
            return
        crlf = b"\r" in data and fmt != "pdf"
        doc = parsed.document
        for entry in report.unplaced_entries:
            say(f"linje {entry.first}: ikke placeret, beholdt som {entry.became}.")
    ref = f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}"
    if crlf:
        say("Linjeskift skrevet som CR LF eller CR er læst som LF.")
    say(f"{ref}: {recorded} hændelser registreret." if recorded else f"{ref}: intet nyt.")


def _approval_sheet(
    app: Minutes, meeting_id: UUID, args: argparse.Namespace, checksum: str | None
) -> None:
    """The approval sheet: a PDF when -o names a .pdf file, else text."""
    as_pdf = bool(args.output) and args.output.lower().endswith(".pdf")
    state = app.get(meeting_id).state
    data = approval_sheet.render(
        state, app.not_yet_signed(meeting_id), "pdf" if as_pdf else "text", checksum
    )
    if not as_pdf:
        data = safe_export(data, "text")
    _write(args, data, "Godkendelsesarket")
