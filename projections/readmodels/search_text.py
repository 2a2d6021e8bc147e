"""What the search index holds for a meeting, and the words a query looks for.

Danish inflections are found by stemming each query word (Snowball's Danish stemmer)
and matching it as a prefix: "behandlingen" and "behandling" both become behandling*,
which finds "Behandlingen", "behandlingerne" and "behandling". The SQLite dialect makes
its FTS5 match of the stems; PostgreSQL stems the words itself (tsquery).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from uuid import UUID

from domain.meeting.state import MeetingState
from domain.text import nfc
from projections.readmodels.view import (
    ATTACHMENT,
    DECISION,
    EARLIER,
    FILE_TEXT,
    RECOMMENDATION,
    REMARK,
    TITLE,
)

_WORD = re.compile(r"\w+", re.UNICODE)
# The words of a file indexed (its first 100,000 characters, as much as a text field
# holds): a meeting's rows are written anew when it changes, its files' text with them.
FILE_TEXT_LIMIT = 100_000
FileText = Callable[[str], str]


@dataclass(frozen=True)
class Unit:
    """One searchable text: a field of an item, public or for the internal view only."""

    item_id: UUID
    item_number: str
    item_title: str
    field: str
    text: str
    public: bool


def units(state: MeetingState, file_text: FileText | None = None) -> list[Unit]:
    """file_text: the text extracted from a kept file on attach, by its SHA-256 (the read
    models' runner reads it from the store); without it, files are found by name only."""
    numbers = state.item_numbers()
    out: list[Unit] = []
    for item in state.active_items():
        number, open_ = numbers[item.id], not item.closed

        def add(field: str, text: str, public: bool = open_) -> None:
            if text.strip():
                out.append(Unit(item.id, number, item.title, field, text, public))  # noqa: B023

        add(TITLE, item.title, public=True)  # a closed item's title may be published
        if item.recommendation:
            rec = item.recommendation
            add(RECOMMENDATION, "\n".join(filter(None, [rec.by, *rec.points])))
        for section in item.sections:
            add(section.heading, section.text)
        for earlier in item.earlier_decisions:
            add(EARLIER, f"{earlier.body}: {earlier.text}")
        if item.decision:
            add(DECISION, item.decision.text)
        for remark in item.remarks:
            add(REMARK, f"{remark.by}: {remark.text}")
        for attachment in item.attachments:
            add(ATTACHMENT, attachment.name, public=open_ and not attachment.closed)
            if file_text is not None and attachment.sha256 is not None:
                words = file_text(attachment.sha256)[:FILE_TEXT_LIMIT]
                add(f"{FILE_TEXT}{attachment.name}", words, public=open_ and not attachment.closed)
    return out


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # The package loads all its 30 languages: imported when a text is first stemmed, not
    # by every command that opens a store.
    import snowballstemmer

    return snowballstemmer.stemmer("danish")


def tsquery(query: str) -> str:
    """The same for PostgreSQL's to_tsquery('danish', ...), which stems the words itself."""
    return " & ".join(f"{w.casefold()}:*" for w in _WORD.findall(query))


def query_key(query: str) -> tuple[str, ...]:
    """What a query asks, whatever the order, case and repeats of its words: every word
    must match, so "skole budget", "Budget skole" and "budget budget skole" find the same
    texts on both stores. What answers to one may be kept for the others."""
    return tuple(sorted({w.casefold() for w in _WORD.findall(nfc(query))}))


def stems(query: str) -> list[str]:
    """The query's words, casefolded and stemmed: each matches the words it begins."""
    return list(_stems(query))


@lru_cache(maxsize=1024)
def _stems(query: str) -> tuple[str, ...]:
    # Kept: Snowball's stemmer is pure Python (0.3 ms a query), and a served site is asked
    # the same queries again and again.
    words = [w.casefold() for w in _WORD.findall(query)]
    return tuple(stem for stem in _stemmer().stemWords(words) if stem)
