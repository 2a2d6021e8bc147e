"""How a kept Bilag is described in the referat: its kind, pages (for a PDF) and size,
"Budget 2027 (PDF, 12 sider, 1,4 MB)". A Bilag known only by name prints as before.

The page count is no part of the interchange format (its Attachment has sha256,
media_type and size); export.render sets PAGES from the meeting's state, where each
file's pages were counted once, on attach.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextvars import ContextVar

from projections.documents import interchange as ix

PAGES: ContextVar[Mapping[str, int]] = ContextVar("chefforum_file_pages", default={})  # noqa: B039

KINDS = {
    "application/pdf": "PDF",
    "text/plain": "tekst",
    "text/html": "HTML",
    "image/png": "billede",
    "image/jpeg": "billede",
    "image/gif": "billede",
    "image/tiff": "billede",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.oasis.opendocument.text": "OpenDocument-tekst",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument-regneark",
}


# What file_facts adds to a name, as the Markdown and text readers find it again: a name
# read back is the name written, so re-importing an export keeps the files.
_FACTS = re.compile(
    r" \((?:" + "|".join(re.escape(k) for k in sorted({*KINDS.values(), "fil"})) + r"), "
    r"(?:1 side, |\d+ sider, )?\d+(?:,\d)? [kM]B\)$"
)


def without_facts(name: str) -> str:
    """A Bilag's printed line without the facts file_facts added."""
    return _FACTS.sub("", name)


def size_text(size: int) -> str:
    """Bytes as a reader counts them: '820 kB', '1,4 MB' (decimal units, Danish comma)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def file_facts(a: ix.Attachment) -> str:
    """'PDF, 12 sider, 1,4 MB', or '' for a Bilag without its file."""
    size = ix.given(a.size, None)
    if size is None:
        return ""
    parts = []
    media_type = ix.given(a.media_type, None)
    if media_type:
        parts.append(KINDS.get(media_type, "fil"))
    sha = ix.given(a.sha256, None)
    pages = PAGES.get().get(sha) if sha else None
    if pages:
        parts.append("1 side" if pages == 1 else f"{pages} sider")
    parts.append(size_text(size))
    return ", ".join(parts)
