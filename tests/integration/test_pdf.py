"""The PDF export, read back with pypdf as a reader's PDF viewer would show it: the
contents point at the pages the items start on, every page says "Side x af y", the public
version holds no closed content, user text never acts as Typst markup, Danish letters
survive, the agenda leaves out the record, and the signature page says who signed, when
and how."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject

from chefforum_tui.cli import main
from domain.application import Minutes
from projections.documents import interchange as ix
from projections.documents.render import pdf
from projections.importing.document import import_document
from tests.paths import DEMO
from tests.unit.test_export import MARKERS, closed_meeting, long_document
from tests.unit.test_markdown_import import SEED_PARAMS

REF = "Økonomiudvalget/2026-09-02"
# Typst syntax that would do something if the text were read as markup.
TRICKY = (
    '#panic("x")',
    "$x$",
    "*bold*",
    "<lbl>",
    "@ref",
    "\\",
    "]",
    "// not a comment",
    "_under_ `raw` = heading",
    "#set page(width: 1cm)",
    '#eval("1 + 1") ] [ #{',
)


def pages_of(data: bytes) -> list[str]:
    assert data.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def readable(pages: list[str]) -> str:
    """The whole text, with words hyphenated at a line end joined again."""
    return re.sub(r"[-\xad]\n", "", "\n".join(pages))


def export_pdf(store: str, ref: str, tmp_path: Path, *flags: str) -> list[str]:
    out = tmp_path / "referat.pdf"
    assert (
        main(
            [
                "--db",
                store,
                "--actor",
                "Test",
                "export",
                ref,
                "--format",
                "pdf",
                "-o",
                str(out),
                *flags,
            ]
        )
        == 0
    )
    return pages_of(out.read_bytes())


def contents(pages: list[str]) -> dict[str, int]:
    """Item number -> page, as the printed contents give it (titles may wrap, the
    contents may run over pages)."""
    first = min(item_starts(pages).values())
    toc = "\n".join(pages[: first - 1]).split("Indholdsfortegnelse\n", 1)[1]
    entries = re.findall(r"^(\d+)\. .+?(?: ?\.){3,} ?(\d+)$", toc, re.MULTILINE | re.DOTALL)
    return {number: int(page) for number, page in entries}


def item_starts(pages: list[str]) -> dict[str, int]:
    """Item number -> the page its heading "Punkt N: ..." is printed on."""
    starts: dict[str, int] = {}
    for page_number, page in enumerate(pages, start=1):
        for match in re.finditer(r"^Punkt (\d+): ", page, re.MULTILINE):
            starts.setdefault(match.group(1), page_number)
    return starts


def document(**meeting: object) -> ix.Document:
    data = json.loads(closed_meeting())
    data["meeting"].update(meeting)
    return ix.decode(json.dumps(data).encode())


def long_items(count: int) -> ix.Document:
    """Items of one to five pages; every fourth title wraps in the contents."""
    doc = long_document(count)
    items = [
        msgspec.structs.replace(
            item,
            sections=[
                msgspec.structs.replace(section, text="\n\n".join([section.text] * (n % 5 * 3)))
                for section in item.sections
            ],
        )
        if n % 5
        else item
        for n, item in enumerate(doc.meeting.items, start=1)
    ]
    return msgspec.structs.replace(doc, meeting=msgspec.structs.replace(doc.meeting, items=items))


def test_the_contents_give_the_page_each_item_starts_on() -> None:
    pages = pages_of(pdf.render(long_items(45)))
    printed = contents(pages)
    assert list(printed) == [str(n) for n in range(1, 46)]
    assert printed == item_starts(pages)
    # The title page, then the contents (here over two pages), then the items.
    assert "Indholdsfortegnelse" not in pages[0] and "Indholdsfortegnelse" in pages[1]
    assert printed["1"] == 4
    assert printed["45"] > 100  # items run over pages: the numbers are not 3, 4, 5...
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(f"Side {number} af {len(pages)}"), number


def test_the_public_pdf_shows_a_closed_item_by_its_title_only(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    import_document(minutes, ix.decode(closed_meeting()), "Test")
    internal = readable(export_pdf(store, REF, tmp_path))
    public = readable(export_pdf(store, REF, tmp_path, "--public"))
    assert [name for name, marker in MARKERS.items() if marker not in internal] == []
    assert [name for name, marker in MARKERS.items() if marker in public] == []
    assert "(777 min.)" in internal and "777" not in public
    assert "Punkt 2: Køb af ejendom på Åvej (Lukket punkt)" in public
    assert "Tilstandsrapporten er fra 2025." in public  # the open item's correction


def test_typst_syntax_in_user_text_is_printed_as_written(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    data = json.loads(closed_meeting())
    item = data["meeting"]["items"][0]
    data["meeting"]["items"] = [
        item | {"title": tricky, "decision": {"text": "\n".join(TRICKY), "votes": []}}
        for tricky in TRICKY
    ]
    data["meeting"]["corrections"] = []
    data["meeting"]["place"] = "Rådhuset #{ *"
    import_document(minutes, ix.decode(json.dumps(data).encode()), "Test")
    pages = export_pdf(store, REF, tmp_path)
    text = "\n".join(pages)
    for number, tricky in enumerate(TRICKY, start=1):
        assert f"\nPunkt {number}: {tricky}\n" in text, tricky
        assert f"\n{number}. {tricky} " in pages[1], tricky  # in the contents too
    assert "Rådhuset #{ *" in text
    decisions = text.count("\n".join(TRICKY))
    assert decisions == len(TRICKY)  # each decision line by line, as typed
    # The title page, the contents, a page per item, the signature page; A4 all through.
    assert len(pages) == 2 + len(TRICKY) + 1
    reader = PdfReader(tmp_path / "referat.pdf")
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {
        (595, 842)
    }


@pytest.mark.parametrize("seed", SEED_PARAMS)
def test_the_seed_lands_on_the_pages_its_printed_contents_give(
    seed: Path, sqlite_minutes: Minutes, tmp_path: Path
) -> None:
    """The seed imported and printed again: title page, contents, one page or more per
    item, so each item starts on the page the original's contents say."""
    db = str(tmp_path / "events.db")
    assert main(["--db", db, "--actor", "Test", "import", str(seed)]) == 0
    original = re.findall(r"^.+\.{3,}\t(\d+)$", seed.read_text(encoding="utf-8"), re.MULTILINE)
    assert original, "no contents in the seed"
    pages = export_pdf(db, "Chefforum/2026-05-20", tmp_path)
    printed = contents(pages)
    assert list(printed.values()) == [int(page) for page in original]
    assert printed == item_starts(pages)


