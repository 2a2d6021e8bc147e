"""The wordings of a vote under a decision: our export's ("For: 3 (A, V)") and published
minutes' ("For stemte 3 (C)", "For stemte: A, B, F og Ø.", "34 stemmer for, 15 imod")."""

from __future__ import annotations

import re

from domain.meeting.state import VOTE_LABELS, VoteOption
from domain.text import COUNT_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse.tokens import whole_number

_VOTE = re.compile(r"^(?P<label>" + "|".join(VOTE_LABELS.values()) + r"):(?:\s+(?P<rest>.*))?$")
_COUNT = re.compile(r"^(?P<count>[0-9]+)(?:\s+\((?P<who>.*)\))?$")
_OPTIONS: dict[str, VoteOption] = {label: option for option, label in VOTE_LABELS.items()}

_REAL_VOTE = re.compile(
    r"^(?P<label>for\s+stemte|imod\s+stemte|stemte\s+for|stemte\s+imod|"
    r"undlod\s+at\s+stemme|hverken\s+for\s+eller\s+imod\s+stemte|undlod|blanke?|stemte\s+blankt)"
    r"\s*:?\s*(?P<rest>.+?)\.?$",
    re.IGNORECASE,
)
_REAL_OPTIONS: dict[str, VoteOption] = {
    "for stemte": "for",
    "stemte for": "for",
    "imod stemte": "against",
    "stemte imod": "against",
    "undlod at stemme": "abstain",
    "hverken for eller imod stemte": "abstain",
    "undlod": "abstain",
    "blank": "blank",
    "blanke": "blank",
    "stemte blankt": "blank",
}
TALLY = re.compile(
    r"(?P<for>\d+)\s+(?:stemmer?|stemte)\s+for\b"
    r"(?:\s*(?:,|og)?\s*(?P<against>\d+)\s+(?:stemmer?\s+|stemte\s+)?imod\b)?"
    r"(?:\s*(?:,|og)?\s*(?P<abstain>\d+)\s+(?:undlod(?:\s+at\s+stemme)?|stemte\s+hverken|hverken)\b)?"
    r"|(?P<for2>\d+)\s+stemmer\s+mod\s+(?P<against2>\d+)",
    re.IGNORECASE,
)
_GROUP = re.compile(r"(?P<count>\d+)\s*\((?P<who>[^)]*)\)")
_COUNTED = re.compile(r"^(?P<n>\d+)\s*(?:stemmer?\b)?\s*[:,–-]?\s*\(?(?P<who>[^()\d]*)\)?$")
_SEPARATORS = re.compile(r"^[\s,;]*(?:og[\s,;]*)*$", re.IGNORECASE)
_LIST = re.compile(r"\s*(?:,|\bog\b|&)\s*")


def own_vote(line: str, at: int) -> ix.Vote | None:
    """ "For: 3 (A, V)", "Imod: Ib Lund", as we export it."""
    match = _VOTE.match(line)
    if not match:
        return None
    option = _OPTIONS[match["label"]]
    rest = (match["rest"] or "").strip()
    counted = _COUNT.match(rest)
    if counted:
        who = counted["who"]
        return ix.Vote(
            option=option,
            count=whole_number(counted["count"], at, COUNT_LIMIT, "stemmetallet"),
            who=[w.strip() for w in who.split(",")] if who else [],
        )
    return ix.Vote(
        option=option, count=None, who=[w.strip() for w in rest.split(",")] if rest else []
    )


def published_vote(line: str) -> ix.Vote | None:
    """ "For stemte 3 (C) og 2 (V)", "Imod stemte: A, B og Ø.", "Undlod at stemme: 1"."""
    match = _REAL_VOTE.match(line.strip())
    if not match:
        return None
    option = _REAL_OPTIONS[" ".join(match["label"].casefold().split())]
    rest = match["rest"].strip().rstrip(".")
    groups = list(_GROUP.finditer(rest))
    if groups:
        if not _SEPARATORS.match(_GROUP.sub("", rest)):
            return None
        counts = [int(g["count"]) for g in groups]
        if sum(counts) > COUNT_LIMIT:
            return None
        if len(groups) == 1:
            who = [w for w in _LIST.split(groups[0]["who"]) if w]
        else:
            who = [f"{g['who'].strip()}: {g['count']}" for g in groups]
        return ix.Vote(option=option, count=sum(counts), who=who)
    counted = _COUNTED.match(rest)
    if counted and int(counted["n"]) <= COUNT_LIMIT:  # "8: A, V og C", "8 stemmer (A og V)"
        who = [w for w in _LIST.split(counted["who"]) if w]
        return ix.Vote(option=option, count=int(counted["n"]), who=who)
    if rest.casefold() in ("ingen", "ingen stemmer", "-", "–"):  # "Undlod at stemme: ingen."
        return ix.Vote(option=option, count=0, who=[])
    if rest.isdigit():
        return ix.Vote(option=option, count=int(rest), who=[]) if int(rest) <= COUNT_LIMIT else None
    who = [w for w in _LIST.split(rest) if w]
    if not who or any(len(w) > 60 for w in who):
        return None
    return ix.Vote(option=option, count=None, who=who)


def tally(line: str) -> list[ix.Vote]:
    """ "34 stemmer for, 15 imod og 2 undlod at stemme", "vedtaget med 19 stemmer mod 6"."""
    match = TALLY.search(line)
    if not match:
        return []
    pairs: list[tuple[VoteOption, str | None]] = [
        ("for", match["for"] or match["for2"]),
        ("against", match["against"] or match["against2"]),
        ("abstain", match["abstain"]),
    ]
    return [
        ix.Vote(option=option, count=int(n), who=[])
        for option, n in pairs
        if n is not None and int(n) <= COUNT_LIMIT
    ]
