"""Issue 12 through the command line, on both stores: what the adversarial pass found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chefforum_tui.cli import main
from domain.application import Minutes
from domain.meeting.events.items import ItemRetitled
from projections.documents import interchange as ix
from projections.documents.referat import document
from tests.paths import DEMO

A = "Karen Dahl"
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


def cli(store: str, *args: str, actor: str = A) -> int:
    return main(["--db", store, "--actor", actor, *args])


def out_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    store, *rest = args
    code = cli(store, *rest)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_item_closed_later_is_hidden_in_a_public_export_at_an_earlier_position(
    minutes: Minutes, store: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert cli(store, "new", "Udvalget", "2026-05-20") == 0
    ref = "Udvalget/2026-05-20"
    assert cli(store, "add-item", ref, "Budget") == 0
    assert cli(store, "add-item", ref, "Salg af grund") == 0
    mid = minutes.resolve(ref)
    item = minutes.item_id(mid, "2")
    minutes.write_section(mid, A, item, "Sagsfremstilling", "Køber: Hemmelig A/S.")
    assert cli(store, "publish", ref) == 0
    assert cli(store, "start", ref) == 0
    assert cli(store, "decide", ref, "2", "Solgt til Hemmelig A/S.") == 0
    open_at = minutes.get(mid).version
    minutes.change_item_fields(mid, A, item, closed=True)  # closed later
    capsysbinary.readouterr()
    for position in range(1, open_at + 1):
        for fmt in ("markdown", "json", "text", "html"):
            assert (
                cli(store, "export", ref, "--public", "--at", str(position), "--format", fmt) == 0
            )
            shown = capsysbinary.readouterr().out.decode()
            assert "Hemmelig" not in shown, (position, fmt)
    assert cli(store, "export", ref, "--at", str(open_at), "--format", "json") == 0
    assert "Hemmelig" in capsysbinary.readouterr().out.decode()  # the internal view has it


def test_a_nul_in_an_import_is_refused_and_the_store_keeps_working(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(DEMO.read_bytes())
    data["meeting"]["items"][0]["title"] = "A\u0000B"
    path = tmp_path / "nul.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    markdown = tmp_path / "nul.md"
    markdown.write_text("# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\x00B\n", encoding="utf-8")
    for file in (path, markdown):
        code, _out, err = out_of(capsys, store, "import", str(file))
        assert code == 2 and "styretegn (U+0000)" in err and len(err.splitlines()) == 1
    for command in (["meetings"], ["search", "budget"], ["rebuild"], ["verify"]):
        assert cli(store, *command) == 0, command


def test_control_characters_stored_before_the_gate_never_reach_the_terminal(
    minutes: Minutes, store: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert cli(store, "demo") == 0
    mid = minutes.meeting_ids()[0]
    item = minutes.item_id(mid, "2")
    # Written as an older version would have, past today's gate.
    minutes.change(
        mid,
        lambda m: m.trigger_event(
            ItemRetitled, actor=A, item_id=item, title="Budget\x1b[2J\x07\x9b31m\r\x08\x7f"
        ),
    )
    capsysbinary.readouterr()
    for command in (
        ["meetings"],
        ["meetings", "--json"],
        ["log", "Chefforum/2026-06-17"],
        ["log", "Chefforum/2026-06-17", "--json"],
        ["export", "Chefforum/2026-06-17", "--format", "markdown"],
        ["export", "Chefforum/2026-06-17", "--format", "text"],
        ["export", "Chefforum/2026-06-17", "--format", "json"],
        ["export", "Chefforum/2026-06-17", "--format", "html"],
        ["search", "budget"],
        ["diff", "Chefforum/2026-06-17", "1"],
    ):
        assert cli(store, *command) == 0, command
        captured = capsysbinary.readouterr()
        shown = captured.out.decode().replace("\x0c", "") + captured.err.decode()
        assert not RAW_CONTROL.search(shown), (command, shown)
    assert cli(store, "export", "Chefforum/2026-06-17", "--format", "json") == 0
    exported = ix.decode(capsysbinary.readouterr().out)  # escaped, the same data
    assert exported.meeting.items[1].title.startswith("Budget\x1b[2J")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("start", "Udvalget/2026-05-20"), 1, "Dagsordenen er ikke udsendt; udsend den først"),
        (("decide", "Udvalget/2026-05-20", "1", "x"), 1, "når mødet er begyndt"),
        (("log", "Udvalget/2026-05-20", "--since", ""), 2, "--since: må ikke være tom"),
        (("log", "Udvalget/2026-05-20", "--until", " "), 2, "--until: må ikke være tom"),
        (("export", "Udvalget/2026-05-20", "--at", "²"), 2, "ikke en position"),
        (("export", "Udvalget/2026-05-20", "--at", "9" * 5000), 2, "ikke en position"),
        (("new", "Nyt", "2026-01-01", "--first-number", "1" + "0" * 30), 2, "punktnummer"),
        (("add-item", "Udvalget/2026-05-20", "X", "--minutes", "1" + "0" * 30), 2, "minutter"),
        (
            ("add-item", "Udvalget/2026-05-20", "A\x1bB"),
            2,
            "Punktets titel indeholder et styretegn",
        ),
        (("add-item", "Udvalget/2026-05-20", "A\udcffB"), 2, "ikke gyldig UTF-8"),
        (("new", "Udva\u200blget", "2026-01-01"), 1, "ligner forummet 'Udvalget', som findes"),
        (("new", "Udvаlget", "2026-01-01"), 1, "ligner forummet 'Udvalget', som findes"),
        (
            ("correct", "Udvalget/2026-05-20", "--reason", "r", "--text", "t", "--item", ""),
            2,
            "tom",
        ),
        (("--actor", "", "meetings"), 2, "--actor: må ikke være tom"),
    ],
)
def test_rules_and_bounds_from_the_command_line(
    store: str,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    assert cli(store, "new", "Udvalget", "2026-05-20") == 0
    assert cli(store, "add-item", "Udvalget/2026-05-20", "Budget") == 0
    capsys.readouterr()
    done, _out, err = out_of(capsys, store, *args)
    assert done == code, err
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_an_imported_file_with_cr_lf_says_its_line_breaks_were_read_as_lf(
    minutes: Minutes, store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "referat.md"
    path.write_bytes(
        b"# REFERAT Nyt d. 01-02-2026\r\n\r\n## Punkt 1: A\r\n\r\n### Sagsfremstilling\r\n\r\n"
        b"Linje et\r\nlinje to\r\n"
    )
    code, out, _err = out_of(capsys, store, "import", str(path))
    assert code == 0 and "CR LF eller CR er læst som LF" in out
    state = minutes.get(minutes.meeting_ids()[0]).state
    assert state.items[0].sections[0].text == "Linje et\nlinje to"
    doc = document(state)
    doc.meeting.items[0].sections[0].text = "Linje et\r\nlinje to"
    path = tmp_path / "referat.json"
    path.write_bytes(ix.encode(doc))
    code, out, _err = out_of(capsys, store, "import", str(path))
    assert code == 0 and "læst som LF" in out and "intet nyt" in out
