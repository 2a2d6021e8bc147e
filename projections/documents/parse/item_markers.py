"""The markers of an item as published: its heading in the usual forms ("Punkt 3:
Titel", "3. Titel", "Pkt. 3"), the words that close it or a part of the minutes, and the
lines under its heading: case number, document number, the link to all attachments."""

from __future__ import annotations

import re

ITEM = re.compile(
    r"^(?:(?i:punkt|pkt\.?|sag(?:\s+nr\.?)?|dagsordenspunkt)\s*(?P<n1>\d{1,4}[a-z]?)\s*[:.)–-]?"
    r"|(?P<n2>\d{1,4}[a-z]?)\s*[.:)](?=\s*[^\d\s])|(?P<n3>\d{1,4}[a-z]?)(?=\s+[A-ZÆØÅ\"'«(]))"
    r"\s*(?P<title>.*)$",
)


def item_number(match: re.Match[str]) -> str:
    return str(match["n1"] or match["n2"] or match["n3"])


# "Punkt N: Titel", the export's own form, where N is whatever the item's number is
# ("3.a", "²"): tried before ITEM.
ITEM_OWN = re.compile(r"^Punkt\s+(?P<number>[^\s:]+)\s*:\s*(?P<title>.*)$", re.IGNORECASE)


def item_heading(text: str) -> tuple[str, str] | None:
    """(number, title) of an item's heading in any of its usual forms."""
    closed = CLOSED_PREFIX.match(text)
    if closed:  # "Lukket punkt: 7. Salg af grund": the marker before the number
        inner = item_heading(text[closed.end() :])
        return (inner[0], f"Lukket punkt: {inner[1]}") if inner else None
    own = ITEM_OWN.match(text)
    if own:
        return own["number"], own["title"].strip()
    match = ITEM.match(text)
    if not match or (not match["n1"] and match["title"][:1].islower()):
        return None  # "1. at ...", "12. januar 2022": a point or a date, not an item
    return item_number(match), match["title"].strip()


CLOSED_PREFIX = re.compile(
    r"^(?:(?:lukket\s+punkt|lukket\s+sag|lukket|closed|fortroligt?\s+punkt|fortroligt?)\s*[:.–-]"
    r"|\(\s*(?:lukket(?:\s+punkt|\s+sag)?|closed|fortroligt?)\s*\))\s*",
    re.IGNORECASE,
)
CLOSED_SUFFIX = re.compile(
    r"\s*(?:\(\s*(?:lukket(?:\s+punkt|\s+sag)?|closed|fortroligt?)\s*\)"
    r"|[-–:]\s*(?:lukket(?:\s+punkt|\s+sag)?|fortroligt?)\s*)$",
    re.IGNORECASE,
)
# A line standing alone under the item's heading that marks it closed.
CLOSED_LINE = re.compile(
    r"^\(?\s*(?:lukket\s+punkt|lukket\s+sag|lukket|closed|for\s+lukkede\s+døre|"
    r"(?:sagen\s+|punktet\s+)?(?:behandle[ts]|blev\s+behandlet)\s+(?:for\s+lukkede\s+døre|"
    r"(?:på|i)\s+lukket\s+møde)|"
    r"fortroligt?\s+punkt|fortroligt?)\s*\)?\.?$",
    re.IGNORECASE,
)
# A part of the minutes that holds only closed items, and one that opens them again.
CLOSED_PART = re.compile(
    r"^(?:lukkede\s+punkter|lukket\s+dagsorden|lukket\s+del|lukket\s+møde|"
    r"for\s+lukkede\s+døre|lukkede\s+sager|fortrolige\s+punkter|closed\s+items)\s*:?$",
    re.IGNORECASE,
)
OPEN_PART = re.compile(
    r"^(?:åbne\s+punkter|åben\s+dagsorden|åben\s+del|åbent\s+møde|åbne\s+sager)\s*:?$",
    re.IGNORECASE,
)
# Words that might mean closed where no marker says so for certain: asked, never guessed.
MAYBE_CLOSED = re.compile(
    r"\b(?:lukke[td]e?|lukkede|fortrolig[te]?|personsag|personalesag|tavshedspligt|"
    r"closed|unntatt)\b",
    re.IGNORECASE,
)

CASE_NUMBER = re.compile(
    r"^(?:sagsnr|sags-?nr|sagsnummer|sags-?id|sagsid|sag\s*nr|journalnr|j\.\s*nr|"
    r"journalnummer|acadre\s*sagsnr|sbsys\s*sagsnr)\.?\s*:?\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
DOCUMENT_NUMBER = re.compile(r"^(?:dok\.?\s*nr|dokumentnr|dokument-?id)\.?\s*:?\s*\S", re.I)
# A KLE journal number ("00.01.00-A00-32-24") or a bare case number ("22/1234").
BARE_CASE_NUMBER = re.compile(
    r"^(?:\d{2}\.\d{2}\.\d{2}(?:-[A-ZÆØÅ]\d{2}(?:-\d+-\d{2})?)?|"
    r"\d{2,4}/\d{1,6}(?:-\d+)?)$"
)
ALL_ATTACHMENTS = re.compile(
    r"^\W*(?:se\s+alle\s+bilag|alle\s+bilag|bilag\s+til\s+punktet)\b", re.IGNORECASE
)
