"""A hit's snippet: the few words of its text where the query's words are, marked » «.

Made here from the hit's text rather than by the store (FTS5's snippet(), PostgreSQL's
ts_headline): either re-reads the query against the text, and FTS5 could do so only on a
scratch index made for each search (its prefixes would otherwise be expanded over the whole
index again). On a store of a million events that was 3-4 ms of a 12 ms search on SQLite;
a regular expression over the texts of one page of hits is a fraction of a millisecond.
Both stores now show the same snippet for the same text.

A word matches as the index matches it: a word that begins with one of the query's stems
(search_text.py), letters compared without case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

WORDS = 16  # the snippet's length in words, as FTS5's snippet() was asked for
BEFORE = 3  # words shown before the first match, where the text has them
_LETTERS_A_WORD = 7  # a Danish word and its space, about (words of minutes: 6.2 letters)
_WORD = re.compile(r"\w+")
# The matches looked at: a kept file's text may be 100,000 characters with a match in
# every line; the first ones hold a window as good as any a reader needs.
LOOKED_AT = 64


@lru_cache(maxsize=256)
def _matcher(stems: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so that the group names the longest stem a word begins with.
    ordered = sorted(set(stems), key=len, reverse=True)
    alternatives = "|".join(f"({re.escape(stem)})" for stem in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def snippet(text: str, stems: Sequence[str], words: int = WORDS) -> str:
    """The `words` words of `text` that hold the most of the different stems, matches
    between » and «, with … where the text goes on before or after."""
    found = list(islice(_matcher(tuple(stems)).finditer(text), LOOKED_AT)) if stems else []
    if not found:
        return _cut(text, 0, words, [])
    # Which different stems follow each match closely enough to be shown with it? The
    # first match followed by the most wins (matches further on add nothing a reader
    # needs). Measured in letters, not words: one pass over the words, for the cut only.
    span = words * _LETTERS_A_WORD
    best, best_count = found[0], 0
    for n, match in enumerate(found):
        near = match.start() + span
        count = len({m.lastindex for m in found[n:] if m.start() < near})
        if count > best_count:
            best, best_count = match, count
    return _cut(text, _context_start(text, best.start(), BEFORE), words, found)


def _word_end(text: str, start: int, words: int) -> int:
    """Where the `words`-th word from `start` ends (the text's end, if it has fewer)."""
    end = start
    for n, word in enumerate(_WORD.finditer(text, start)):
        end = word.end()
        if n + 1 == words:
            break
    return end


def _context_start(text: str, at: int, before: int) -> int:
    """Where the word `before` words ahead of position `at` begins, or the first word
    before it that is whole."""
    looked = max(0, at - 40 * before)  # words of up to 40 letters, then a cut one
    head = list(_WORD.finditer(text, looked, at))
    if looked > 0:
        head = head[1:]  # the first may be a word cut in two where the look began
    return head[-before:][0].start() if head else at


def _cut(text: str, start: int, words: int, found: Sequence[re.Match[str]]) -> str:
    end = _word_end(text, start, words)
    marks = [m for m in found if start <= m.start() and m.end() <= end]
    parts, at = [], start
    for match in marks:
        parts += [text[at : match.start()], "»", match.group(), "«"]
        at = match.end()
    more = _WORD.search(text, end) is not None
    parts.append(text[at:end] if more else text[at:].rstrip())  # the text's last stop kept
    lead = "…" if _WORD.search(text, 0, start) else ""
    return f"{lead}{''.join(parts)}{'…' if more else ''}"
