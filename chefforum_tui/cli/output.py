"""What the command prints, made safe for a terminal: the one sanitiser every print of
stored text goes through.

The domain refuses control characters (domain.text), but a store written before it did,
or altered behind its back, may hold them: printed raw, ESC, BEL, CR, BS or a C1 CSI
would drive the reader's terminal. Here they become U+FFFD (in JSON, \\u escapes, so the
data stays the same), and a lone surrogate (bytes that were not UTF-8) likewise.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

REPLACEMENT = "\ufffd"
# C0 but tab and line feed, DEL, C1, lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# The text export separates its pages by a form feed, which a terminal shows harmlessly.
_UNSAFE_IN_PAGES = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\ud800-\udfff]")
# What json.dumps leaves raw (it escapes C0 itself).
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


def safe(text: str) -> str:
    """Text with every control character but line feed and tab shown as U+FFFD."""
    return _UNSAFE.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """A message on one line: line breaks shown as " / ", control characters as U+FFFD."""
    return safe(" / ".join(text.splitlines()))


def say(text: str = "", *, file: TextIO | None = None) -> None:
    """print() for text that may hold stored text."""
    print(safe(text), file=file if file is not None else sys.stdout)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: Any) -> str:
    """JSON for a terminal or a pipe: the same data, every control character escaped."""
    return _UNSAFE_IN_JSON.sub(_escape, json.dumps(value, ensure_ascii=False, indent=2))


def say_json(value: Any) -> None:
    print(json_text(value))


def safe_export(data: bytes, fmt: str) -> bytes:
    """An export's bytes without control characters (JSON: escaped, the same data)."""
    text = data.decode("utf-8", errors="replace")
    if fmt == "json":
        cleaned = _UNSAFE_IN_JSON.sub(_escape, text)
    elif fmt == "text":
        cleaned = _UNSAFE_IN_PAGES.sub(REPLACEMENT, text)
    else:
        cleaned = safe(text)
    return data if cleaned == text else cleaned.encode("utf-8")
