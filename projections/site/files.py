"""Public Bilag on the site and in OParl (issue 25).

A file is served at /moede/ID/bilag/SHA256 while the meeting's public document names it:
published, on an item never closed, not itself closed. Anything else, a closed Bilag
too, is 404 exactly as an address that never existed. The response has the sniffed
media type, a Content-Disposition with the Bilag's name, an ETag from the hash (a
conditional request is answered 304) and byte ranges (206; 416 when unsatisfiable).
HTML and other active types are sent as downloads, never rendered as the site's pages.

OParl: each public Bilag is a File (accessUrl, downloadUrl, mimeType, size,
sha512Checksum, fileName) in its AgendaItem's auxiliaryFile and at its own id.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.referat import printed_numbers
from projections.files.addresses import file_url
from projections.files.stored import read_file
from projections.site.public import PublicMeeting, PublicSite

# Shown in the browser; everything else is offered as a download.
INLINE = frozenset({"application/pdf", "text/plain", "image/png", "image/jpeg", "image/gif"})
EXTENSIONS = {
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/html": ".html",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/tiff": ".tif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
KEPT_BYTES = 64_000_000  # files kept in memory, least recently used first out
_SHA = re.compile(r"[0-9a-f]{64}")
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@dataclass(frozen=True)
class PublicFile:
    item_index: int
    number: str
    attachment: ix.Attachment

    @property
    def sha256(self) -> str:
        return str(self.attachment.sha256)

    @property
    def media_type(self) -> str:
        return ix.given(self.attachment.media_type, None) or "application/octet-stream"

    @property
    def size(self) -> int:
        return int(ix.given(self.attachment.size, None) or 0)

    @property
    def file_name(self) -> str:
        """The Bilag's name as a file name: no folder separators or control characters."""
        stem = re.sub(r"[\x00-\x1f\x7f/\\\\:]+", " ", self.attachment.name).strip() or "bilag"
        return stem + EXTENSIONS.get(self.media_type, "")


def public_files(meeting: PublicMeeting) -> list[PublicFile]:
    """The kept files the meeting's public document names (closed ones it never names)."""
    doc = meeting.current.meeting
    numbers = printed_numbers(doc)
    return [
        PublicFile(index, numbers[index], a)
        for index, item in enumerate(doc.items)
        if not item.closed
        for a in item.attachments
        if not a.closed and ix.given(a.sha256, None) is not None
    ]


class KeptFiles:
    """Files read from the store, kept by hash (content never changes under its hash)
    up to KEPT_BYTES, with their SHA-512 for OParl."""

    def __init__(self, minutes: Minutes) -> None:
        self.minutes = minutes
        self._kept: OrderedDict[str, bytes] = OrderedDict()
        self._sha512: dict[str, str] = {}
        self._lock = threading.Lock()

    def data(self, sha256: str) -> bytes | None:
        with self._lock:
            if sha256 in self._kept:
                self._kept.move_to_end(sha256)
                return self._kept[sha256]
        found = read_file(self.minutes, sha256)
        if found is None:
            return None
        with self._lock:
            self._kept[sha256] = found.data
            while sum(map(len, self._kept.values())) > KEPT_BYTES and len(self._kept) > 1:
                self._kept.popitem(last=False)
        return found.data

    def sha512(self, sha256: str) -> str | None:
        with self._lock:
            known = self._sha512.get(sha256)
        if known is not None:
            return known
        data = self.data(sha256)
        if data is None:
            return None
        digest = hashlib.sha512(data).hexdigest()
        with self._lock:
            self._sha512[sha256] = digest
        return digest


def find(public: PublicSite, meeting_id: UUID, sha256: str) -> tuple[PublicMeeting, PublicFile]:
    """The public meeting and Bilag, or LookupError (a 404)."""
    if not _SHA.fullmatch(sha256):
        raise LookupError(sha256)
    meeting = public.meeting(meeting_id)
    if meeting is None:
        raise LookupError(sha256)
    for found in public_files(meeting):
        if found.sha256 == sha256:
            return meeting, found
    raise LookupError(sha256)


