"""The municipal fixtures (tests/fixtures/municipal/): minutes written for these tests in
the layouts Danish municipalities publish, and the block-by-block comparison of a
fixture with what the store exports from it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import msgspec

from projections.documents import interchange as ix
from projections.documents.parse.markdown import Parsed
from projections.documents.parse.tokens import plain
from tests.paths import ROOT

MUNICIPAL = ROOT / "tests" / "fixtures" / "municipal"
FIXTURES = sorted(MUNICIPAL.glob("*.*"))

# The parts of a report whose lines are the minutes' own text, and whether their first
# line is a heading that the export words differently ("Beslutning i X den D").
_TEXT_PARTS = {
    "afsnit": False,
    "beslutning": False,
    "ikke placeret": False,
    "tidligere beslutning": True,
    "indstilling": True,
    "protokolbemærkning": False,
}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def source_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").replace("\f", "")
    return text.split("\n")


def content_blocks(path: Path, parsed: Parsed) -> list[tuple[int, list[str]]]:
    """(line, words) of every line of the minutes' own text, in file order."""
    lines = source_lines(path)
    out: list[tuple[int, list[str]]] = []
    for entry in sorted(parsed.report.entries, key=lambda e: e.first):
        if entry.part not in _TEXT_PARTS or entry.became == "overskrift":
            continue
        first = entry.first + 1 if _TEXT_PARTS[entry.part] else entry.first
        for number in range(first, entry.last + 1):
            found = words(plain(lines[number - 1]))
            # "Tobias Holt (Ø) ønskede ... til protokols": the export names who and what.
            if entry.part == "protokolbemærkning":
                found = [w for w in found if w not in _REMARK_WORDS]
            # "X indstiller, at ...": JSON holds who (by) and what (the points) only.
            found = [w for w in found if w not in ("indstiller", "indstilles")]
            if found:
                out.append((number, found))
    return out


_REMARK_WORDS = {
    "ønskede",
    "ønsker",
    "sin",
    "stemme",
    "ført",
    "til",
    "protokols",
    "følgende",
    "en",
    "mindretalsudtalelse",
    "ø",
    "a",
    "v",
    "sf",
    "c",
    "f",
}


def in_order(blocks: list[tuple[int, list[str]]], exported: list[str]) -> int | None:
    """The line of the first block whose words are not found, in order, after the
    block before it (None when all are): nothing lost, nothing reordered."""
    at = 0
    for line, block in blocks:
        position = _find(exported, block, at)
        if position is None:
            return line
        at = position
    return None


def _find(haystack: list[str], needle: list[str], start: int) -> int | None:
    """Where `needle` ends when its words occur in order (not necessarily adjacent,
    since the text export wraps and labels lines) from `start` on."""
    at = start
    for word in needle:
        try:
            at = haystack.index(word, at) + 1
        except ValueError:
            return None
    return at


def contains(haystack: list[str], needle: list[str]) -> bool:
    """The words occur side by side somewhere."""
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def json_words(data: bytes) -> list[str]:
    """The words of every text in a JSON export, in document order."""

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    return [w for s in strings(msgspec.json.decode(data)) for w in words(s)]


def closed_blocks(parsed: Parsed) -> list[list[str]]:
    """The words of each text of the closed items (sections, decision, remarks)."""
    out: list[list[str]] = []
    for item in parsed.document.meeting.items:
        if item.closed:
            texts = [s.text for s in item.sections]
            texts += [item.decision.text] if item.decision else []
            texts += [r.text for r in item.remarks]
            out.extend(words(t) for t in texts if words(t))
    return out


def document_words(doc: ix.Document) -> list[str]:
    return json_words(ix.encode(doc))
