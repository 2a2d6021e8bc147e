"""Round trips: the seed through import and Markdown export, JSON export -> import ->
export byte for byte (fixtures and generated meetings), and refused files that leave
the store as it was."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from chefforum_tui.cli import main
from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.parse.markdown import decode as decode_markdown
from projections.documents.referat import document
from projections.documents.render import markdown
from projections.documents.render.phrases import DRAFT_MARK
from projections.importing.document import import_document
from projections.store.connect import open_minutes
from tests.builders import full_meeting
from tests.documents import documents
from tests.paths import DEMO
from tests.unit.test_markdown_import import SEED_PARAMS


def cli(store: str, *args: str) -> int:
    return main(["--db", store, "--actor", "Test", *args])


def export_json(app: Minutes, meeting_id: object) -> bytes:
    return ix.encode(document(app.get(meeting_id).state))  # type: ignore[arg-type]


# -- the seed -------------------------------------------------------------------------------


def blocks(text: str) -> list[str]:
    """The seed's content, block by block: headings, paragraphs and list items in order,
    with whitespace, emphasis markers, heading levels and the contents' page numbers aside."""
    out: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        plain: list[str] = []
        for line in (line.strip() for line in paragraph.split("\n")):
            line = re.sub(r"^#{1,6}\s+", "", line)
            line = re.sub(r"\*+", "", line)
            contents = re.search(r"\.{3,}\t\d+$", line)
            line = line[: contents.start()] if contents else line  # the title stays
            if contents or re.match(r"^(\d+\.|-)\s", line):
                out.extend([" ".join(plain)] if plain else [])
                plain = []
                out.append(" ".join(line.split()))
            else:
                plain.append(" ".join(line.split()))
        out.extend([" ".join(plain)] if plain else [])
    # An empty Bilag heading names no attachment, so nothing of it is imported or exported
    # again: it is the one heading that cannot survive, and is set aside here on purpose.
    return [
        b
        for i, b in enumerate(out)
        if not (b == "Bilag" and (i + 1 == len(out) or out[i + 1].startswith("Punkt ")))
    ]


