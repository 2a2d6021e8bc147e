"""Fixtures of the TUI lane: stores holding a meeting at each step of its life, built
through the use cases (fast), for the screens and forms to be driven from the keyboard."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from domain.forum.template import new_meeting
from domain.meeting.state import Vote
from projections.demo import load_demo
from projections.documents.referat import digest
from tests.tui.tui_pilot import ACTOR, BUDGET, FORUM, only_meeting, opened


@pytest.fixture(autouse=True)
def no_user_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The keys are the defaults unless a test writes a keys.toml itself."""
    monkeypatch.delenv("CHEFFORUM_KEYS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db(tmp_path: Path) -> str:
    """An empty store (an SQLite file)."""
    return str(tmp_path / "events.db")


@pytest.fixture
def demo_db(db: str) -> str:
    with opened(db) as minutes:
        load_demo(minutes, ACTOR)
    return db


@pytest.fixture
def scheduled(db: str) -> str:
    """Økonomiudvalget on 2026-09-02 at 16:00, scheduled by the secretary Karen Dahl: a
    new forum, so the meeting holds only the standing items."""
    with opened(db) as minutes:
        new_meeting(minutes, ACTOR, FORUM, date(2026, 9, 2), time(16), "Byrådssalen")
    return db


@pytest.fixture
def committee(scheduled: str) -> str:
    """The meeting prepared: three members (Anne Holm chairs) and three items of business
    between the standing items, the last one closed."""
    with opened(scheduled) as minutes:
        mid = only_meeting(minutes)
        for name, role in (
            ("Anne Holm", "chair"),
            ("Bo Lind", "member"),
            ("Cecilie Ravn", "member"),
        ):
            minutes.add_participant(mid, ACTOR, name, title="Medlem af udvalget", role=role)
        for position, (title, case) in enumerate(
            (
                (BUDGET, "00.30.00-S00-2-26"),
                ("Vejbelysning", "05.01.08-G01-4-26"),
                ("Personalesag", None),
            ),
            start=1,
        ):
            minutes.add_item(
                mid,
                ACTOR,
                title,
                position=position,
                case_number=case,
                duration_minutes=20,
                closed=title == "Personalesag",
            )
    return scheduled


@pytest.fixture
def started(committee: str) -> str:
    """The committee's meeting under way; Karen chairs the forum too (to end and sign)."""
    with opened(committee) as minutes:
        mid = only_meeting(minutes)
        minutes.change_roles(ACTOR, FORUM, ACTOR, "chair", grant=True)
        minutes.publish_agenda(mid, ACTOR)
        minutes.start_meeting(mid, ACTOR)
    return committee


@pytest.fixture
def ended(started: str) -> str:
    """Budgetopfølgning decided (2 for, 1 against, a remark, one member inhabil); ended."""
    with opened(started) as minutes:
        mid = only_meeting(minutes)
        minutes.record_decision(mid, ACTOR, "2", "Indstillingen blev godkendt.")
        minutes.record_votes(
            mid,
            ACTOR,
            "2",
            [
                Vote(option="for", count=2, who=("Anne Holm", "Cecilie Ravn")),
                Vote(option="against", count=1, who=("Bo Lind",)),
            ],
        )
        remark = "Bo Lind ønsker sin afvigende mening ført til protokols."
        minutes.add_statement(mid, ACTOR, "2", "Bo Lind", remark)
        minutes.record_item_absence(mid, ACTOR, "2", "Anne Holm", "inhabil")
        minutes.end_meeting(mid, ACTOR)
    return started


@pytest.fixture
def approved(ended: str) -> str:
    """Signed by the chair, then corrected."""
    with opened(ended) as minutes:
        mid = only_meeting(minutes)
        minutes.sign_minutes(mid, ACTOR, "Anne Holm", digest, "Med forbehold for punkt 2")
        minutes.add_correction(mid, ACTOR, reason="Forkert stemmetal", text="Der var 3 for.")
    return ended
