"""The conventions of Danish minutes as published: how a label is compared (casefolded,
without markup or a trailing colon), and the words of a title. The header's labels and
role words are in header_labels.py, the markers of an item (its heading, closed, its case
number) in item_markers.py, the headings of an item's parts in part_headings.py."""

from __future__ import annotations

import re


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
