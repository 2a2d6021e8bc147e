"""What stands under an item's Beslutning heading: the decision text, then the vote lines,
protocol remarks and absences written after it."""

from __future__ import annotations

import re
from typing import cast

from domain.meeting.state import VOTE_LABELS, AbsenceReason, VoteOption
from domain.text import COUNT_LIMIT
from projections.documents import interchange as ix
from projections.documents.parse.tokens import Paragraph, whole_number
from projections.documents.render import layout as lo

_VOTE = re.compile(r"^(?P<label>" + "|".join(VOTE_LABELS.values()) + r"):(?:\s+(?P<rest>.*))?$")
_COUNT = re.compile(r"^(?P<count>[0-9]+)(?:\s+\((?P<who>.*)\))?$")
_REMARK = re.compile(rf"^{lo.REMARK}(?P<by>.+?):\s+(?P<text>.+)$", re.DOTALL)
_ABSENCE = re.compile(
    rf"^{lo.ABSENCE}(?P<name>.+?)(?:\s+\((?P<reason>afbud|fraværende|inhabil)\))?"
    rf"(?:{lo.SUBSTITUTE}(?P<substitute>.+))?$"
)
_OPTIONS: dict[str, VoteOption] = {label: option for option, label in VOTE_LABELS.items()}


def read_decision(
    item: ix.Item, paragraphs: list[Paragraph], path: str, where: dict[str, int]
) -> None:
    """Decision text, then the votes, protocol remarks and absences after it."""
    split = len(paragraphs)
    while split and _is_extra(paragraphs[split - 1]):
        split -= 1
    text = "\n\n".join(p.text for p in paragraphs[:split])
    votes: list[ix.Vote] = []
    for paragraph in paragraphs[split:]:
        remark = _REMARK.match(paragraph.text)
        if remark:
            where[f"{path}.remarks[{len(item.remarks)}]"] = paragraph.line
            item.remarks.append(ix.Remark(by=remark["by"].strip(), text=remark["text"]))
            continue
        for offset, line in enumerate(paragraph.lines):
            vote = _VOTE.match(line)
            if vote:
                votes.append(_vote(vote, paragraph.line + offset))
                continue
            absence = _ABSENCE.match(line)
            assert absence is not None  # _is_extra checked every line
            where[f"{path}.absent[{len(item.absent)}]"] = paragraph.line + offset
            item.absent.append(
                ix.ItemAbsence(
                    name=absence["name"].strip(),
                    reason=cast(AbsenceReason | None, absence["reason"]),
                    substitute=absence["substitute"],
                )
            )
    if text or votes:
        item.decision = ix.Decision(text=text, votes=votes)


def _is_extra(paragraph: Paragraph) -> bool:
    """A vote, protocol remark or absence line written under the decision."""
    if _REMARK.match(paragraph.text):
        return True
    return all(_VOTE.match(line) or _ABSENCE.match(line) for line in paragraph.lines)


def _vote(match: re.Match[str], line: int) -> ix.Vote:
    option = _OPTIONS[match["label"]]
    rest = (match["rest"] or "").strip()
    counted = _COUNT.match(rest)
    if counted:
        who = counted["who"]
        return ix.Vote(
            option=option,
            count=whole_number(counted["count"], line, COUNT_LIMIT, "stemmetallet"),
            who=[w.strip() for w in who.split(",")] if who else [],
        )
    return ix.Vote(
        option=option,
        count=None,
        who=[w.strip() for w in rest.split(",")] if rest else [],
    )
