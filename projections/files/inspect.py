"""A file about to become a Bilag, read once: its size against the limit, its media type
from its content (never its name), what is refused (an executable, a PDF that runs
JavaScript), its pages and its text for search (extracted here, once, on attach).

Everything refused is bad input: one Danish line (InvalidInput, exit 2), nothing stored.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from domain.cases.files import FileContent
from domain.errors import InvalidInput
from domain.meeting.files import FileFacts
from domain.text import nfc

LIMIT_VAR = "CHEFFORUM_BILAG_MAX_MB"
DEFAULT_LIMIT_MB = 50
MB = 1_000_000
# Text kept for search per file: a 300-page budget is found by its words, not stored twice.
TEXT_LIMIT = 200_000

# Magic numbers of programs a browser or a desktop would run.
_EXECUTABLES = (
    (b"MZ", "et Windows-program"),
    (b"\x7fELF", "et Linux-program"),
    (b"\xfe\xed\xfa\xce", "et macOS-program"),
    (b"\xfe\xed\xfa\xcf", "et macOS-program"),
    (b"\xce\xfa\xed\xfe", "et macOS-program"),
    (b"\xcf\xfa\xed\xfe", "et macOS-program"),
    (b"\xca\xfe\xba\xbe", "et macOS- eller Java-program"),
    (b"#!", "et skript"),
)
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
)
# Office Open XML and OpenDocument are ZIP archives told apart by what they hold.
_ZIP_KINDS = (
    ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
# PDF names that run code when the file is opened or a page is shown.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch)\b")
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)


def limit_bytes() -> int:
    """The largest file accepted: CHEFFORUM_BILAG_MAX_MB megabytes, default 50."""
    given = os.environ.get(LIMIT_VAR, "").strip()
    if not given:
        return DEFAULT_LIMIT_MB * MB
    if not given.isdigit() or int(given) < 1:
        raise InvalidInput(f"{LIMIT_VAR} skal være et helt antal MB, ikke '{given[:20]}'.")
    return int(given) * MB


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",") + " MB"


def read_file(path: str | Path) -> bytes:
    """The file's bytes, refused before reading when it is larger than the limit."""
    path = Path(path)
    limit = limit_bytes()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InvalidInput(f"{path} er ikke en almindelig fil.")
        if size > limit:
            raise InvalidInput(
                f"{path.name} fylder {_mb(size)}; et bilag må højst fylde {_mb(limit)} "
                f"({LIMIT_VAR})."
            )
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise InvalidInput(f"{path} kan ikke læses: {e.strerror or e}.") from None
    if len(data) > limit:  # grew while read
        raise InvalidInput(f"{path.name} er større end {_mb(limit)}.")
    return data


def sniff(data: bytes) -> str:
    """The media type, from the content."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    head = data[:4096]
    if b"\x00" not in head:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return "application/octet-stream"
        start = text.lstrip()[:200].lower()
        if start.startswith(("<!doctype html", "<html")):
            return "text/html"
        return "text/plain"
    return "application/octet-stream"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            if "mimetype" in names:
                kind = z.read("mimetype").decode("ascii", "replace").strip()
                if kind.startswith("application/vnd.oasis.opendocument."):
                    return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        return "application/octet-stream"
    for prefix, kind in _ZIP_KINDS:
        if any(n.startswith(prefix) for n in names):
            return kind
    return "application/zip"


def _refuse_executable(data: bytes, name: str) -> None:
    for magic, what in _EXECUTABLES:
        if data.startswith(magic):
            raise InvalidInput(f"{name} er {what}; programmer kan ikke vedhæftes som bilag.")


def _pdf(data: bytes, name: str) -> tuple[int, str]:
    """(pages, text) of a PDF; refused when it cannot be read or would run JavaScript."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InvalidInput(f"{name} er en krypteret PDF; den kan ikke vedhæftes.")
        pages = len(reader.pages)
        # The names in the file's dictionaries, outside its streams (whose compressed
        # bytes may hold "/JS" by chance).
        active = bool(_PDF_ACTIVE.search(_STREAM.sub(b"", data)))
        # Object streams hide names from the raw bytes: look at the decoded objects too.
        root: Any = reader.trailer["/Root"].get_object()
        names = root.get("/Names")
        active = active or ("/OpenAction" in root and _runs(root["/OpenAction"]))
        active = active or (names is not None and "/JavaScript" in names.get_object())
        active = active or "/AA" in root
        for page in reader.pages:
            active = active or "/AA" in page
            for annot in page.get("/Annots", None) or []:
                obj = annot.get_object()
                action = obj.get("/A")
                active = active or "/AA" in obj or (action is not None and _runs(action))
        if active:
            raise InvalidInput(
                f"{name} er en PDF med JavaScript eller handlinger, der starter programmer; "
                "den kan ikke vedhæftes. Gem den som PDF uden scripts (udskriv til PDF)."
            )
        text = "\n".join((page.extract_text() or "") for page in reader.pages[:300])
    except InvalidInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise InvalidInput(f"{name} ligner en PDF, men kan ikke læses.") from None
    return pages, text


def _runs(action: object) -> bool:
    obj = getattr(action, "get_object", lambda: action)()
    if isinstance(obj, dict):
        return obj.get("/S") in ("/JavaScript", "/Launch")
    return False


def inspect(data: bytes, name: str) -> FileContent:
    """The file's facts and text, or a one-line refusal."""
    _refuse_executable(data, name)
    media_type = sniff(data)
    pages: int | None = None
    text = ""
    if media_type == "application/pdf":
        pages, text = _pdf(data, name)
    elif media_type == "text/plain":
        text = data.decode("utf-8")
    text = nfc(text)[:TEXT_LIMIT]
    facts = FileFacts(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        media_type=media_type,
        pages=pages,
    )
    return FileContent(facts=facts, data=data, text=text)


def inspect_path(path: str | Path) -> FileContent:
    return inspect(read_file(path), Path(path).name)
