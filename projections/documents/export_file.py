"""The bytes of an exported file: one function for the command line and the terminal UI.

The referat is rendered from the store as it stood at a position (or now), with the
store's checkpoint at its last signature printed as its Kontrolsum, without control
characters (safe_text): what `chefforum export` writes, the export dialog saves.
"""

from __future__ import annotations

from uuid import UUID

from domain.application import Minutes
from projections.documents.render.export import render_meeting
from projections.documents.safe_text import safe_export
from projections.store.meeting_seal import approval_checkpoint, check_meeting_sealed


def export_file(
    minutes: Minutes,
    meeting_id: UUID,
    fmt: str = "text",
    *,
    version: int | None = None,
    public_view: bool = False,
    agenda_view: bool = False,
    with_files: bool = False,
) -> bytes:
    """The file `chefforum export` writes and the TUI's export dialog saves: the referat
    (or the dagsorden) as it stood right after `version` (default: now), with its
    Kontrolsum. The public view hides every item closed at any time (render_meeting);
    with_files: a PDF with its PDF Bilag appended, zip: a bundle with the files."""
    at = version if version is not None else minutes.get(meeting_id).version
    check_meeting_sealed(minutes, meeting_id, at)  # never print events altered since
    signed = approval_checkpoint(minutes, meeting_id, at)
    data = render_meeting(
        minutes,
        meeting_id,
        fmt,
        version=version,
        public_view=public_view,
        agenda_view=agenda_view,
        checksum=signed.printed if signed else None,
        with_files=with_files,
    )
    return safe_export(data, fmt)
