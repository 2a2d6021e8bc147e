"""Ready phrases for a decision, as data: what a secretary writes again and again.

A forum may one day keep its own list; until the domain records one, every forum uses
the standard phrases. The UI puts them on keys in the order given here.
"""

from __future__ import annotations

STANDARD_PHRASES: tuple[str, ...] = (
    "Godkendt.",
    "Taget til efterretning.",
    "Drøftet.",
    "Intet at bemærke.",
)


def decision_phrases(forum: str | None = None) -> tuple[str, ...]:
    """The phrases offered for a forum's decisions (the standard ones for now)."""
    return STANDARD_PHRASES
