"""What the command prints, made safe for a terminal (projections.documents.safe_text)."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from projections.documents.safe_text import REPLACEMENT, UNSAFE, UNSAFE_IN_JSON, escaped


def safe(text: str) -> str:
    """Text with every control character but line feed and tab shown as U+FFFD."""
    return UNSAFE.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """A message on one line: line breaks shown as " / ", control characters as U+FFFD."""
    return safe(" / ".join(text.splitlines()))


def say(text: str = "", *, file: TextIO | None = None) -> None:
    """print() for text that may hold stored text."""
    print(safe(text), file=file if file is not None else sys.stdout)


def json_text(value: Any) -> str:
    """JSON for a terminal or a pipe: the same data, every control character escaped."""
    return UNSAFE_IN_JSON.sub(escaped, json.dumps(value, ensure_ascii=False, indent=2))


def say_json(value: Any) -> None:
    print(json_text(value))
