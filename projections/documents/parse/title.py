"""The referat's title: its document word ("Referat", "Beslutningsprotokol",
"Dagsorden"), the forum and the date, on one line or on the lines next to it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from projections.documents.parse import conventions as cv
from projections.documents.parse.dates import bad_date, find_date, without_date
from projections.documents.parse.header_fields import Line, field
from projections.documents.parse.report import fail
from projections.documents.parse.tokens import Reader, unwrap


@dataclass
class Title:
    forum: str
    day: date | None
    document: str  # "referat", "beslutningsprotokol", "dagsorden"
    lines: list[int]


_ADJECTIVE = re.compile(
    r"^(?:åben|åbent|offentlig|offentligt|endelig|endeligt|godkendt|foreløbig|foreløbigt)"
    r"\s+(?=referat|beslutningsprotokol|dagsorden)",
    re.IGNORECASE,
)


def _title_of(text: str) -> tuple[str, str] | None:
    """(document word, the rest) of a title line ("Åbent referat" as "Referat")."""
    text = _ADJECTIVE.sub("", text.strip())
    match = cv.TITLE.match(text)
    if match:
        return match["word"].casefold(), match["rest"]
    after = cv.TITLE_AFTER.match(text)
    if after and len(after["rest"]) < 80:
        return after["word"].casefold(), f"{after['rest']} {after['tail']}".strip()
    return None


_FORUM_WORD = re.compile(r"udvalg|råd|bestyrelse|nævn|forum|komit|repræsentantskab", re.I)


def read_title(lines: list[Line], reader: Reader) -> Title:
    if not lines:
        next_token = reader.peek()
        raise fail(next_token.line if next_token else 1, "filen er tom; forventede et referat")
    for index, line in enumerate(lines[:15]):
        if index and field(line) is not None:
            break
        found = _title_of(unwrap(line.plain))
        if found is None:
            continue
        word, rest = found
        day_found = find_date(rest)
        if (bad := bad_date(rest)) is not None:
            raise fail(line.number, f"'{bad}' er ikke en gyldig dato")
        forum = (without_date(rest) if day_found else rest).strip()
        forum = re.sub(r"\s+(?:d\.|den)$", "", forum).strip(" ,–-")
        used = [index]
        if not forum:  # "Byrådet" / "Referat", or "Referat" / "Byrådet"
            near = [i for i in (index - 1, index + 1) if 0 <= i < len(lines)]
            near.sort(key=lambda i: not _FORUM_WORD.search(lines[i].plain))
            for other in near:
                candidate = lines[other]
                if field(candidate) is not None or len(candidate.plain) >= 80:
                    continue
                forum = without_date(unwrap(candidate.plain)).strip(" ,–-")
                if forum:
                    day_found = day_found or find_date(candidate.plain)
                    used.append(other)
                    break
        if forum.isupper():
            forum = forum.capitalize()
        taken = [lines[i] for i in sorted(used)]
        for i in sorted(used, reverse=True):
            del lines[i]
        document = cv.TITLE_WORDS.get(word, "referat")
        return Title(
            forum, day_found.day if day_found else None, document, [x.number for x in taken]
        )
    first = lines[0]
    raise fail(
        first.number,
        "ikke et referat: forventede en titel som '# REFERAT Forum d. 20-05-2026'"
        " eller '# DAGSORDEN ...'",
    )
