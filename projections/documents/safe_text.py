"""Stored text made safe to show: the one sanitiser every print and export goes through.

The domain refuses control characters (domain.text), but a store written before it did,
or altered behind its back, may hold them: printed raw, ESC, BEL, CR, BS or a C1 CSI
would drive the reader's terminal. They become U+FFFD (in JSON, \\u escapes, so the
data stays the same), and a lone surrogate (bytes that were not UTF-8) likewise.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# C0 but tab and line feed, DEL, C1, lone surrogates.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# The text export separates its pages by a form feed, which a terminal shows harmlessly.
_UNSAFE_IN_PAGES = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\ud800-\udfff]")
# What json.dumps leaves raw (it escapes C0 itself).
UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


def escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe_export(data: bytes, fmt: str) -> bytes:
    """An export's bytes without control characters (JSON: escaped, the same data)."""
    if fmt in ("pdf", "zip"):  # a PDF's text is data inside it, shown as text; a ZIP is files
        return data
    text = data.decode("utf-8", errors="replace")
    if fmt == "json":
        cleaned = UNSAFE_IN_JSON.sub(escaped, text)
    elif fmt == "text":
        cleaned = _UNSAFE_IN_PAGES.sub(REPLACEMENT, text)
    else:
        cleaned = UNSAFE.sub(REPLACEMENT, text)
    return data if cleaned == text else cleaned.encode("utf-8")
