"""What every part of a reconciliation shares: the meeting it brings a document into,
and the refusals that name the document's JSON path."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import time

from domain.application import Minutes
from domain.cases.files import FileContent
from domain.errors import InvalidInput, NotFound, RuleViolation
from domain.meeting.aggregate import Meeting
from projections.documents.interchange import DocumentError, DocumentRefused


@contextmanager
def at_path(path: str) -> Iterator[None]:
    """Name the document's JSON path in a refusal raised by the domain: bad input (text
    that cannot be stored, a name that is not there) or a rule of the minutes."""
    try:
        yield
    except DocumentRefused:
        raise
    except (InvalidInput, NotFound) as e:
        raise DocumentError(f"{path}: {e}") from None
    except RuleViolation as e:
        raise DocumentRefused(f"{path}: {e}") from None


def optional_time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def append_only(current: Sequence[object], wanted: Sequence[object], path: str) -> None:
    """Earlier decisions and remarks are never taken back; a document that drops one is refused."""
    if len(current) > len(wanted):
        raise DocumentRefused(f"{path}: det, der står i referatet, kan ikke fjernes ved import")


class Reconciling:
    """One document brought into one meeting (the parts: meeting.Reconciliation)."""

    def __init__(
        self,
        minutes: Minutes,
        meeting: Meeting,
        actor: str,
        files: Mapping[str, FileContent] | None = None,
    ) -> None:
        self.minutes = minutes
        self.meeting = meeting
        self.id = meeting.id
        self.actor = actor
        self.files = files or {}
