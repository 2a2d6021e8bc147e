"""A rebuild writes exactly the read-model rows that following the store change by change
wrote: the meeting list, every audit row (its stored form too: texts kept in full or as a
reference to an earlier row) and every searchable text, on both stores, from a store
holding every kind of meeting event."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from functools import partial
from typing import Any
from uuid import UUID

import pytest

from bench.synthetic import ordinary
from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from domain.meeting.state import ItemLink, Motion, Vote
from projections.documents.referat import digest
from projections.files.inspect import inspect
from projections.readmodels import runner
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting, meeting_events
from tests.integration.test_readmodel_schema import execute


def every_kind(minutes: Minutes) -> None:
    """Meetings whose events are of every kind, the read models caught up after each save
    (each change followed as it is made)."""
    read_models = ReadModels.of(minutes)
    change = minutes.change

    def followed(meeting_id: UUID, command: Any) -> Any:
        result = change(meeting_id, command)
        read_models.catch_up()
        return result

    minutes.change = followed  # type: ignore[method-assign]
    mid, ids = full_meeting(minutes)
    later = minutes.schedule(SECRETARY, "Økonomiudvalget", date(2026, 10, 7))
    read_models.catch_up()
    carried = minutes.change(later, lambda m: m.add_item(SECRETARY, "Skolestruktur, fortsat"))
    on_later = ItemLink(forum="Økonomiudvalget", date=date(2026, 10, 7), number="1")
    on_first = ItemLink(forum="Økonomiudvalget", date=date(2026, 9, 2), number="160")
    budget, skole = ids["budget"], ids["skole"]
    plan = inspect(b"Belysningsplan for Havnevej\n", "plan.txt")
    notes = inspect(b"Revideret belysningsplan\n", "plan.txt")
    commands = [
        (mid, lambda m: m.set_facts(SECRETARY, kind="ekstraordinært", remarks="Ekstra møde.")),
        (mid, lambda m: m.record_absence_reason(SECRETARY, ids["bo"], "ferie")),
        (mid, lambda m: m.postpone(SECRETARY, skole, "Mangler svar", on_later)),
        (later, lambda m: m.carry_in(SECRETARY, carried, on_first)),
        (
            mid,
            lambda m: m.record_motions(
                SECRETARY,
                budget,
                [Motion(text="Ændringsforslag fra V", by="V", result="forkastet", votes=())],
            ),
        ),
        (
            mid,
            lambda m: m.add_statement(
                SECRETARY, budget, "Bo Lind", "Jeg tager forbehold.", "protokolbemærkning", None
            ),
        ),
        (mid, lambda m: m.withdraw_remark(SECRETARY, budget, 1)),
        (mid, lambda m: m.place_section_after_decision(SECRETARY, budget, "Resumé", True)),
        (mid, lambda m: m.place_recommendation(SECRETARY, budget, 1)),
        (mid, lambda m: m.set_case_label(SECRETARY, "Sagsnr.")),
        (mid, lambda m: m.record_votes(SECRETARY, budget, [Vote(option="for", count=3, who=())])),
        (mid, lambda m: m.attach_file(SECRETARY, budget, "Plan", plan.facts)),
        (mid, lambda m: m.replace_file(SECRETARY, budget, "Plan", notes.facts)),
        # The members' mail and links (issue 24).
        (
            mid,
            lambda m: m.issue_link(
                SECRETARY, "Anne Holm", "t" * 43, ("read",), datetime.now(UTC), 14
            ),
        ),
        (mid, lambda m: m.record_mail(SECRETARY, "dagsorden", "Anne Holm", "a@example.dk", True)),
        (mid, lambda m: m.revoke_links(SECRETARY, "Anne Holm")),
        (mid, lambda m: m.approve(SECRETARY, "Anne Holm", digest=digest(m.state))),
        (
            mid,
            lambda m: m.add_file_by_correction(
                SECRETARY, budget, "Eftersendt", plan.facts, reason="Manglede"
            ),
        ),
        (
            mid,
            lambda m: m.add_correction(
                SECRETARY,
                reason="Stavefejl",
                text="Budgetopfølgningen",
                item_id=budget,
                at=datetime.now(UTC),
            ),
        ),
        (mid, lambda m: m.add_correction(SECRETARY, reason="Dato", text="Mødet sluttede 17.45")),
    ]
    with minutes.carrying(plan, notes):  # Bilag as files (issue 25)
        for meeting_id, command in commands:
            minutes.change(meeting_id, command)
    # Whole meetings saved at once: many events per save, split over batches.
    rng = random.Random(5)
    for n in range(3):
        minutes.save_meeting(ordinary(rng, n))
        read_models.catch_up()
    kinds = {e.TOPIC for m in minutes.meeting_ids() for e in meeting_events(minutes, m)}
    assert kinds == set(runner.MEETING_TOPICS), set(runner.MEETING_TOPICS) - kinds


def rows(store: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model row, in a stable order (the search index without its rowids)."""
    return {
        table: sorted(tuple(str(value) for value in row) for row in execute(store, query))
        for table, query in {
            "meetings": "SELECT * FROM rm_meetings",
            "audit": "SELECT * FROM rm_audit",
            "search": "SELECT meeting_id, item_number, item_title, field, public, text "
            "FROM rm_search",
        }.items()
    }


