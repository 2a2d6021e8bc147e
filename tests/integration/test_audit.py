"""The audit trail: who changed what, the referat at any position, and word diffs."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from domain.application import Minutes
from domain.meeting.events.meeting import MinutesApproved
from projections.documents.referat import digest
from projections.documents.render.export import render
from projections.readmodels.audit import entries
from projections.readmodels.audit_positions import position_at
from tests.builders import SECRETARY, full_meeting
from tests.integration.test_cli import run


def test_every_event_has_a_line_with_position_actor_and_text(minutes: Minutes) -> None:
    mid, ids = full_meeting(minutes)
    minutes.change_roles(SECRETARY, "Økonomiudvalget", "Marie Aasøe", "secretary", grant=True)
    minutes.change(mid, lambda m: m.record_decision("Marie Aasøe", ids["budget"], "Ændret."))
    log = entries(minutes.events.get(mid))
    assert [e.position for e in log] == list(range(1, len(log) + 1))
    last = log[-1]
    assert last.description == "Marie Aasøe skrev Beslutning i Punkt 160"
    assert (last.before, last.after) == ("Indstillingen blev godkendt.", "Ændret.")
    assert last.item_number == "160"
    assert log[0].description.startswith(f"{SECRETARY} oprettede mødet Økonomiudvalget")
    moved = next(e for e in log if e.kind == "ItemMoved")
    assert moved.description == f"{SECRETARY} flyttede Punkt 160"  # its number before the move
    assert all(e.at.tzinfo is not None for e in log)


def test_the_referat_as_it_stood_at_a_position_or_a_moment(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    log = entries(minutes.events.get(mid))
    decided = next(e for e in log if e.kind == "DecisionRecorded")
    before = render(minutes.get(mid, version=decided.position - 1).state, "markdown").decode()
    after = render(minutes.get(mid, version=decided.position).state, "markdown").decode()
    assert "Indstillingen blev godkendt." not in before
    assert "Indstillingen blev godkendt." in after
    assert position_at(minutes, mid, str(decided.position)) == decided.position
    moment = decided.at.isoformat()
    assert position_at(minutes, mid, moment) >= decided.position


def test_log_diff_export_at_and_verify_on_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "events.db")
    assert run("--db", db, "demo", cwd=tmp_path).returncode == 0
    ref = "Chefforum/2026-06-17"
    # Karen founded Chefforum (as its secretary); she makes herself chair and Søren secretary.
    granted = run("--db", db, "grant", "Chefforum", "Karen Dahl", "chair", cwd=tmp_path)
    assert granted.returncode == 0 and "Karen Dahl: sekretær, formand" in granted.stdout
    run("--db", db, "grant", "Chefforum", "Søren Bøgh", "secretary", cwd=tmp_path)
    run("--db", db, "approve", ref, "--by", "Helle Kjærgaard", cwd=tmp_path)
    run(
        "--db",
        db,
        "correct",
        ref,
        "--reason",
        "Forkert beløb",
        "--text",
        "Rettet beløb.",
        "--item",
        "2",
        cwd=tmp_path,
        actor="Søren Bøgh",
    )

    rows = json.loads(run("--db", db, "log", ref, "--json", cwd=tmp_path).stdout)
    assert rows[0]["position"] == 1
    assert rows[-1]["actor"] == "Søren Bøgh"
    assert rows[-1]["description"] == "Søren Bøgh tilføjede en rettelse til Punkt 2: Forkert beløb"
    only_soren = json.loads(
        run("--db", db, "log", ref, "--actor", "Søren Bøgh", "--json", cwd=tmp_path).stdout
    )
    assert [r["position"] for r in only_soren] == [rows[-1]["position"]]
    item2 = json.loads(run("--db", db, "log", ref, "--item", "2", "--json", cwd=tmp_path).stdout)
    assert item2 and all(r["item"] == "2" for r in item2)
    none = run("--db", db, "log", "--all", "--item", "99", cwd=tmp_path)
    assert none.returncode == 0 and "Ingen ændringer" in none.stdout  # no meeting has it
    assert run("--db", db, "log", ref, "--item", "99", cwd=tmp_path).returncode == 2
    everything = run("--db", db, "log", "--all", cwd=tmp_path)
    assert everything.returncode == 0 and "oprettede mødet" in everything.stdout
    since = json.loads(
        run("--db", db, "log", ref, "--since", "2999-01-01", "--json", cwd=tmp_path).stdout
    )
    assert since == []

    decision = next(r for r in rows if r["event"] == "DecisionRecorded")
    at = run(
        "--db",
        db,
        "export",
        ref,
        "--at",
        str(decision["position"] - 1),
        "--format",
        "markdown",
        cwd=tmp_path,
    )
    assert decision["after"] not in at.stdout
    at_json = json.loads(
        run(
            "--db",
            db,
            "export",
            ref,
            "--at",
            str(decision["position"]),
            "--format",
            "json",
            cwd=tmp_path,
        ).stdout
    )
    assert at_json["meeting"]["items"][0]["decision"]["text"] == decision["after"]

    changed = run("--db", db, "diff", ref, cwd=tmp_path)  # last approval .. now
    assert changed.returncode == 0
    assert "{+Rettet beløb.+}" in changed.stdout

    ok = run("--db", db, "verify", cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("OK")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "UPDATE stored_events SET state = CAST(replace(CAST(state AS TEXT), "
            "'Kjærgaard', 'Kjærsgaard') AS BLOB) WHERE rowid = 2"
        )
    bad = run("--db", db, "verify", cwd=tmp_path)
    assert bad.returncode == 1
    assert "hændelse nr. 2," in bad.stderr and "ændret" in bad.stderr
    assert "Traceback" not in bad.stderr

    for args, message in (
        (("log",), "enten et MØDE"),
        (("export", ref, "--at", "9999"), "positionerne"),
        (("export", ref, "--at", "i går"), "tidspunkt"),
        (("diff", ref, "1", "nu"), "tidspunkt"),
    ):
        done = run("--db", db, *args, cwd=tmp_path)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)


def test_sign_records_the_digest_of_what_was_signed(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    minutes.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    approval = list(minutes.events.get(mid))[-1]
    assert isinstance(approval, MinutesApproved)
    assert approval.digest is not None and len(approval.digest) == 64
    signed = minutes.get(mid, version=approval.originator_version - 1).state
    assert approval.digest == digest(signed)