def test_danish_letters_survive_and_are_composed() -> None:
    decomposed = "Ærø og Åbyhøj: a\u030a og o\u0308"  # NFC makes the first one "å"
    doc = document(
        forum="Økonomiudvalget",
        place="Rådhuset, mødelokale Æ",
        items=[
            msgspec.to_builtins(ix.Item(title="æøå ÆØÅ", decision=ix.Decision(text=decomposed)))
        ],
        approvals=[],
        corrections=[],
    )
    text = "\n".join(pages_of(pdf.render(doc)))
    assert "Punkt 1: æøå ÆØÅ" in text
    assert "REFERAT Økonomiudvalget d. 02-09-2026" in text
    assert "Rådhuset, mødelokale Æ" in text
    assert "Ærø og Åbyhøj: å og ö" in text
    assert "\u030a" not in text


def test_the_pdf_is_danish_accessible_and_hyphenates_long_words() -> None:
    syllables = "kom-mu-nal-be-sty-rel-ses-med-lem-mer-nes"  # Danish: one consonant moves on
    word = syllables.replace("-", "")
    danish = {syllables[:i].replace("-", "") for i, c in enumerate(syllables) if c == "-"}
    doc = document(
        items=[
            msgspec.to_builtins(ix.Item(title="Ord", decision=ix.Decision(text=f"{word} " * 60)))
        ],
        approvals=[],
        corrections=[],
    )
    data = pdf.render(doc)
    catalog = PdfReader(io.BytesIO(data)).root_object
    assert str(catalog["/Lang"]) == "da-DK"
    # Tagged and declared PDF/UA-1, its title shown by the viewer: readable aloud.
    marks, viewer = catalog["/MarkInfo"].get_object(), catalog["/ViewerPreferences"].get_object()
    assert isinstance(marks, DictionaryObject) and isinstance(viewer, DictionaryObject)
    assert marks["/Marked"] and viewer["/DisplayDocTitle"]
    metadata = catalog["/Metadata"].get_object()
    assert isinstance(metadata, StreamObject)
    assert b"<pdfuaid:part>1</pdfuaid:part>" in metadata.get_data()
    pages = pages_of(data)
    broken = re.findall(r"(\w+)[-\xad]\n(\w+)", "\n".join(pages))  # a hyphen, or a soft one
    assert broken, "no word was hyphenated"
    assert all(head + tail == word for head, tail in broken)
    assert {head for head, _ in broken} <= danish


