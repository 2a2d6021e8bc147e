"""Standing items: the first and last items on every meeting's agenda of a forum.

A forum sets them (domain.forum.aggregate); what it has not set is taken from its latest
meeting, else the Chefforum's (domain.forum.template). New items go before the closing
one.
"""

from __future__ import annotations

from collections.abc import Collection

import msgspec

from domain.errors import RuleViolation
from domain.meeting.state import ITEM_KINDS, Item, ItemKind, MeetingState
from domain.text import nfc_opt, required

STANDING_FIRST = "Godkendelse af dagsorden og referat"
STANDING_LAST = "Temaer til kommende møder og eventuelt"


class StandingItem(msgspec.Struct, kw_only=True, frozen=True):
    """An item on every meeting's agenda, with the recommendation it usually carries."""

    title: str
    kind: ItemKind | None = None
    recommendation: str | None = None

    def cleaned(self) -> StandingItem:
        if self.kind is not None and self.kind not in ITEM_KINDS:
            raise RuleViolation(
                f"Ukendt punkttype '{self.kind}'; brug en af: {', '.join(ITEM_KINDS)}."
            )
        return StandingItem(
            title=required(self.title, "Punktets titel"),
            kind=self.kind,
            recommendation=nfc_opt(self.recommendation),
        )


DEFAULT_STANDING = (
    StandingItem(title=STANDING_FIRST, kind="beslutning"),
    StandingItem(title=STANDING_LAST, kind="drøftelse"),
)


def guessed_standing(state: MeetingState) -> tuple[Item | None, Item | None]:
    """The first and last regular items of the forum's latest meeting (never a
    supplementary or carried item); one item is the first."""
    regular = [
        i
        for i in state.active_items()
        if not i.supplementary and i.carried_from is None and i.status == "behandlet"
    ]
    if not regular:
        return None, None
    return regular[0], regular[-1] if len(regular) > 1 else None


def before_closing(
    state: MeetingState, standing_set: Collection[str], closing: StandingItem | None
) -> int | None:
    """Where a new item goes: before the standing closing item when the agenda ends with
    it (the forum's `closing`, once it has set one: `standing_set` holds the places it has
    set; else an "eventuelt"), else last (None)."""
    active = state.active_items()
    if not active:
        return None
    last = active[-1].title
    if "last" in standing_set:
        is_closing = closing is not None and last == closing.title
    else:
        is_closing = "eventuelt" in last.casefold()
    return len(active) - 1 if is_closing else None
