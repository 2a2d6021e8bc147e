"""Files to attach in tests (issue 25): real PDFs made here with fpdf2 (pages of text)
and pypdf (one that runs JavaScript), text files and programs' first bytes."""

from __future__ import annotations

import io

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf(*pages: str, padding: int = 0) -> bytes:
    """A PDF with one page per text; `padding` adds that many bytes of an image-like
    stream (incompressible) so that a test can make files of a given size."""
    doc = FPDF(format="A4")
    doc.set_compression(False)
    for text in pages:
        doc.add_page()
        doc.set_font("Helvetica", size=12)
        doc.multi_cell(0, 6, text)
    data = bytes(doc.output())
    if padding:
        # A comment after the end of file is ignored by readers, kept by the hash; without
        # "/" (random bytes would spell a name such as /JS now and then: refused).
        import os

        junk = os.urandom(padding)
        data += b"\n%" + junk.replace(b"\n", b"x").replace(b"\r", b"x").replace(b"/", b"x")
    return data


def pdf_with_javascript(text: str = "Ser harmløs ud") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(text))))
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hej');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