def test_the_agenda_leaves_out_the_record_and_the_signature_page(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    import_document(minutes, ix.decode(closed_meeting()), "Test")
    referat = readable(export_pdf(store, REF, tmp_path))
    agenda_pages = export_pdf(store, REF, tmp_path, "--agenda")
    agenda = readable(agenda_pages)
    assert referat.startswith("REFERAT Økonomiudvalget") and agenda.startswith("DAGSORDEN")
    for words in ("\nIndstilling\n", "Punkt 1: Vedligehold af svømmehallen"):
        assert words in agenda and words in referat
    for words in ("\nBeslutning\n", "Ejendommen købes", "\nGodkendelse\n", "Rettet af"):
        assert words in referat and words not in agenda, words
    assert agenda_pages[-1].rstrip().endswith(f"Side {len(agenda_pages)} af {len(agenda_pages)}")


def test_the_signature_page_says_who_signed_when_and_how(
    minutes: Minutes, store: str, tmp_path: Path
) -> None:
    import_document(minutes, ix.decode(closed_meeting()), "Test")  # one signature on paper
    assert main(["--db", store, "--actor", "Bo Lind", "approve", REF, "--by", "Bo Lind",
                 "--reservation", "punkt 2 om prisen"]) == 0  # fmt: skip
    pages = export_pdf(store, REF, tmp_path)
    (signatures,) = [
        page for page in pages if page.startswith("REFERAT") and "\nGodkendelse\n" in page
    ]
    assert "Navn Godkendt Underskrift" in signatures
    # Stored in UTC, printed in Danish time (CEST): 10:00 on the 9th.
    assert "Anne Holm 9. september 2026 kl. 10:00 På papir, registreret af Test" in signatures
    assert re.search(r"Bo Lind \d+\. \w+ 20\d\d kl\. [\d:]+ Digitalt i chefforum", signatures)
    assert "Med forbehold: punkt 2 om prisen" in signatures
    assert re.search(r"Kontrolsum: \d+:[0-9a-f]+", signatures)
    assert pages.index(signatures) < len(pages) - 1  # the corrections come after it


def test_a_word_longer_than_a_line_wraps_instead_of_running_off_the_page() -> None:
    word = "x" * 300
    doc = document(
        items=[msgspec.to_builtins(ix.Item(title="Æ" * 120, decision=ix.Decision(text=word)))],
        approvals=[],
        corrections=[],
    )
    text = "\n".join(pages_of(pdf.render(doc))).replace("\u200b", "")
    lines = re.findall(r"^x+$", text, re.MULTILINE)
    assert "".join(lines) == word and len(lines) >= 3 and max(map(len, lines)) < 120
    assert len(re.findall(r"^(?:Punkt 1: )?Æ+$", text, re.MULTILINE)) >= 3  # the heading too


def test_the_same_referat_gives_the_same_bytes() -> None:
    """No clock in the file (document date none): a site can cache it by its content."""
    doc = ix.decode(DEMO.read_bytes())
    assert pdf.render(doc) == pdf.render(doc)
    assert pdf.render(doc) != pdf.render(doc, agenda=True)


def test_an_unapproved_referat_says_so_on_its_signature_page() -> None:
    pages = pages_of(pdf.render(document(approvals=[], corrections=[])))
    assert "Godkendelse\nReferatet er endnu ikke godkendt." in pages[-1]


def test_a_pdf_is_not_written_to_a_terminal_and_goes_to_a_pipe(
    sqlite_minutes: Minutes, tmp_path: Path
) -> None:
    import_document(sqlite_minutes, ix.decode(closed_meeting()), "Test")
    db = str(tmp_path / "events.db")
    command = [
        sys.executable,
        "-m",
        "chefforum_tui.cli",
        "--db",
        db,
        "export",
        REF,
        "--format",
        "pdf",
    ]
    piped = subprocess.run(command, capture_output=True, check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF-")
    assert "Punkt 1: Vedligehold af svømmehallen" in "\n".join(pages_of(piped.stdout))
    leader, follower = pty.openpty()
    try:
        shown = subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, check=False)
    finally:
        os.close(follower)
        os.close(leader)
    assert shown.returncode == 2
    error = shown.stderr.decode()
    assert error.count("\n") == 1 and "-o FIL" in error and "Traceback" not in error


def test_an_unknown_meeting_is_one_line_and_exit_2(
    sqlite_minutes: Minutes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    db = str(tmp_path / "events.db")
    assert main(["--db", db, "export", "Ingen/2026-01-01", "--format", "pdf", "-o", str(out)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not out.exists()
