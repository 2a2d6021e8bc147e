"""Encryption at rest: with CHEFFORUM_CIPHER_KEY set, nothing of the minutes reaches the
disk in clear, and a store written with a key opens only with that key."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from datetime import date
from functools import partial
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from projections.readmodels.runner import ReadModels
from projections.store.cipher import CipherError, new_key
from projections.store.connect import open_minutes
from projections.tools.verify import verify
from tests.builders import SECRETARY, decision_text

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def _secret_meeting(app: Minutes, marker: str) -> tuple[UUID, UUID]:
    mid = app.schedule(SECRETARY, "Økonomiudvalget", date(2026, 9, 2), place="Byrådssalen")
    item = app.change(mid, lambda m: m.add_item(SECRETARY, f"Salg af grund {marker}", closed=True))
    app.change(
        mid, lambda m: m.write_section(SECRETARY, item, "Sagsfremstilling", f"Pris: {marker}.")
    )
    app.publish_agenda(mid, SECRETARY)
    app.start_meeting(mid, SECRETARY)
    for n in range(55):  # past the first snapshot (every 50 events)
        app.change(
            mid,
            partial(
                Meeting.record_decision, actor=SECRETARY, item_id=item, text=f"{marker} nr. {n}"
            ),
        )
    return mid, item


def _on_disk(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(f"{db.name}*"))


def test_closed_item_text_is_nowhere_on_disk_in_clear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", new_key())
    db = tmp_path / "events.db"
    marker = f"HEMMELIG-MARKØR-{uuid4().hex}"
    app = open_minutes(str(db))
    mid, item = _secret_meeting(app, marker)
    app.flush_snapshots()  # written after the saves, outside their wait
    assert app.snapshots is not None
    assert list(app.snapshots.get(mid))  # a snapshot was written, and is encrypted too
    # What users do that reads: the meeting list and search (read models) must not
    # leave the minutes in clear either.
    assert [s.forum for s in app.summaries()] == ["Økonomiudvalget"]
    assert ReadModels.of(app).search("grund", internal=True)
    needles = [marker, "HEMMELIG", "Salg af grund", "Pris:", "Økonomiudvalget", "Byrådssalen"]
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # not yet checkpointed: all in the WAL
    written = _on_disk(db)
    assert [n for n in needles if n.encode() in written] == []
    app.close()
    assert not wal.exists()  # closed: checkpointed into events.db
    written = _on_disk(db)
    assert [n for n in needles if n.encode() in written] == []

    app = open_minutes(str(db))  # with the key it reads as ever
    try:
        assert decision_text(app.get(mid).item(item)) == f"{marker} nr. 54"
        assert verify(app)[0] is None
    finally:
        app.close()


def test_a_store_opens_only_with_its_own_key(
    store: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key = new_key()
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", key)
    app = open_minutes(store)
    marker = f"HEMMELIG-MARKØR-{uuid4().hex}"
    app.schedule(SECRETARY, marker, date(2026, 9, 2))
    stored = app.recorder.select_notifications(start=None, limit=10)
    assert stored and all(marker.encode() not in n.state for n in stored)
    app.close()

    monkeypatch.delenv("CHEFFORUM_CIPHER_KEY")
    with pytest.raises(CipherError, match="er krypteret; sæt CHEFFORUM_CIPHER_KEY"):
        open_minutes(store)
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", new_key())
    with pytest.raises(CipherError, match="kan ikke dekrypteres"):
        open_minutes(store)
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", "ikke-en-nøgle")
    with pytest.raises(CipherError, match="ikke en gyldig nøgle"):
        open_minutes(store)
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", key)
    app = open_minutes(store)
    assert [s.forum for s in app.summaries()] == [marker]
    app.close()

    plain = str(tmp_path / "plain.db")  # and a key is refused for a store written without
    monkeypatch.delenv("CHEFFORUM_CIPHER_KEY")
    open_minutes(plain).close()
    app = open_minutes(plain)
    app.schedule(SECRETARY, "Åben", date(2026, 9, 2))
    app.close()
    monkeypatch.setenv("CHEFFORUM_CIPHER_KEY", key)
    with pytest.raises(CipherError, match="er ikke krypteret"):
        open_minutes(plain)


def _cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
    environment.update(CHEFFORUM_ACTOR="Karen Dahl", **env)
    return subprocess.run(
        [CHEFFORUM, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60
    )


def test_cli_keygen_and_a_missing_or_wrong_key(tmp_path: Path) -> None:
    made = _cli("keygen", cwd=tmp_path)
    assert made.returncode == 0
    key = made.stdout.strip()
    assert len(base64.b64decode(key, validate=True)) == 32
    assert "CHEFFORUM_CIPHER_KEY" in made.stderr
    assert not list(tmp_path.iterdir())  # made no store

    assert _cli("demo", cwd=tmp_path, CHEFFORUM_CIPHER_KEY=key).returncode == 0
    listed = _cli("meetings", cwd=tmp_path, CHEFFORUM_CIPHER_KEY=key)
    assert listed.returncode == 0 and "Chefforum" in listed.stdout

    for env, says in (({}, "er krypteret"), ({"CHEFFORUM_CIPHER_KEY": new_key()}, "dekrypteres")):
        refused = _cli("meetings", cwd=tmp_path, **env)
        assert refused.returncode == 2, refused
        assert refused.stdout == ""
        assert len(refused.stderr.splitlines()) == 1 and says in refused.stderr, refused.stderr
