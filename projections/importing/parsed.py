"""Storing a referat read from Markdown, text or PDF (projections/documents/parse): like a
JSON document, one save, only differences recorded, a refusal naming the line it was read
from."""

from __future__ import annotations

from uuid import UUID

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError, DocumentRefused
from projections.documents.parse.markdown import Parsed, locate, parse
from projections.importing.document import import_document


def store_parsed(
    app: Minutes, parsed: Parsed, actor: str, *, dry_run: bool = False
) -> tuple[UUID, int]:
    """Import what was read like a JSON document: one save, only differences recorded
    (with dry_run: checked as that save would be, nothing stored)."""
    try:
        return import_document(app, parsed.document, actor, dry_run=dry_run)
    except (DocumentError, DocumentRefused) as e:
        raise locate(e, parsed.lines) from None


def import_markdown(app: Minutes, data: bytes | str, actor: str) -> tuple[UUID, int, ix.Document]:
    """Import a Markdown referat like a JSON one: one save, only differences recorded."""
    parsed = parse(data)
    meeting_id, recorded = store_parsed(app, parsed, actor)
    return meeting_id, recorded, parsed.document