def _disposition(how: str, name: str) -> str:
    fallback = name.encode("ascii", "replace").decode("ascii").replace('"', "'")
    fallback = fallback.replace("?", "_")
    return f"{how}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def respond(request: Request, data: bytes, found: PublicFile, headers: dict[str, str]) -> Response:
    """The bytes with their headers, the whole file or the range asked for."""
    etag = f'"{found.sha256}"'
    download = request.query_params.get("download") == "1" or found.media_type not in INLINE
    base = {
        **headers,
        "ETag": etag,
        "Accept-Ranges": "bytes",
        "Content-Disposition": _disposition(
            "attachment" if download else "inline", found.file_name
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
    }
    if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=304, headers=base)
    media_type = found.media_type + ("; charset=utf-8" if found.media_type == "text/plain" else "")
    asked = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if asked and (if_range is None or if_range.strip() == etag):
        span = _span(asked, len(data))
        if span is None:
            return Response(
                status_code=416, headers={**base, "Content-Range": f"bytes */{len(data)}"}
            )
        if span != (0, len(data) - 1):
            start, end = span
            return Response(
                data[start : end + 1],
                status_code=206,
                media_type=media_type,
                headers={**base, "Content-Range": f"bytes {start}-{end}/{len(data)}"},
            )
    return Response(data, media_type=media_type, headers=base)


def _span(header: str, size: int) -> tuple[int, int] | None:
    """One byte range (first-last, first-, -suffix) within the file; None: unsatisfiable.
    Several ranges at once are answered with the whole file (RFC 9110 allows it)."""
    if "," in header:
        return (0, size - 1)
    match = _RANGE.fullmatch(header.strip())
    if match is None or size == 0:
        return None if size == 0 else (0, size - 1)
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        n = int(last)
        return (max(0, size - n), size - 1) if n > 0 else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return None
    return start, end


def routes(
    public: PublicSite,
    kept: KeptFiles,
    meeting_id: Callable[[str], UUID],
    headers: dict[str, str],
    not_found: type[Exception],
) -> list[Route]:
    """The site's routes for Bilag, mounted by app.create_app."""

    def bilag(request: Request) -> Response:
        try:
            _, found = find(
                public, meeting_id(request.path_params["key"]), request.path_params["sha"]
            )
        except LookupError:
            raise not_found from None
        data = kept.data(found.sha256)
        if data is None:
            raise not_found
        return respond(request, data, found, headers)

    return [Route("/moede/{key}/bilag/{sha}", bilag)]


# -- OParl ---------------------------------------------------------------------------------


def oparl_file(
    api: Any, kept: KeptFiles, meeting: PublicMeeting, found: PublicFile
) -> dict[str, Any]:
    """The OParl File of a public Bilag (api: oparl.OParl, for its addresses and stamps)."""
    access = api.base + file_url(meeting.id, found.sha256)
    item_id = meeting.state.active_items()[found.item_index].id
    obj: dict[str, Any] = {
        "id": api.meeting_url(meeting.id, f"/file/{found.sha256}"),
        "type": "https://schema.oparl.org/1.1/File",
        "name": found.attachment.name,
        "fileName": found.file_name,
        "mimeType": found.media_type,
        "date": meeting.summary.date.isoformat(),
        "size": found.size,
        "accessUrl": access,
        "downloadUrl": access + "?download=1",
        "meeting": [api.meeting_url(meeting.id)],
        "agendaItem": [api.meeting_url(meeting.id, f"/agendaitem/{item_id.hex}")],
        **api._stamps(meeting),
    }
    checksum = kept.sha512(found.sha256)
    if checksum is not None:
        obj["sha512Checksum"] = checksum
    return obj


def auxiliary_files(
    api: Any, kept: KeptFiles, meeting: PublicMeeting, item_index: int
) -> list[dict[str, Any]]:
    return [
        oparl_file(api, kept, meeting, f)
        for f in public_files(meeting)
        if f.item_index == item_index
    ]