def contents_titles(text: str) -> list[str]:
    return re.findall(r"^(.*?)\.{3,}\t\d+$", text, re.MULTILINE)


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_the_seed_comes_back_from_markdown_export_block_for_block(
    seed: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    db = str(tmp_path / "events.db")
    assert cli(db, "import", str(seed)) == 0
    original = seed.read_text(encoding="utf-8")
    title = re.search(r"^# (?:\*\*)?REFERAT (.+) d\. (\d\d)-(\d\d)-(\d{4})", original, re.M)
    assert title is not None
    ref = f"{title.group(1)}/{title.group(4)}-{title.group(3)}-{title.group(2)}"
    capsysbinary.readouterr()
    assert cli(db, "export", ref, "--format", "markdown") == 0
    exported = capsysbinary.readouterr().out.decode("utf-8")
    # The seed carries no signatures, so its export is a draft and says so under the title.
    title_block, *rest = blocks(original)
    assert blocks(exported) == [title_block, DRAFT_MARK, *rest]
    assert contents_titles(exported) == contents_titles(original)


# -- JSON byte for byte ---------------------------------------------------------------------


def test_demo_json_exports_imports_and_exports_the_same_bytes(
    minutes: Minutes, tmp_path: Path
) -> None:
    meeting_id, _ = import_document(minutes, ix.decode(DEMO.read_bytes()), "Test")
    first = export_json(minutes, meeting_id)
    assert import_document(minutes, ix.decode(first), "Test")[1] == 0
    assert export_json(minutes, meeting_id) == first
    other = open_minutes(str(tmp_path / "other.db"))
    try:
        again_id, _ = import_document(other, ix.decode(first), "Test")
        assert export_json(other, again_id) == first
    finally:
        other.close()


def test_a_meeting_with_every_kind_of_event_survives_json(minutes: Minutes, tmp_path: Path) -> None:
    meeting_id, ids = full_meeting(minutes)
    at = datetime(2026, 9, 9, 8, 30, tzinfo=UTC)
    minutes.change(meeting_id, lambda m: m.approve("Karen Dahl", "Anne Holm", "Med forbehold", at))
    minutes.change(
        meeting_id,
        lambda m: m.add_correction(
            "Karen Dahl", reason="Fejl i beløb", text="Beløbet er 2 mio. kr.", item_id=ids["budget"]
        ),
    )
    first = export_json(minutes, meeting_id)
    other = open_minutes(str(tmp_path / "other.db"))
    try:
        again_id, recorded = import_document(other, ix.decode(first), "Test")
        assert recorded > 0
        assert export_json(other, again_id) == first
    finally:
        other.close()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(doc=documents())
def test_generated_meetings_survive_json_byte_for_byte(doc: ix.Document) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first_store = open_minutes(str(Path(folder) / "a.db"))
        second_store = open_minutes(str(Path(folder) / "b.db"))
        try:
            meeting_id, _ = import_document(first_store, doc, "Test")
            first = export_json(first_store, meeting_id)
            # The generated document is already what the store exports.
            assert first == ix.encode(doc)
            again_id, _ = import_document(second_store, ix.decode(first), "Test")
            assert export_json(second_store, again_id) == first
            assert import_document(first_store, ix.decode(first), "Test")[1] == 0
        finally:
            first_store.close()
            second_store.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_generated_meetings_survive_markdown(doc: ix.Document) -> None:
    written = markdown.render(doc)
    back = decode_markdown(written)
    assert ix.encode(back) == ix.encode(doc)
    assert markdown.render(back) == written


# -- refused files ----------------------------------------------------------------------------


def _demo_json(change: object) -> bytes:
    data = json.loads(DEMO.read_bytes())
    change(data)  # type: ignore[operator]
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _approved_by_the_excused() -> bytes:
    text = markdown.render(ix.decode(DEMO.read_bytes()))
    return (
        text + "\n## **Godkendelse**\n\nGodkendt af Jørgen Østergaard d. 18. juni 2026 kl. 10:00\n"
    ).encode()


REFUSED = [
    pytest.param(
        "json",
        DEMO.read_bytes()[:700],
        r"linje \d+, kolonne \d+: filen slutter midt i JSON",
        2,
        id="truncated-json",
    ),
    pytest.param(
        "json",
        _demo_json(lambda d: d["meeting"].__setitem__("first_number", "ét")),
        r"meeting\.first_number: forventede heltal, fik tekst",
        2,
        id="wrong-type",
    ),
    pytest.param(
        "json",
        _demo_json(lambda d: d["meeting"]["items"][2].__setitem__("farve", "blå")),
        r"meeting\.items\[2\]: ukendt nøgle 'farve'",
        2,
        id="unknown-key",
    ),
    pytest.param(
        "md",
        "# Indkøbsliste\n\n- mælk\n- rugbrød\n".encode(),
        r"linje 1: ikke et referat",
        2,
        id="not-a-referat",
    ),
    pytest.param(
        "md",
        "# REFERAT Chefforum d. 17-06-2026\n\n**Mødested** Mødelokale 204\n".encode(),
        r"linje 3: ingen punkter",
        2,
        id="no-items",
    ),
    pytest.param(
        "md",
        _approved_by_the_excused(),
        r"linje \d+: Jørgen Østergaard var ikke til stede",
        1,  # a rule of the minutes, not bad input
        id="broken-rule",
    ),
    pytest.param(
        "json",
        _demo_json(lambda d: d["meeting"]["items"][0].__setitem__("title", "A\u0000B")),
        r"meeting\.items\[0\]\.title: Punktets titel indeholder et styretegn \(U\+0000\)",
        2,
        id="nul-in-title",
    ),
    pytest.param(
        "md",
        markdown.render(ix.decode(DEMO.read_bytes()))
        .replace("Punkt 1:", "Punkt 1: \x1b[2J")
        .encode(),
        r"linje \d+: Punktets titel indeholder et styretegn \(U\+001B\)",
        2,
        id="escape-in-markdown",
    ),
    pytest.param(
        "json",
        _demo_json(lambda d: d["meeting"].__setitem__("first_number", 10**30)),
        r"meeting\.first_number: forventede et heltal på højst 100000",
        2,
        id="huge-first-number",
    ),
    pytest.param(
        "json",
        _demo_json(
            lambda d: d["meeting"]["approvals"].append(
                {"by": "Søren Bøgh", "at": "2099-06-18T10:00:00+02:00"}
            )
        ),
        r"meeting\.approvals\[0\]: Underskriften er dateret i fremtiden",
        1,
        id="future-signature",
    ),
]


def _state(app: Minutes) -> tuple[int, list[tuple[object, int]]]:
    last = app.recorder.max_notification_id()
    assert last is not None
    return last, [(s.id, s.version) for s in app.summaries()]


@pytest.mark.parametrize(("suffix", "data", "message", "code"), REFUSED)
def test_a_refused_file_names_its_position_and_changes_nothing(
    suffix: str,
    data: bytes,
    message: str,
    code: int,
    minutes: Minutes,
    store: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import_document(minutes, ix.decode(DEMO.read_bytes()), "Test")
    before = _state(minutes)
    path = tmp_path / f"referat.{suffix}"
    path.write_bytes(data)
    assert cli(store, "import", str(path)) == code
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert re.search(message, err), err
    assert _state(minutes) == before


def test_a_refused_markdown_file_exits_2_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "liste.md"
    path.write_text("# Indkøbsliste\n\n- mælk\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "chefforum"), "import", str(path)],
        cwd=tmp_path,
        env=env | {"CHEFFORUM_ACTOR": "Test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "chefforum: fejl: linje 1: ikke et referat: forventede en titel som "
        "'# REFERAT Forum d. 20-05-2026' eller '# DAGSORDEN ...'"
    )
