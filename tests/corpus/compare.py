"""Comparing what was printed with what was read: the blocks of a referat in printed
order and of an imported document, and a tally of each printed block kept, reordered,
misplaced, merged or lost."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from projections.documents import interchange as ix
from tests.corpus.source import Source


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def point(text: str) -> tuple[str, ...]:
    """A recommendation's point without its "at" (printed "1. at ...", kept either way)."""
    found = words(text)
    return found[1:] if found[:1] == ("at",) else found


Block = tuple[str, tuple[str, ...]]  # (kind, words)


def printed_blocks(src: Source) -> list[Block]:
    """The blocks of the referat in printed order: item titles, case numbers, section
    headings, each paragraph, each point of a recommendation, each earlier decision."""
    out: list[Block] = []
    for item in src.items:
        out.append(("punkt", words(item.title)))
        if item.case:
            out.append(("sagsnummer", words(item.case)))
        for part in item.parts:
            if part.kind == "recommendation":
                out.extend(("indstilling", point(p)) for p in part.points)
            elif part.kind == "earlier":
                out.append(("tidligere beslutning", words(part.text)))
            else:
                kind = "beslutning" if part.kind == "decision" else "afsnit"
                if kind == "afsnit":
                    out.append(("overskrift", words(part.heading)))
                out.extend((kind, words(p)) for p in part.text.split("\n\n"))
    return out


def read_blocks(doc: ix.Document) -> list[Block]:
    """The same blocks of an imported document, in the order it prints them."""
    out: list[Block] = []
    for item in doc.meeting.items:
        out.append(("punkt", words(item.title)))
        if item.case_number:
            out.append(("sagsnummer", words(item.case_number)))
        before = [s for s in item.sections if not ix.given(s.after_decision, False)]
        after = [s for s in item.sections if ix.given(s.after_decision, False)]
        # The Indstilling prints first; where the file had it later, its place among the
        # sections is what the reader must keep (recommendation_at).
        at = ix.given(getattr(item, "recommendation_at", 0), 0) if item.recommendation else 0
        for s in before[:at]:
            out.extend(_section_blocks(s))
        if item.recommendation:
            out.extend(("indstilling", point(p)) for p in item.recommendation.points)
        for s in before[at:]:
            out.extend(_section_blocks(s))
        out.extend(("tidligere beslutning", words(e.text)) for e in item.earlier_decisions)
        if item.decision:
            out.extend(("beslutning", words(p)) for p in item.decision.text.split("\n\n"))
        for s in after:
            out.extend(_section_blocks(s))
    return out


def _section_blocks(section: ix.Section) -> list[Block]:
    return [("overskrift", words(section.heading))] + [
        ("afsnit", words(p)) for p in section.text.split("\n\n")
    ]


@dataclass
class Tally:
    kept: int = 0
    lost: int = 0
    reordered: int = 0
    merged: int = 0
    misplaced: int = 0  # its words are there, as another kind of block
    missing: list[str] = field(default_factory=list)


def compare(printed: list[Block], read: list[Block]) -> Tally:
    """Each printed block is kept (the same block, in order), reordered (the same block,
    out of order), misplaced (its words as another kind), merged (its words inside a
    larger block) or lost."""
    tally = Tally()
    used: set[int] = set()
    last = -1
    for kind, text in printed:
        if not text:
            continue
        same = [i for i, b in enumerate(read) if b == (kind, text) and i not in used]
        if same:
            after = [i for i in same if i > last]
            index = after[0] if after else same[0]
            used.add(index)
            if after:
                tally.kept += 1
                last = index
            else:
                tally.reordered += 1
                tally.missing.append(f"umulig rækkefølge: {' '.join(text)[:60]}")
            continue
        if any(b[1] == text for b in read):
            tally.misplaced += 1
            tally.missing.append(f"som anden del: {kind}: {' '.join(text)[:60]}")
        elif any(_inside(text, b[1]) for b in read):
            tally.merged += 1
            tally.missing.append(f"slået sammen: {kind}: {' '.join(text)[:60]}")
        else:
            tally.lost += 1
            tally.missing.append(f"tabt: {kind}: {' '.join(text)[:60]}")
    return tally


def _inside(needle: tuple[str, ...], haystack: tuple[str, ...]) -> bool:
    n = len(needle)
    return n < len(haystack) and any(
        haystack[i : i + n] == needle for i in range(len(haystack) - n + 1)
    )