def test_a_rebuild_writes_the_rows_that_following_the_changes_wrote(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches: meetings cross batches, and a batch holds several meetings.
    monkeypatch.setattr(runner, "BATCH", 37)
    minutes = open_minutes(store)
    every_kind(minutes)
    followed = rows(store)
    assert len(followed["meetings"]) == 5
    assert len(followed["audit"]) == sum(
        len(list(minutes.events.get(m))) for m in minutes.meeting_ids()
    )
    assert any(row[8].startswith("\x1f@") for row in followed["audit"])  # references kept
    read_models = ReadModels.of(minutes)
    entries = read_models.audit()
    minutes.close()

    # In another process's place: a fresh open, a rebuild in batches of the default size.
    minutes = open_minutes(store)
    read_models = ReadModels.of(minutes)
    assert read_models.rebuild() == len(followed["audit"])
    assert rows(store) == followed
    assert read_models.audit() == entries
    # And once more in batches that cut meetings anywhere.
    monkeypatch.setattr(runner, "REBUILD_BATCH", 11)
    read_models.rebuild()
    assert rows(store) == followed
    minutes.close()


def test_meetings_loaded_from_the_store_are_described_as_those_cached(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following changes made to three meetings in turn, with room for one meeting in the
    cache: each batch loads the others from the store. Their audit trail reads as the one
    a rebuild (every meeting cached) writes."""
    minutes = open_minutes(store)
    ids = [minutes.schedule(SECRETARY, f"Udvalg {n}", date(2026, 3, 1 + n)) for n in range(3)]
    items = [minutes.change(m, lambda m: m.add_item(SECRETARY, "Budget")) for m in ids]
    for k in range(30):
        text = f"Udgave {k // 3} af sagsfremstillingen, som er længere end en kort tekst."
        minutes.change(
            ids[k % 3],
            partial(
                Meeting.write_section,
                actor=SECRETARY,
                item_id=items[k % 3],
                heading="Resumé",
                text=text,
            ),
        )
    minutes.close()
    monkeypatch.setattr(runner, "CACHE_SIZE", 1)
    monkeypatch.setattr(runner, "BATCH", 7)
    minutes = open_minutes(store)
    read_models = ReadModels.of(minutes)
    followed = read_models.audit()
    assert len(followed) == 3 * 2 + 30
    assert followed[-1].before is not None and followed[-1].before.startswith("Udgave 8 ")
    monkeypatch.setattr(runner, "CACHE_SIZE", 64)
    assert read_models.rebuild() == len(followed)
    assert read_models.audit() == followed
    minutes.close()


def test_a_rebuild_overtaken_by_another_catch_up_ends_with_the_same_rows(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one store object rebuilds, another (as another process would) catches up
    from the rebuild's first batch to the end: the rebuild's next batch finds the
    position moved (its write, in flight or not, is refused), and it stops there with
    every row written once."""
    minutes = open_minutes(store)
    rng = random.Random(9)
    for n in range(4):
        minutes.save_meeting(ordinary(rng, n))
    read_models = ReadModels.of(minutes)
    read_models.rebuild()
    whole, entries, end = rows(store), read_models.audit(), read_models.position()
    monkeypatch.setattr(runner, "REBUILD_BATCH", 100)
    other = open_minutes(store)
    overtaken: list[int] = []

    def reached(position: int) -> None:
        if not overtaken:
            overtaken.append(ReadModels.of(other).catch_up())

    read_models.rebuild(progress=reached)
    assert overtaken[0] > 0  # the other did catch up most of the events
    # The other loaded the meetings from the store: its lines hold texts in full, not as
    # references to earlier lines, and read the same.
    after = rows(store)
    assert after["meetings"] == whole["meetings"] and after["search"] == whole["search"]
    assert read_models.audit() == entries
    assert read_models.position() == end
    other.close()
    minutes.close()
