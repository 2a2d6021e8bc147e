"""One entry point for every export: the referat of a state, in a format, for an audience."""

from __future__ import annotations

from collections.abc import Callable

from domain.meeting.state import MeetingState
from projections.documents import interchange as ix
from projections.documents.referat import agenda, document, public
from projections.documents.render import html, markdown, text
from projections.documents.render.layout import CHECKSUM

RENDERERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "markdown": markdown.render,
    "html": html.render,
}
FORMATS = (*RENDERERS, "json")
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


def render(
    state: MeetingState,
    fmt: str = "text",
    *,
    public_view: bool = False,
    agenda_view: bool = False,
    checksum: str | None = None,
) -> bytes:
    """The referat (or, with agenda_view, the dagsorden) as the bytes of a file.
    checksum: the store's checkpoint at the last signature, printed under the signatures
    of approved minutes in text, Markdown and HTML (layout.checksum_line)."""
    doc = document(state)
    if public_view:
        doc = public(doc)
    if agenda_view:
        doc = agenda(doc)
    if fmt == "json":
        return ix.encode(doc)
    token = CHECKSUM.set(None if agenda_view else checksum)
    try:
        return RENDERERS[fmt](doc, agenda=agenda_view).encode("utf-8")
    finally:
        CHECKSUM.reset(token)
