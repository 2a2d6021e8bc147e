"""One entry point for every export: the referat of a state, in a format, for an audience."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import partial
from uuid import UUID

from domain.application import Minutes
from domain.meeting.state import MeetingState
from projections.documents import bundle
from projections.documents import interchange as ix
from projections.documents.referat import agenda, document, ever_closed, public_document
from projections.documents.render import appendix, formats, html, markdown, pdf, text
from projections.documents.render.bilag import PAGES
from projections.documents.render.layout import CHECKSUM
from projections.files.stored import read_file

RENDERERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "markdown": markdown.render,
    "html": html.render,
}
FORMATS = (*RENDERERS, "json", "pdf", "zip")
assert set(FORMATS) == set(formats.FORMATS)  # the parser's names are the renderers'
EXTENSIONS = formats.EXTENSIONS


def render(
    state: MeetingState,
    fmt: str = "text",
    *,
    public_view: bool = False,
    agenda_view: bool = False,
    closed: Collection[UUID] = (),
    checksum: str | None = None,
) -> bytes:
    """The referat (or, with agenda_view, the dagsorden) as the bytes of a file. The
    public view hides the items closed in `state` and those in `closed` (see
    render_meeting, which finds the items closed at any time). checksum: the store's
    checkpoint at the last signature, printed under the signatures of approved minutes
    (layout.checksum_line; in the PDF on its signature page)."""
    doc = public_document(state, closed) if public_view else document(state)
    if agenda_view:
        doc = agenda(doc)
    if fmt == "json":
        return ix.encode(doc)
    token = CHECKSUM.set(None if agenda_view else checksum)
    pages = PAGES.set(file_pages(state))
    try:
        if fmt == "pdf":
            return pdf.render(doc, agenda=agenda_view)
        return RENDERERS[fmt](doc, agenda=agenda_view).encode("utf-8")
    finally:
        CHECKSUM.reset(token)
        PAGES.reset(pages)


def file_pages(state: MeetingState) -> dict[str, int]:
    """Each kept PDF's pages, counted on attach (printed beside the Bilag)."""
    return {
        a.sha256: a.pages
        for item in state.items
        for a in item.attachments
        if a.sha256 is not None and a.pages is not None
    }


def screen_lines(state: MeetingState) -> list[str]:
    """The internal referat of a state as the text export prints it, without its pages:
    for a screen, where Markdown's source ("## **Punkt 6: ...**") is no reading."""
    return text.screen_lines(document(state))


def render_meeting(
    minutes: Minutes,
    meeting_id: UUID,
    fmt: str = "text",
    *,
    version: int | None = None,
    public_view: bool = False,
    agenda_view: bool = False,
    checksum: str | None = None,
    with_files: bool = False,
) -> bytes:
    """A stored meeting's referat as it stood at `version` (default: now). The public view
    hides every item that is closed now or was closed at any time of the meeting's
    history, also at a position before it was closed. zip: the JSON with the files it
    names (documents/bundle.py); with_files: a PDF with its PDF Bilag appended."""
    state = minutes.get(meeting_id, version=version).state
    closed = ever_closed(minutes.events.get(meeting_id)) if public_view else frozenset()
    data = render(
        state,
        "json" if fmt == "zip" else fmt,
        public_view=public_view,
        agenda_view=agenda_view,
        closed=closed,
        checksum=checksum,
    )
    # The files themselves, as the document names them (a public one names no closed one).
    if fmt == "zip":
        return bundle.write(data, partial(stored_bytes, minutes))
    if fmt == "pdf" and with_files:
        doc = public_document(state, closed) if public_view else document(state)
        doc = agenda(doc) if agenda_view else doc
        return appendix.append(data, doc, partial(stored_bytes, minutes))
    return data


def stored_bytes(minutes: Minutes, sha256: str) -> bytes | None:
    found = read_file(minutes, sha256)
    return found.data if found is not None else None
