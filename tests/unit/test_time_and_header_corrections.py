"""Meeting times are in the forum's zone whatever the machine's clock zone, and an approved
meeting's header is corrected by a correction that says what was wrong, never an edit."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from domain.application import Minutes
from domain.clock import clock_time, now_in, typed_date
from domain.errors import InvalidInput, RuleViolation
from tests.builders import SECRETARY, full_meeting


@pytest.mark.parametrize(
    ("utc", "copenhagen"),
    [
        (datetime(2026, 11, 26, 20, 41, 30, tzinfo=UTC), time(21, 41)),  # winter: UTC+1
        (datetime(2026, 6, 17, 7, 0, tzinfo=UTC), time(9, 0)),  # summer: UTC+2
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), time(3, 30)),  # just after the switch
    ],
)
def test_the_clock_reads_copenhagen_time_not_the_machines(
    utc: datetime, copenhagen: time, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # the machine's zone must not matter
    assert clock_time(clock=lambda: utc) == copenhagen
    assert now_in("Atlantic/Reykjavik", clock=lambda: utc).utcoffset() == utc.utcoffset()


def test_a_header_correction_says_what_was_wrong_and_leaves_the_header(
    minutes: Minutes,
) -> None:
    mid, _ = full_meeting(minutes)
    minutes.change(mid, lambda m: m.approve(SECRETARY, "Anne Holm"))
    minutes.correct_header(
        mid,
        SECRETARY,
        reason="Uret i salen gik forkert",
        end=time(18, 10),
        place="Byrådssalen",
        attendance={"Bo Lind": "absent"},
    )
    state = minutes.get(mid).state
    assert (state.end, state.place) == (time(17, 40), "Udvalgsværelse 2")  # as approved
    correction = state.corrections[-1]
    assert (correction.item_id, correction.reason, correction.by) == (
        None,
        "Uret i salen gik forkert",
        SECRETARY,
    )
    assert correction.text.splitlines() == [
        "Mødets afslutning rettes fra kl. 17:40 til kl. 18:10.",
        "Mødestedet rettes fra Udvalgsværelse 2 til Byrådssalen.",
        "Fremmøde for Bo Lind rettes fra afbud til fraværende.",
    ]


def test_a_header_correction_that_changes_nothing_or_comes_too_early_is_refused(
    minutes: Minutes,
) -> None:
    mid, _ = full_meeting(minutes)
    with pytest.raises(RuleViolation, match="først, når referatet er godkendt"):
        minutes.correct_header(mid, SECRETARY, reason="Fejl", end=time(18))
    minutes.change(mid, lambda m: m.approve(SECRETARY, "Anne Holm"))
    version = minutes.get(mid).version
    for wrong, message in [
        ({"end": time(17, 40)}, "ændrer intet"),
        ({"end": time(15)}, "kan ikke slutte"),
        ({"attendance": {"Ukendt": "absent"}}, "findes ikke"),
        ({"attendance": {"Bo Lind": "syg"}}, "Ukendt fremmøde"),
    ]:
        with pytest.raises(RuleViolation, match=message):
            minutes.correct_header(mid, SECRETARY, reason="Fejl", **wrong)  # type: ignore[arg-type]
    assert minutes.get(mid).version == version


def test_a_typed_date_is_read_or_refused_in_danish() -> None:
    assert typed_date(" 2026-05-20 ") == date(2026, 5, 20)
    assert typed_date("") is None
    with pytest.raises(InvalidInput, match="'20-05-2026' er ikke en dato som 2026-05-20"):
        typed_date("20-05-2026")
