"""Two guards of the command line (issue 21): `export -o` does not write over the
store's own files, and a `decide` that meets another's decision saved meanwhile is
refused with the other's text instead of silently replacing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from chefforum_tui.cli import main
from chefforum_tui.cli.meetings import decide
from domain.application import Minutes
from domain.errors import Conflict
from projections.store.checkpoints import default_path
from projections.store.connect import open_minutes
from tests.builders import decision_text

A = "Karen Dahl"


def cli(store: str, *args: str) -> int:
    return main(["--db", store, "--actor", A, *args])


@pytest.fixture
def held(minutes: Minutes, store: str) -> str:
    """A meeting with one item, published and started: decisions may be written."""
    assert cli(store, "new", "Udvalget", "2026-05-20") == 0
    ref = "Udvalget/2026-05-20"
    for args in (("add-item", ref, "Budget"), ("publish", ref), ("start", ref, "--at", "16:00")):
        assert cli(store, *args) == 0
    return ref


def test_export_does_not_write_over_the_stores_own_files(
    minutes: Minutes, store: str, held: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = [str(default_path(store))]  # the checkpoint file (PostgreSQL: the state folder's)
    if not store.startswith("postgresql://"):
        (tmp_path / "link.db").symlink_to(store)
        own += [
            store,
            store + "-wal",
            f"{Path(store).parent}/./events.db",
            str(tmp_path / "link.db"),
        ]
    events = minutes.recorder.max_notification_id()
    for target in own:
        assert cli(store, "export", held, "-o", target) == 2, target
        assert "lagerets egne filer" in capsys.readouterr().err
    assert minutes.recorder.max_notification_id() == events
    assert cli(store, "verify") == 0
    assert cli(store, "export", held, "-o", str(tmp_path / "referat.txt")) == 0


def test_a_decision_saved_meanwhile_is_not_silently_replaced(
    minutes: Minutes, store: str, held: str
) -> None:
    other = open_minutes(store)
    try:
        mid = minutes.resolve(held)
        base = ""  # what this `decide` read when it began: no decision yet
        other.record_decision(mid, A, "1", "Godkendt som indstillet.")  # saved meanwhile
        with pytest.raises(Conflict, match=r"«Godkendt som indstillet\.»"):
            decide(minutes, mid, A, "1", "Forkastet.", base)
        assert decision_text(other.get(mid).item_by_number("1")) == "Godkendt som indstillet."
        # Read anew, the change is one after the other's: it is stored.
        decide(minutes, mid, A, "1", "Forkastet.", "Godkendt som indstillet.")
        assert decision_text(other.get(mid).item_by_number("1")) == "Forkastet."
    finally:
        other.close()
