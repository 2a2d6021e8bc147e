"""Events altered behind the program's back are not printed or published (issue 21): an
export and the site check the meeting's events against the hash chain first, on both
stores, with the alterations of the tamper matrix (tests/tamper/). Before, an edited
but decodable event, or a forged but readable snapshot, was exported and published with
exit 0."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from projections.store.checkpoints import CHECKPOINTS_VAR
from tests.conftest import PG_SERVER
from tests.tamper.alterations import (
    delete_event,
    edit_event,
    insert_event,
    rewrite_and_rechain,
    snapshot_forged,
)
from tests.tamper.commands import run
from tests.tamper.store import Store, build, drop_schema, environment

KINDS = ("sqlite", "postgres")


def _store(kind: str, folder: Path, keyed: bool = True) -> Store:
    if kind == "postgres":
        where = f"{PG_SERVER}?schema=t_sealed_{uuid.uuid4().hex[:12]}"
        return build(where, folder / "checkpoints.txt", kind, keyed=keyed)
    return build(str(folder / "events.db"), folder / "checkpoints.txt", kind, keyed=keyed)


def _refusals(store: Store, folder: Path) -> tuple[list[str], list[str]]:
    """What `export` and `site` said (exit code, first line) on the store as it is, with
    no checkpoint file at hand (with one, opening the store already compares the chain's
    head with the newest checkpoint)."""
    with environment({**store.env, CHECKPOINTS_VAR: str(folder / "no-checkpoints.txt")}):
        export = run(["--db", store.where, "export", store.meeting, "-o", str(folder / "r.txt")])
        site = run(["--db", store.where, "site", str(folder / "site")])
    return [str(export.code), export.line], [str(site.code), site.line]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("alter", "what"),
    [
        (edit_event, "passer ikke med hashkæden"),
        (delete_event, "mangler"),
        (insert_event, "kan ikke læses"),  # an event in the meeting's order: no replay
        (rewrite_and_rechain, "passer ikke med kædens led"),  # keyed: cannot be recomputed
    ],
    ids=["edited", "deleted", "inserted", "rechained-without-the-key"],
)
def test_an_altered_meeting_is_neither_exported_nor_published(
    kind: str,
    alter: Callable[[Store], None],
    what: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if kind == "postgres" and not request.getfixturevalue("pg_available"):
        pytest.skip(f"no PostgreSQL at {PG_SERVER}")
    store = _store(kind, tmp_path)
    try:
        export, site = _refusals(store, tmp_path)
        assert export[0] == site[0] == "0"  # as stored: printed and published
        alter(store)
        export, site = _refusals(store, tmp_path / "after")
        for code, line in (export, site):
            assert code == "2", line
            assert line.startswith("chefforum: fejl: ")
            assert what in line and "chefforum verify" in line
        assert not (tmp_path / "after" / "r.txt").exists()
    finally:
        if kind == "postgres":
            drop_schema(PG_SERVER, store.where)


@pytest.mark.parametrize("kind", KINDS)
def test_a_forged_snapshot_is_refused_by_export_and_ignored_by_the_site(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A snapshot is no part of the chain: an export, which loads the meeting from its
    snapshot, replays it against the sealed events first and refuses it; the site makes
    its pages from the sealed events alone, so the forged room is never published."""
    if kind == "postgres" and not request.getfixturevalue("pg_available"):
        pytest.skip(f"no PostgreSQL at {PG_SERVER}")
    store = _store(kind, tmp_path)
    try:
        snapshot_forged(store)
        export, site = _refusals(store, tmp_path)
        assert export[0] == "2" and "snapshot ved hændelse" in export[1]
        assert site[0] == "0", site
        pages = "".join(p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html"))
        assert "Udvalgsværelse 2" in pages and "Kælderen" not in pages
    finally:
        if kind == "postgres":
            drop_schema(PG_SERVER, store.where)


def test_a_store_without_a_chain_key_rechained_is_not_printed(tmp_path: Path) -> None:
    """Without a key anyone who can write the store can recompute the chain, and the
    chain alone cannot show it. Here the snapshot taken before the change does (it is
    replayed against the events), and the checkpoint kept outside the store does too."""
    store = _store("sqlite", tmp_path, keyed=False)
    rewrite_and_rechain(store)
    export, _ = _refusals(store, tmp_path)
    assert export[0] == "2" and "snapshot ved hændelse" in export[1]
    with environment(store.env):  # the checkpoint file beside it, as a user runs it
        refused = run(["--db", store.where, "export", store.meeting])
        checked = run(["--db", store.where, "verify", "--checkpoint", str(store.checkpoints)])
    assert refused.code == 2 and "kør 'chefforum verify'" in refused.line
    assert checked.code == 1 and checked.line.startswith("chefforum: FEJL")
