"""The meeting both walkers (the random walk and the monkey) walk, the terminal sizes they
walk it in, and the checkout's root the other writer runs from."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from uuid import UUID

from domain.forum.template import new_meeting
from projections.store.connect import open_minutes
from tests.tui.other_writer import OTHER
from tests.tui.tui_pilot import ACTOR, FORUM

ROOT = Path(__file__).resolve().parents[2]
SIZES = ((80, 24), (100, 30), (120, 40), (160, 45))


def build_meeting(db: str) -> UUID:
    """A started meeting: the standing items and three of business, three members; the
    other writer is a secretary of the forum too."""
    minutes = open_minutes(db)
    try:
        mid = new_meeting(minutes, ACTOR, FORUM, date(2026, 9, 2), time(16), "Byrådssalen")
        for name, role in (("Anne Holm", "chair"), ("Bo Lind", "member"), ("Cille Ravn", "member")):
            minutes.add_participant(mid, ACTOR, name, title="Medlem af udvalget", role=role)
        for position, title in enumerate(("Budget", "Vejbelysning", "Personalesag"), start=1):
            minutes.add_item(mid, ACTOR, title, position=position, duration_minutes=20)
        minutes.change_roles(ACTOR, FORUM, OTHER, "secretary", grant=True)
        minutes.publish_agenda(mid, ACTOR)
        minutes.start_meeting(mid, ACTOR, time(16))
        return mid
    finally:
        minutes.close()
