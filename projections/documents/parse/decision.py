"""What stands under an item's decision: the decision text, and the votes, protocol
remarks and absences written in it, in our export's wording ("For: 3 (A, V)") and in the
wording of published minutes ("For stemte 3 (C)", "For stemte: A, B, F og Ø.", "34 stemmer
for, 15 imod", "X ønskede sin stemme ført til protokols"). Each wording is an entry of a
table in decision_recognisers.py; this module applies what they read to the item."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from projections.documents import interchange as ix
from projections.documents.parse import decision_votes
from projections.documents.parse.decision_recognisers import (
    LINES,
    PARAGRAPHS,
    REMARKS,
    Block,
    Line,
    Status,
)
from projections.documents.parse.report import ImportReport
from projections.documents.parse.tokens import Paragraph
from projections.documents.render.printed_lines import absence_line, vote_line


@dataclass
class Context:
    """What an item's reading needs of the meeting: who takes part."""

    names: Collection[str]
    report: ImportReport


class _Decision:
    """What the decision's paragraphs have said so far."""

    def __init__(self, item: ix.Item, path: str, where: dict[str, int], ctx: Context) -> None:
        self.item, self.path, self.where, self.ctx = item, path, where, ctx
        self.kept: list[str] = []
        self.votes: list[ix.Vote] = []
        self.motions: list[ix.Motion] = []
        self.tallies: list[tuple[int, list[ix.Vote]]] = []  # counts in a sentence kept as text

    def paragraph(self, paragraph: Paragraph) -> None:
        first, last = paragraph.line, paragraph.line + len(paragraph.lines) - 1
        printed = self.ctx.report.source != "markdown"
        reading = PARAGRAPHS.read(
            Block(paragraph, printed, opening=not self.kept and not self.votes)
        )
        if isinstance(reading, Status):
            if reading.status is not None:
                self.item.status = reading.status
            if reading.reason:
                self.item.status_reason = reading.reason
            if reading.carried_to is not None:
                self.item.carried_to = reading.carried_to
            self.ctx.report.note(first, last, "status", paragraph.text)
        elif isinstance(reading, ix.Motion):
            self.motions.append(reading)
            self.ctx.report.note(first, last, "afstemning", f"om {reading.text}")
        elif isinstance(reading, ix.Remark):
            self.remark(reading, first, last)
        else:
            self.lines(paragraph, first, last)

    def remark(self, found: ix.Remark, first: int, last: int) -> None:
        self.where[f"{self.path}.remarks[{len(self.item.remarks)}]"] = first
        self.item.remarks.append(found)
        self.ctx.report.note(first, last, "protokolbemærkning", f"fra {found.by}")

    def lines(self, paragraph: Paragraph, first: int, last: int) -> None:
        """The paragraph line by line: what no recogniser reads stays the decision's text."""
        report = self.ctx.report
        text: list[str] = []
        remark_last = False  # the line before was a remark's
        for offset, line in enumerate(paragraph.lines):
            at = paragraph.line + offset
            if remark_last and report.source != "markdown" and line[:1].islower():
                # A printed page wrapped the remark's sentence onto this line.
                self.item.remarks[-1].text = f"{self.item.remarks[-1].text} {line.strip()}"
                continue
            reading = LINES.read(Line(line, at, first=not offset, names=self.ctx.names))
            remark_last = isinstance(reading, ix.Remark)
            if isinstance(reading, ix.Remark):
                self.remark(reading, at, at)
            elif isinstance(reading, ix.Vote):
                self.votes.append(reading)
                report.note(at, at, "afstemning", vote_line(reading))
            elif isinstance(reading, ix.ItemAbsence):
                self.where[f"{self.path}.absent[{len(self.item.absent)}]"] = at
                self.item.absent.append(reading)
                report.note(at, at, "fravær", absence_line(reading))
            elif isinstance(reading, list):
                self.votes.extend(reading)
                report.note(at, at, "afstemning", ", ".join(map(vote_line, reading)))
            else:
                if tally := decision_votes.tally(line):
                    self.tallies.append((at, tally))
                text.append(line)
        if text:
            self.kept.append("\n".join(text))
            report.note(first, last, "beslutning", "beslutningens tekst")

    def counted_in_a_sentence(self) -> None:
        """A count of votes in a sentence kept as text: the votes' counts where the lines
        name the voters, else the votes, a guess."""
        if len(self.tallies) != 1:
            return
        at, tally = self.tallies[0]
        if not self.votes:
            self.votes = tally
            self.ctx.report.guess(
                at,
                at,
                "afstemning",
                ", ".join(vote_line(v) for v in tally) + " (teksten beholdt)",
                "stemmetal i en sætning",
            )
            return
        # "... med 4 stemmer for og 1 imod." then "Imod stemte X.": one vote, the counts
        # from the sentence and the names from the lines.
        named = {v.option: v for v in self.votes}
        for counted in tally:
            vote = named.get(counted.option)
            if vote is None:
                self.votes.append(counted)
            elif vote.count is None and counted.count is not None:
                vote.count = counted.count
        order = [v.option for v in tally]
        self.votes.sort(key=lambda v: order.index(v.option) if v.option in order else len(order))
        self.ctx.report.note(
            at, at, "afstemning", ", ".join(map(vote_line, self.votes)) + " (teksten beholdt)"
        )


def read_decision(
    item: ix.Item, paragraphs: list[Paragraph], path: str, where: dict[str, int], ctx: Context
) -> None:
    """Decision text, then the votes, protocol remarks and absences in it."""
    decision = _Decision(item, path, where, ctx)
    for paragraph in paragraphs:
        decision.paragraph(paragraph)
    decision.counted_in_a_sentence()
    kept, votes = decision.kept, decision.votes
    options = [v.option for v in votes]
    if len(set(options)) != len(options):
        # Several votes (on amendments and on the proposal): kept as written.
        ctx.report.guess(
            paragraphs[0].line,
            paragraphs[-1].line,
            "afstemning",
            "flere afstemninger: beholdt som tekst",
            "flere afstemninger på ét punkt",
        )
        kept = [p.text for p in paragraphs if REMARKS.read(p.text) is None]
        votes = []
    text = "\n\n".join(kept)
    if text or votes or decision.motions:
        item.decision = ix.Decision(text=text, votes=votes)
        if decision.motions:
            item.decision.motions = decision.motions
