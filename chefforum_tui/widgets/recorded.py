"""What has been recorded on an item besides its decision, as the live view shows it under
the decision: the vote, the votes on motions, remarks and absences, one entry each,
wrapped at words in whatever width there is (and scrolled, never cut)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from domain.meeting.state import VOTE_LABELS, Item, Vote
from projections.documents.render.phrases import ENTERED_BY

NOTHING = "Ingen afstemning, bemærkning eller fravær på punktet endnu."


def vote_text(votes: tuple[Vote, ...]) -> str:
    """ "For 2 (Anne Holm, Cecilie Ravn) · Imod: Bo Lind"."""
    parts = []
    for vote in votes:
        count = f" {vote.count}" if vote.count is not None else ""
        who = ", ".join(vote.who)
        if who:
            who = f" ({who})" if count else f": {who}"
        parts.append(f"{VOTE_LABELS[vote.option]}{count}{who}")
    return " · ".join(parts)


def recorded_entries(item: Item) -> list[tuple[str, str]]:
    """(heading, text) for each thing recorded, in the order the referat prints them."""
    entries: list[tuple[str, str]] = []
    decision = item.decision
    if decision is not None and decision.votes:
        entries.append(("Afstemning", vote_text(decision.votes)))
    for n, motion in enumerate(decision.motions if decision else (), start=1):
        by = f" (stillet af {motion.by})" if motion.by else ""
        result = f", {motion.result}" if motion.result else ""
        votes = f": {vote_text(motion.votes)}" if motion.votes else ""
        entries.append((f"Forslag {n}", f"{motion.text}{by}{result}{votes}"))
    for remark in item.remarks:
        heading = f"{remark.kind.capitalize()} fra {remark.by}"
        if remark.recorded_by:  # a secretary's typing is not the member's own (as printed)
            heading += f"{ENTERED_BY}{remark.recorded_by})"
        entries.append((heading, remark.text))
    for absence in item.absent:
        notes: list[str] = [absence.reason] if absence.reason else []
        if absence.substitute:
            notes.append(f"stedfortræder {absence.substitute}")
        entries.append(("Fravær", absence.name + (f" ({', '.join(notes)})" if notes else "")))
    return entries


class Recorded(VerticalScroll, can_focus=False):
    """The entries under the decision; it scrolls to the newest when they change."""

    DEFAULT_CSS = """
    Recorded { height: auto; max-height: 7; }
    Recorded > Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(NOTHING, id="recorded-text")

    def show(self, item: Item) -> None:
        entries = recorded_entries(item)
        text = (
            Content("\n").join(
                Content.assemble((f"{heading}: ", "bold"), body) for heading, body in entries
            )
            if entries
            else Content.styled(NOTHING, "$text-muted")
        )
        self.query_one("#recorded-text", Static).update(text)
        self.call_after_refresh(self.scroll_end, animate=False)
