"""What the public site makes of a meeting, made once per version and kept on disk, for
every public meeting (no meeting limit) and for every server process at once.

A meeting's events never change once stored, so what is made of a meeting at version N
(its page, its agenda page, a PDF, the outline search needs) is the same for as long as
the store, the site's settings and the code that made it are the same: the folder is
named by all three. A request then costs an indexed lookup of the meeting's version and a
file read; the first to ask for a new version makes it, a file is written whole (a
rename) so that another worker never reads half of one, and a meeting's older versions
are removed when a newer one is written. The file's modification time is the meeting's
last change: the response's Last-Modified.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from uuid import UUID

import projections

# What the made files depend on besides the events: the site's and the documents' code.
_SOURCES = ("site", "documents")


def code_key() -> str:
    """A digest of the code and templates that make the site's files."""
    digest = hashlib.sha256()
    root = Path(projections.__file__).parent
    for part in _SOURCES:
        for path in sorted((root / part).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".css", ".atom", ".typ"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_folder(store_id: str, settings: str) -> Path:
    """CHEFFORUM_SITE_CACHE, else the user's cache folder; one folder per store, site
    settings and code (a store replaced by another has another id)."""
    base = os.environ.get("CHEFFORUM_SITE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "chefforum", "site"
    )
    key = hashlib.sha256(f"{store_id}\0{settings}\0{code_key()}".encode()).hexdigest()[:20]
    return Path(base) / key


class Rendered:
    """Made files by (meeting, version, view) in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.key = folder.name[:12]  # part of every ETag: another store or code, another tag
        self._memo: dict[tuple[UUID, str], tuple[int, bytes]] = {}
        self._lock = threading.Lock()

    def etag(self, meeting_id: UUID, version: int, view: str) -> str:
        return f'"{meeting_id.hex}-{version}-{view}-{self.key}"'

    def path(self, meeting_id: UUID, version: int, view: str) -> Path:
        return self.folder / meeting_id.hex / f"{version}.{view}"

    def read(self, meeting_id: UUID, version: int, view: str) -> bytes | None:
        """The file made for the meeting at this version, None if none is (or it went:
        a newer version's maker removes the older)."""
        try:
            return self.path(meeting_id, version, view).read_bytes()
        except FileNotFoundError:
            return None

    def get(
        self,
        meeting_id: UUID,
        version: int,
        view: str,
        make: Callable[[], tuple[bytes, datetime]],
        *,
        remember: bool = False,
    ) -> bytes:
        """The file made for the meeting at this version, made now (by `make`, which also
        says when the meeting last changed) if no process has made it. remember: also
        kept in memory, for small files read on every search (the outlines)."""
        if remember:
            with self._lock:
                found = self._memo.get((meeting_id, view))
            if found is not None and found[0] == version:
                return found[1]
        data = self.read(meeting_id, version, view)
        if data is None:
            data, changed = make()
            self._write(self.path(meeting_id, version, view), data, changed, version)
        if remember:
            with self._lock:
                self._memo[(meeting_id, view)] = (version, data)
        return data

    def modified(self, meeting_id: UUID, version: int, view: str) -> float | None:
        """When the meeting last changed (the made file's time), None before it is made."""
        try:
            return self.path(meeting_id, version, view).stat().st_mtime
        except FileNotFoundError:
            return None

    def _write(self, path: Path, data: bytes, changed: datetime, version: int) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
            scratch.write_bytes(data)
            stamp = changed.timestamp()
            os.utime(scratch, (stamp, stamp))
            os.replace(scratch, path)
            for old in path.parent.iterdir():  # the meeting's older versions are done with
                number = old.name.partition(".")[0]
                if number.isdigit() and int(number) < version:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written is a slower site, not a broken one
