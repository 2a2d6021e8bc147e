"""Word-level differences between two versions of a referat, paragraph by paragraph."""

from __future__ import annotations

import difflib
import re

_TOKENS = re.compile(r"\n|[^\s]+")


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _join(tokens: list[str]) -> str:
    return " ".join(tokens).replace(" \n ", "\n")


def _word_diff(old: str, new: str) -> str:
    """Runs of changed words are shown together: [-old words-] {+new words+}."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_join(a[i1:i2]))
            continue
        if i2 > i1:
            out.append(f"[-{_join(a[i1:i2])}-]")
        if j2 > j1:
            out.append(f"{{+{_join(b[j1:j2])}+}}")
    return " ".join(out).replace(" \n ", "\n")


def diff(old: str, new: str) -> list[str]:
    """The changed paragraphs, each as a word diff ([-removed-] {+added+}), under the
    heading they stand below. Empty when the texts say the same."""
    a, b = _blocks(old), _blocks(new)
    out: list[str] = []
    heading = ""
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            heading = next((x for x in reversed(a[i1:i2]) if x.startswith("#")), heading)
            continue
        if heading:
            out.append(f"@@ {heading.strip('# *')}")
        if i2 - i1 == j2 - j1:
            out.extend(_word_diff(x, y) for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        else:
            out.extend(f"[-{x}-]" for x in a[i1:i2])
            out.extend(f"{{+{y}+}}" for y in b[j1:j2])
        heading = next((x for x in reversed(b[j1:j2]) if x.startswith("#")), heading)
        out.append("")
    return out
