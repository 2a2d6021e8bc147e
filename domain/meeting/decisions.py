"""What the meeting decided on an item: the decision's text, the vote on the item, and
votes on motions (an amendment, then the proposal as amended), with the warnings of
counts that do not add up against the members present.

A part of the Meeting aggregate (domain.meeting.part).
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from domain.errors import RuleViolation
from domain.meeting import rules
from domain.meeting.events.decisions import DecisionRecorded, MotionsRecorded, VotesRecorded
from domain.meeting.part import MeetingPart
from domain.meeting.state import (
    MOTION_RESULTS,
    VOTE_LABELS,
    VOTE_OPTIONS,
    Item,
    MeetingState,
    Motion,
    Participant,
    Vote,
)
from domain.text import COUNT_LIMIT, bounded, free_text, nfc_opt, one_of, required

VOTING_ROLES = ("member", "chair", "substitute")


def voters_present(state: MeetingState, item: Item) -> list[Participant]:
    """The members who could vote on the item: present, and not absent from it."""
    away = {a.name for a in item.absent}
    return [
        p
        for p in state.participants
        if p.role in VOTING_ROLES and p.attendance == "present" and p.name not in away
    ]


def vote_warnings(state: MeetingState, item: Item, votes: Sequence[Vote], what: str) -> list[str]:
    """What does not add up in one vote, checked against the members present: more votes
    than voters, a name that was not there, a count that differs from the names given."""
    present = voters_present(state, item)
    names = {p.name for p in present}
    parties = {p.party for p in present if p.party}
    warnings: list[str] = []
    total = sum(v.count if v.count is not None else len(v.who) for v in votes)
    if present and total > len(present):
        warnings.append(
            f"{what}: {total} stemmer, men kun {len(present)} stemmeberettigede til stede."
        )
    for vote in votes:
        for who in vote.who:
            if who not in names and who not in parties:
                warnings.append(f"{what}: {who} var ikke til stede ved punktet.")
        named = vote.who and all(w in names for w in vote.who)
        if vote.count is not None and named and vote.count != len(vote.who):
            warnings.append(
                f"{what}: {vote.count} stemmer {vote.option}, men {len(vote.who)} navne."
            )
    return warnings


def motion_warnings(state: MeetingState, item: Item, motions: Sequence[Motion]) -> list[str]:
    return [
        warning
        for index, motion in enumerate(motions, 1)
        for warning in vote_warnings(state, item, motion.votes, f"Afstemning {index}")
    ]


def absence_warnings(item: Item, name: str) -> list[str]:
    """An absence from an item of someone recorded as voting on it: one of the two is
    wrong (a vote by name on the item itself or on one of its motions)."""
    decision = item.decision
    if decision is None:
        return []
    votes = [*decision.votes, *(v for m in decision.motions for v in m.votes)]
    cast = [VOTE_LABELS[v.option].lower() for v in votes if name in v.who]
    if not cast:
        return []
    how = " og ".join(dict.fromkeys(cast))
    return [f"{name} har stemt {how} på punktet, men registreres nu som fraværende."]


def _cleaned_votes(votes: Sequence[Vote]) -> tuple[Vote, ...]:
    """One line per option (for, against, abstain, blank): a count and/or names."""
    cleaned: list[Vote] = []
    for vote in votes:
        one_of(vote.option, VOTE_OPTIONS, "stemmeafgivelse")
        bounded(vote.count, "Antallet af stemmer", high=COUNT_LIMIT)
        if any(v.option == vote.option for v in cleaned):
            raise RuleViolation(f"Stemmer '{vote.option}' er angivet to gange.")
        who = tuple(required(w, "Navn eller parti") for w in vote.who)
        cleaned.append(Vote(option=vote.option, count=vote.count, who=who))
    return tuple(cleaned)


class Decisions(MeetingPart):
    def record_decision(self, actor: str, item_id: UUID, text: str) -> None:
        self._check_editable()
        item = self._active_item(item_id)
        text = free_text(text, "Beslutningen")
        if (item.decision.text if item.decision else "") != text:
            self._check_held("Beslutningen")
            self.trigger_event(DecisionRecorded, actor=actor, item_id=item_id, text=text)

    def record_votes(self, actor: str, item_id: UUID, votes: Sequence[Vote]) -> None:
        """Record the vote on an item: one line per option (for, against, abstain, blank)."""
        self._check_editable()
        item = self._active_item(item_id)
        cleaned = _cleaned_votes(votes)
        current = item.decision.votes if item.decision else ()
        if cleaned != current:
            self._check_held("Afstemningen")
            self.trigger_event(VotesRecorded, actor=actor, item_id=item_id, votes=cleaned)

    def record_motions(self, actor: str, item_id: UUID, motions: Sequence[Motion]) -> None:
        """The votes on motions (an amendment, then the proposal as amended), in order."""
        self._check_editable()
        item = self._active_item(item_id)
        cleaned = []
        for motion in motions:
            one_of(motion.result, MOTION_RESULTS, "resultat")
            cleaned.append(
                Motion(
                    text=required(motion.text, "Forslagets tekst"),
                    by=nfc_opt(motion.by),
                    result=motion.result,
                    votes=_cleaned_votes(motion.votes),
                )
            )
        current = item.decision.motions if item.decision else ()
        if tuple(cleaned) != current:
            self._check_held("Afstemningen")
            rules.refuse(rules.open_item(item))
            self.trigger_event(
                MotionsRecorded, actor=actor, item_id=item_id, motions=tuple(cleaned)
            )
