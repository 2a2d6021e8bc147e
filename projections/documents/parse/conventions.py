"""The conventions of Danish minutes as published: how a label is compared (casefolded,
without markup or a trailing colon), and the words of a title. The header's labels and
role words are in header_labels.py, the markers of an item (its heading, closed, its case
number) in item_markers.py, the headings of an item's parts in part_headings.py."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar


def label_key(text: str) -> str:
    """'**Mødedato:**' and 'MØDEDATO' alike: casefolded, without markup, colon or dots
    ("Start kl.:" as "start")."""
    key = " ".join(text.replace("*", "").replace("_", " ").strip(" :.\t").split()).casefold()
    return key.removesuffix(" kl").removesuffix(" kl.")


# -- the title -----------------------------------------------------------------------------

TITLE_WORDS: dict[str, str] = {
    "referat": "referat",
    "beslutningsprotokol": "beslutningsprotokol",
    "dagsorden": "dagsorden",
    "protokol": "beslutningsprotokol",
    "mødereferat": "referat",
}
TITLE = re.compile(
    r"^(?P<word>referat|beslutningsprotokol|dagsorden|mødereferat|protokol)\b"
    r"(?:\s+(?:og\s+\w+\s+)?(?:fra|for|af|over)\s+(?:det\s+)?"
    r"(?:(?:\w+\s+)?møde[t]?\s+(?:i\s+(?:det\s+)?)?)?)?"
    r"[\s:–-]*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Byrådet - Referat", "Økonomiudvalget, beslutningsprotokol". The rest ends with a letter
# or digit, not a separator: the match is then linear in the line (a line of 8,000 "- "
# took 20 s when the separators could be split between the rest and the run before the word).
TITLE_AFTER = re.compile(
    r"^(?P<rest>.*?[^\s,:–-])[\s,:–-]+(?P<word>referat|beslutningsprotokol|dagsorden)\b[\s,:–-]*(?P<tail>.*)$",
    re.IGNORECASE,
)


# -- tables of recognisers -------------------------------------------------------------------

_Given = TypeVar("_Given")
_Found = TypeVar("_Found")


@dataclass(frozen=True)
class Recognisers(Generic[_Given, _Found]):
    """A table of small recognisers, tried in order: the first that recognises what it is
    given wins. Each convention of published minutes is one entry with a fixture of its own
    (tests/unit/test_parse_recognisers.py): a new layout is a new entry in its place, not a
    new branch in a long function. The table's type is declared where it is made, so that
    what its entries read keeps its type (mypy would join their kinds into object)."""

    entries: tuple[Callable[[_Given], _Found | None], ...]

    def first(self, given: _Given) -> tuple[Callable[[_Given], _Found | None], _Found] | None:
        """The entry that recognised it and what it read, or None."""
        for entry in self.entries:
            found = entry(given)
            if found is not None:
                return entry, found
        return None

    def read(self, given: _Given) -> _Found | None:
        found = self.first(given)
        return found[1] if found else None
