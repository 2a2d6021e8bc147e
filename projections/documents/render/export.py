"""One entry point for every export: the referat of a state, in a format, for an audience."""

from __future__ import annotations

from collections.abc import Callable, Collection
from uuid import UUID

from domain.application import Minutes
from domain.meeting.state import MeetingState
from projections.documents import interchange as ix
from projections.documents.referat import agenda, document, ever_closed, public_document
from projections.documents.render import formats, html, markdown, pdf, text
from projections.documents.render.layout import CHECKSUM

RENDERERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "markdown": markdown.render,
    "html": html.render,
}
FORMATS = (*RENDERERS, "json", "pdf")
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
    try:
        if fmt == "pdf":
            return pdf.render(doc, agenda=agenda_view)
        return RENDERERS[fmt](doc, agenda=agenda_view).encode("utf-8")
    finally:
        CHECKSUM.reset(token)


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
) -> bytes:
    """A stored meeting's referat as it stood at `version` (default: now). The public view
    hides every item that is closed now or was closed at any time of the meeting's
    history, also at a position before it was closed."""
    state = minutes.get(meeting_id, version=version).state
    closed = ever_closed(minutes.events.get(meeting_id)) if public_view else frozenset()
    return render(
        state,
        fmt,
        public_view=public_view,
        agenda_view=agenda_view,
        closed=closed,
        checksum=checksum,
    )
