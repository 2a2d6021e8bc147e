"""A referat with its files as one ZIP archive (the interchange spec's "Bundles"):
`referat.json` at the root and each Bilag's bytes at `bilag/<sha256>`.

Written the same way every time (fixed member times, names in order, one compression
level), so exporting the same referat twice gives the same bytes. Read strictly: every
file the JSON names must be there with its size and hash, nothing else may be, and no
member may be larger than a Bilag may be (a ZIP bomb is refused by its stated size
before it is unpacked, and by what it unpacks to).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Mapping

from projections.documents import interchange as ix

REFERAT = "referat.json"
FOLDER = "bilag/"
_MEMBER = re.compile(r"bilag/[0-9a-f]{64}")
# 1980-01-01, the first time a ZIP can state: the same bytes on every export.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def is_bundle(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def named_files(doc: ix.Document) -> dict[str, int]:
    """The files a document names, by hash, with their sizes."""
    named: dict[str, int] = {}
    for item in doc.meeting.items:
        for a in item.attachments:
            sha, size = ix.given(a.sha256, None), ix.given(a.size, None)
            if sha is not None:
                named[sha] = size if size is not None else -1
    return named


def _member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compresslevel=6)


def write(json_bytes: bytes, file_bytes: Callable[[str], bytes | None]) -> bytes:
    """The bundle of a referat's JSON and the files it names (read by hash); a file the
    store does not hold is a BundleError."""
    doc = ix.decode(json_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        _member(zf, REFERAT, json_bytes)
        for sha in sorted(named_files(doc)):
            data = file_bytes(sha)
            if data is None:
                raise ix.DocumentError(f"bilagsfilen {sha[:16]} findes ikke i lageret")
            _member(zf, FOLDER + sha, data)
    return out.getvalue()


def read(data: bytes, limit: int) -> tuple[ix.Document, Mapping[str, bytes]]:
    """The document and the files of a bundle, each checked against its hash and size."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ix.DocumentError("filen er ikke et gyldigt ZIP-bundt") from None
    with zf:
        infos = {info.filename: info for info in zf.infolist()}
        if REFERAT not in infos:
            raise ix.DocumentError(f"bundtet har ingen {REFERAT}")
        for name, info in infos.items():
            if name != REFERAT and not _MEMBER.fullmatch(name):
                raise ix.DocumentError(f"bundtet har en ukendt fil: {name[:80]}")
            if info.file_size > limit or info.file_size > 50 * info.compress_size + 10_000_000:
                raise ix.DocumentError(f"{name[:80]} i bundtet er for stor")
        doc = ix.decode(_read(zf, REFERAT, limit))
        files: dict[str, bytes] = {}
        for sha, size in named_files(doc).items():
            name = FOLDER + sha
            if name not in infos:
                raise ix.DocumentError(f"bundtet mangler bilagsfilen {name}")
            content = _read(zf, name, limit)
            if len(content) != size or hashlib.sha256(content).hexdigest() != sha:
                raise ix.DocumentError(
                    f"{name} i bundtet passer ikke med sin størrelse og SHA-256 i {REFERAT}"
                )
            files[sha] = content
        extra = sorted(set(infos) - {REFERAT} - {FOLDER + sha for sha in files})
        if extra:
            raise ix.DocumentError(f"bundtet har en fil, {REFERAT} ikke nævner: {extra[0]}")
    return doc, files


def _read(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with zf.open(name) as f:
            content = f.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ix.DocumentError(f"{name} i bundtet kan ikke læses") from None
    if len(content) > limit:
        raise ix.DocumentError(f"{name} i bundtet er for stor")
    return content
