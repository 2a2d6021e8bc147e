"""Lines that a page wrapped, joined again: a word broken at a line's end is whole again,
and a header's entry wrapped inside its parenthesis is one line."""

from __future__ import annotations

import re
from collections.abc import Callable

# A word broken at a line's end ("afde-" / "lingschef"), not a compound's shared part
# ("Børne- og Ungeudvalget").
_BROKEN_WORD = re.compile(r"[a-zæøå]-$")
_SHARED_PART = re.compile(r"^(?:og|eller|samt|til)\b")
SOFT_HYPHEN = "\u00ad"  # where typesetters break words (and Typst maps its hyphen to)


def joined(before: str, after: str) -> str:
    """Two lines of one text as one: a word broken by a soft hyphen is whole again, and
    one broken by a hyphen before a lowercase letter (but a compound's shared part)."""
    before = before.rstrip()
    if before.endswith(SOFT_HYPHEN):
        return before[:-1] + after
    if _BROKEN_WORD.search(before) and after[:1].islower() and not _SHARED_PART.match(after):
        return before[:-1] + after
    return f"{before} {after}"


def parentheses_joined(lines: list[str], starts_field: Callable[[str], bool]) -> list[str]:
    """A line ending inside a parenthesis ("Mette Frølund (Konst. afde-") joined with the
    next, as a PDF's header wraps a list of participants (not where the next line starts
    a field: the parenthesis was never closed); an empty line keeps the line count, so
    every line keeps its number in the report."""
    out: list[str] = []
    held: str | None = None
    for text in lines:
        if held is not None and starts_field(text):
            out.append(held)
            held = None
        if held is not None:
            text = joined(held, text)
            out.append("")
            held = None
        if text.count("(") > text.count(")"):
            held = text
        else:
            out.append(text)
    if held is not None:
        out.append(held)
    return out
