"""What may be done to a meeting now, and why not (domain.meeting.actions): the screens
offer only what can work and give these reasons for the rest."""

from __future__ import annotations

from datetime import date

from domain.application import Minutes
from domain.meeting.actions import ACTIONS, clause, unavailable
from domain.meeting.phrases import STANDARD_PHRASES, decision_phrases
from tests.builders import SECRETARY, full_meeting

SECRETARY_ROLES = ("secretary", "chair")
APPROVED = "Referatet er godkendt og kan ikke ændres; tilføj en rettelse med en begrundelse."


def test_a_draft_can_be_prepared_and_published_but_not_ended_or_signed(
    minutes: Minutes,
) -> None:
    mid = minutes.schedule(SECRETARY, "Økonomiudvalget", date(2026, 9, 2))
    state = minutes.get(mid).state
    why = {a: unavailable(a, state, SECRETARY_ROLES, SECRETARY) for a in ACTIONS}
    assert why["add_item"] is None
    assert why["publish"] == "Dagsordenen har ingen punkter."
    assert why["withdraw_item"] == "Dagsordenen har ingen punkter."
    assert why["start"] is not None and why["start"].startswith("Dagsordenen er ikke udsendt")
    assert why["end"] == why["live"] == "Mødet er ikke i gang."
    assert why["approve"] == "Referatet kan først underskrives, når mødet er afsluttet."
    assert why["correction"] == (
        "Rettelser tilføjes først, når referatet er godkendt; ret teksten direkte."
    )
    minutes.add_item(mid, SECRETARY, "Punkt")
    assert unavailable("publish", minutes.get(mid).state, SECRETARY_ROLES, SECRETARY) is None


def test_roles_decide_who_may_change_end_and_sign(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    state = minutes.get(mid).state  # ended, not yet signed
    assert unavailable("add_item", state, (), "Bo Lind") == (
        "Kun sekretærer i Økonomiudvalget kan ændre dagsorden og referat; Bo Lind er ikke sekretær."
    )
    assert unavailable("roles", state, (), "Bo Lind") is not None
    # A present member signs for themselves; someone else only as chair or secretary.
    assert unavailable("approve", state, (), "Anne Holm") is None
    assert "givet på papir" in (unavailable("approve", state, (), "Ole Gæst") or "")
    assert unavailable("approve", state, ("secretary",), SECRETARY) is None


def test_approved_minutes_take_corrections_only(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    minutes.change(mid, lambda m: m.approve(SECRETARY, "Anne Holm"))
    state = minutes.get(mid).state
    for action in ("add_item", "edit_item", "votes", "publish", "start", "end", "details"):
        assert unavailable(action, state, SECRETARY_ROLES, SECRETARY) == APPROVED
    assert unavailable("correction", state, SECRETARY_ROLES, SECRETARY) is None
    assert unavailable("correction", state, (), "Bo Lind") is not None
    assert unavailable("export", state, (), "Bo Lind") is None  # not a rule of the minutes


def test_a_reason_follows_a_colon_in_lower_case() -> None:
    assert clause(APPROVED) == (
        "referatet er godkendt og kan ikke ændres; tilføj en rettelse med en begrundelse"
    )


def test_the_ready_phrases_are_data() -> None:
    assert decision_phrases("Økonomiudvalget") == STANDARD_PHRASES
    assert STANDARD_PHRASES[:2] == ("Godkendt.", "Taget til efterretning.")
