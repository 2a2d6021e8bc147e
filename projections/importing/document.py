"""Importing a document: into a new or the matching meeting, in one save."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from domain.application import Minutes
from domain.cases.files import FileContent
from domain.errors import InvalidInput
from domain.meeting.aggregate import Meeting
from projections.documents import interchange as ix
from projections.documents.interchange import DocumentError
from projections.documents.referat import document
from projections.files.inspect import inspect
from projections.importing.base import at_path, optional_time
from projections.importing.meeting import Reconciliation


def import_document(
    minutes: Minutes,
    doc: ix.Document,
    actor: str,
    files: Mapping[str, bytes] | None = None,
    *,
    dry_run: bool = False,
) -> tuple[UUID, int]:
    """Import into a new or the matching meeting; returns its id and the events recorded.
    Line breaks in the document's texts are taken as LF (see interchange.with_lf). files:
    the Bilag's bytes by SHA-256, from a bundle (documents/bundle.py, checked there). With
    dry_run every rule and limit is checked as the import would, and nothing is stored."""
    doc, _ = ix.with_lf(doc)
    contents = _contents(files or {})
    m = doc.meeting
    found = minutes.find(m.forum, m.date)
    if found is None:
        with at_path("meeting"):
            meeting = minutes.draft_meeting(
                actor,
                m.forum,
                m.date,
                organisation=m.organisation,
                start=optional_time(m.start),
                end=optional_time(m.end),
                place=m.place,
                first_number=m.first_number,
            )
    else:
        meeting = minutes.get(found.id)
    # The files ride with the unit of work's one save (domain/cases/files.py).
    with minutes.carrying(*contents.values()), minutes.unit_of_work(meeting, dry_run=dry_run):
        reconcile(minutes, meeting, doc, actor, contents)
        recorded = len(meeting.pending_events)
    return meeting.id, recorded


def _contents(files: Mapping[str, bytes]) -> dict[str, FileContent]:
    """Each bundled file judged as one attached by hand (kind, pages, text, refusals)."""
    contents: dict[str, FileContent] = {}
    for sha, data in files.items():
        try:
            contents[sha] = inspect(data, f"bilag/{sha}")
        except InvalidInput as e:
            raise DocumentError(str(e)) from None
    return contents


def reconcile(
    minutes: Minutes,
    meeting: Meeting,
    doc: ix.Document,
    actor: str,
    files: Mapping[str, FileContent] | None = None,
) -> None:
    """Record, through the use cases, the events that make the meeting's referat equal to
    `doc`; called inside minutes.unit_of_work(meeting), which saves them together."""
    if document(meeting.state) == doc:
        return
    Reconciliation(minutes, meeting, actor, files).run(doc.meeting)
