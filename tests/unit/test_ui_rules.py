"""What the terminal UI asks of the domain besides the commands (who may sign, editing a
participant in one save, ending now), and the user's key file read without the UI."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path

from chefforum_tui.keymap import ALL_TABLES, BY_ID, hint, keys_label, load_keys
from domain.application import Minutes
from domain.meeting.rules import signers
from tests.builders import SECRETARY, full_meeting

A = SECRETARY


def test_signers_are_the_present_members_who_have_not_signed(minutes: Minutes) -> None:
    mid, _ = full_meeting(minutes)
    state = minutes.get(mid).state
    # Bo Lind sent apologies; Dan Berg substitutes for him.
    assert [p.name for p in signers(state)] == ["Anne Holm", "Cecilie Ravn", "Dan Berg"]
    minutes.change(mid, lambda m: m.approve(A, "Anne Holm"))
    assert [p.name for p in signers(minutes.get(mid).state)] == ["Cecilie Ravn", "Dan Berg"]


def test_a_participant_is_edited_in_one_save(minutes: Minutes) -> None:
    mid = minutes.schedule(A, "Økonomiudvalget", date(2026, 9, 2))
    pid = minutes.add_participant(mid, A, "Bo Lind")
    version = minutes.get(mid).version
    minutes.edit_participant(
        mid, A, pid, name="Bo Lind", title="Medlem", party="V", role="chair", attendance="absent"
    )
    meeting = minutes.get(mid)
    assert meeting.version == version + 2  # changed and marked absent, saved together
    bo = meeting.participant(pid)
    assert (bo.title, bo.party, bo.role, bo.attendance) == ("Medlem", "V", "chair", "absent")


def test_ending_now_records_no_end_before_the_start(minutes: Minutes) -> None:
    early = minutes.schedule(A, "Økonomiudvalget", date(2026, 9, 2), start=time(16))
    late = minutes.schedule(A, "Økonomiudvalget", date(2026, 9, 3), start=time(9))
    for mid, day in ((early, 2), (late, 3)):
        minutes.add_item(mid, A, "Punkt")
        minutes.publish_agenda(mid, A)
        minutes.start_meeting(mid, A)
        # 10:30 in Copenhagen on the meeting's day.
        minutes.end_meeting_now(mid, A, partial(datetime, 2026, 9, day, 8, 30, tzinfo=UTC))
    assert minutes.get(early).state.end is None
    assert minutes.get(late).state.end == time(10, 30)


def test_a_key_file_remaps_by_id(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text('[keys]\n"meeting.add_item" = "ctrl+n"\n"app.help" = ["?", "f3"]\n')
    keymap, problems = load_keys(path)
    assert problems == []
    assert keymap == {"meeting.add_item": "ctrl+n", "app.help": "question_mark,f3"}
    assert hint("meeting.add_item", keymap) == "ctrl+n"
    assert keys_label("app.help", keymap) == "? / f3"
    assert hint("meeting.votes", keymap) == "v"  # the default where nothing is remapped


def test_a_bad_key_file_is_one_danish_line_each(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text('[keys\n"meeting.add_item" = "ctrl+n"\n')
    keymap, problems = load_keys(path)
    assert keymap == {} and len(problems) == 1 and "ikke gyldig TOML" in problems[0]

    path.write_text('[keys]\n"meeting.nope" = "ctrl+n"\n"meeting.votes" = "ctrl+banan!"\n')
    keymap, problems = load_keys(path)
    assert keymap == {}
    assert problems[0].startswith("Ukendt tast-id 'meeting.nope'")
    assert "ikke en tast" in problems[1]

    path.write_text('[keys]\n"meeting.add_item" = "v"\n')
    keymap, problems = load_keys(path)
    assert keymap == {"meeting.add_item": "v"}
    assert problems == [
        "Tasten v bruges både til 'Nyt punkt' (meeting.add_item) og 'Afstemning' "
        "(meeting.votes); kun den ene virker."
    ]

    assert load_keys(tmp_path / "none.toml") == ({}, [])
    _, problems = load_keys(tmp_path / "none.toml", must_exist=True)
    assert "findes ikke" in problems[0]


def test_every_key_has_a_unique_id() -> None:
    ids = [key.id for table in ALL_TABLES for key in table]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    assert all("." in binding_id for binding_id in ids)
