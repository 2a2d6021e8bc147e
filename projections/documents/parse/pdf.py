"""The text of a published PDF, laid out as `pdftotext -layout` gives it (pypdf's layout
mode), pages separated by form feeds so plaintext.clean can find the page furniture."""

from __future__ import annotations

import io
import logging

from projections.documents.interchange import DocumentError


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def pdf_text(data: bytes) -> str:
    """Every page's text in layout mode, pages joined by form feeds."""
    from pypdf import PdfReader  # only a PDF import needs it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about fonts are not ours
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except Exception as e:  # a damaged PDF fails anywhere in pypdf: bad input, one line
        raise DocumentError(f"PDF-filen kan ikke læses: {e}") from None
    text = "\n\f".join(page.rstrip("\n") for page in pages)
    if not text.strip():
        raise DocumentError("PDF-filen har ingen tekst (et scannet billede?)")
    return text
