"""`export --format pdf --med-bilag`: the referat's PDF with its PDF Bilag appended, in
the order of the items, each under a bookmark "Bilag til punkt N: navn" (pypdf).

Only Bilag the document names are appended (the public export names no closed one);
other kinds of files are listed in the referat, not appended.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

from projections.documents import interchange as ix
from projections.documents.referat import printed_numbers


def append(
    referat_pdf: bytes, doc: ix.Document, file_bytes: Callable[[str], bytes | None]
) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(referat_pdf)))
    numbers = printed_numbers(doc.meeting)
    parent = None
    for number, item in zip(numbers, doc.meeting.items, strict=True):
        for a in item.attachments:
            sha = ix.given(a.sha256, None)
            if sha is None or ix.given(a.media_type, None) != "application/pdf":
                continue
            data = file_bytes(sha)
            if data is None:
                raise ix.DocumentError(f"bilagsfilen {sha[:16]} findes ikke i lageret")
            try:
                reader = PdfReader(io.BytesIO(data))
            except (PdfReadError, ValueError):
                raise ix.DocumentError(f"bilaget '{a.name}' kan ikke læses som PDF") from None
            if parent is None:
                parent = writer.add_outline_item(title="Bilag", page_number=len(writer.pages))
            start = len(writer.pages)
            for page in reader.pages:
                writer.add_page(page)
            label = f"Punkt {number}: {a.name}" if number else a.name
            writer.add_outline_item(title=label, page_number=start, parent=parent)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
