"""Reading Bilag back from the store (projections/store/sqlite/files.py and
postgres/files.py keep them by SHA-256), decrypted with the store's cipher where one is
set, and checking them: `verify` finds a file whose bytes no longer give its hash, and an
event that names a file the store does not hold."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from domain.application import Minutes
from domain.meeting.events.files import (
    AttachmentAdded,
    AttachmentAddedByCorrection,
    AttachmentReplaced,
)
from domain.meeting.state import Attachment

FILE_TOPICS = [AttachmentAdded.TOPIC, AttachmentReplaced.TOPIC, AttachmentAddedByCorrection.TOPIC]
BATCH = 20
EVENT_BATCH = 1000


class FileRecorder(Protocol):
    def read_file(self, sha256: str) -> tuple[int, str, bytes] | None: ...
    def file_text(self, sha256: str) -> bytes | None: ...
    def file_rows(self, after: str, limit: int) -> list[tuple[str, int, bytes]]: ...


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    media_type: str
    data: bytes


def _recorder(minutes: Minutes) -> FileRecorder:
    recorder: Any = minutes.recorder
    return recorder  # type: ignore[no-any-return]


def _plain(minutes: Minutes, stored: bytes) -> bytes:
    cipher = minutes.mapper.cipher
    return cipher.decrypt(stored) if cipher is not None else stored


def read_file(minutes: Minutes, sha256: str) -> StoredFile | None:
    """A file by its hash, as attached; None when the store does not hold it."""
    found = _recorder(minutes).read_file(sha256)
    if found is None:
        return None
    size, media_type, data = found
    return StoredFile(sha256, size, media_type, _plain(minutes, data))


def file_bytes(minutes: Minutes, attachment: Attachment) -> bytes | None:
    if attachment.sha256 is None:
        return None
    found = read_file(minutes, attachment.sha256)
    return found.data if found is not None else None


def file_text(minutes: Minutes, sha256: str) -> str:
    """The text extracted on attach ('' for a file without text, or not held)."""
    stored = _recorder(minutes).file_text(sha256)
    if not stored:
        return ""
    return _plain(minutes, stored).decode("utf-8", "replace")


def _files(minutes: Minutes) -> Iterator[tuple[str, int, bytes]]:
    recorder = _recorder(minutes)
    after = ""
    while True:
        rows = recorder.file_rows(after, BATCH)
        yield from rows
        if len(rows) < BATCH:
            return
        after = rows[-1][0]


def named_files(minutes: Minutes) -> set[str]:
    """Every hash an event names (also of files replaced or removed since)."""
    named: set[str] = set()
    start = 1
    while True:
        batch = minutes.recorder.select_notifications(
            start=start, limit=EVENT_BATCH, topics=FILE_TOPICS
        )
        for notification in batch:
            event = minutes.mapper.to_domain_event(notification)
            sha = event.attachment.sha256
            if sha is not None:
                named.add(sha)
        if len(batch) < EVENT_BATCH:
            return named
        start = batch[-1].id + 1


def check_files(minutes: Minutes) -> tuple[str | None, int]:
    """The first file found altered or missing (one Danish line), and how many were read."""
    held: set[str] = set()
    for sha, size, stored in _files(minutes):
        held.add(sha)
        try:
            data = _plain(minutes, stored)
        except ValueError:
            return f"bilagsfilen {sha[:16]} kan ikke dekrypteres: den er ændret", len(held)
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
            return (
                f"bilagsfilen {sha[:16]} er ændret: dens indhold giver ikke længere den "
                "SHA-256, hændelserne nævner",
                len(held),
            )
    missing = sorted(named_files(minutes) - held)
    if missing:
        return f"bilagsfilen {missing[0][:16]} mangler i lageret, men en hændelse nævner den", len(
            held
        )
    return None, len(held)
