"""Use cases of Bilag as files: attach, replace, remove, and add by a correction once the
minutes are approved.

The bytes of a file are no part of its event (the event holds its SHA-256): they are
carried beside the events and written by the store in the same transaction, keyed by
the hash, so that the same file attached twice is stored once and an event never names a
file the store lacks. With a cipher key the bytes and their extracted text are encrypted
with the store's own cipher before they leave this process.

Mixed into Minutes (domain.application); Minutes._save hands carried_files() to the store
with the events.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from domain.cases.base import ItemRef, UseCases, item_id_of
from domain.meeting.aggregate import Meeting
from domain.meeting.files import FileFacts


@dataclass(frozen=True)
class FileContent:
    """A file as read once: its facts, its bytes and the text found in it (for search)."""

    facts: FileFacts
    data: bytes
    text: str = ""


@dataclass(frozen=True)
class BlobRow:
    """A file as the store keeps it: keyed by the SHA-256 of its plain bytes; `data` and
    `text` as stored (encrypted with the store's cipher where one is set)."""

    sha256: str
    size: int
    media_type: str
    data: bytes
    text: bytes


class FileCases(UseCases):
    _carried_local: threading.local | None = None

    def _carried(self) -> dict[str, BlobRow]:
        if self._carried_local is None:
            self._carried_local = threading.local()
        local = self._carried_local
        if not hasattr(local, "rows"):
            local.rows = {}
        rows: dict[str, BlobRow] = local.rows
        return rows

    def _stored_form(self, content: FileContent) -> BlobRow:
        cipher = getattr(self.mapper, "cipher", None)
        text = content.text.encode("utf-8")
        data = content.data
        if cipher is not None:
            data, text = cipher.encrypt(data), cipher.encrypt(text)
        facts = content.facts
        return BlobRow(facts.sha256, facts.size, facts.media_type, data, text)

    @contextmanager
    def carrying(self, *files: FileContent) -> Iterator[None]:
        """The files go into the store with the next save of this thread inside the block
        (a command retried on a conflict, or a unit of work saved at its end)."""
        rows = self._carried()
        added = [f.facts.sha256 for f in files if f.facts.sha256 not in rows]
        for content in files:
            rows.setdefault(content.facts.sha256, self._stored_form(content))
        try:
            yield
        finally:
            for sha in added:
                rows.pop(sha, None)

    def carried_files(self) -> dict[str, Any]:
        """The keyword for the store's insert: the files to write with these events."""
        rows = self._carried()
        return {"files": list(rows.values())} if rows else {}

    # -- the commands ----------------------------------------------------------------

    def attach_file(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        name: str,
        content: FileContent,
        closed: bool = False,
    ) -> None:
        self._with_file(
            meeting_id,
            item,
            content,
            lambda m, item_id: m.attach_file(actor, item_id, name, content.facts, closed),
        )

    def replace_file(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        name: str,
        content: FileContent,
        closed: bool | None = None,
    ) -> None:
        self._with_file(
            meeting_id,
            item,
            content,
            lambda m, item_id: m.replace_file(actor, item_id, name, content.facts, closed),
        )

    def add_file_by_correction(
        self,
        meeting_id: UUID,
        actor: str,
        item: ItemRef,
        name: str,
        content: FileContent,
        *,
        reason: str,
        closed: bool = False,
    ) -> None:
        self._with_file(
            meeting_id,
            item,
            content,
            lambda m, item_id: m.add_file_by_correction(
                actor, item_id, name, content.facts, reason=reason, closed=closed
            ),
        )

    def _with_file(
        self,
        meeting_id: UUID,
        item: ItemRef,
        content: FileContent,
        command: Callable[[Meeting, UUID], None],
    ) -> None:
        """Run a command on the named item with the file's bytes carried into its save."""
        with self.carrying(content):
            self.change(meeting_id, lambda m: command(m, item_id_of(m, item)))
