"""`chefforum import` of published minutes: --dry-run shows the report and stores nothing,
--strict refuses a guess, an item that might be closed is refused in one line unless
--closed or --open says which, and a published PDF imports without its page furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chefforum_tui.cli import main
from projections.store.connect import open_minutes
from tests.municipal import MUNICIPAL
from tests.pdfs import referat_pdf

UNSURE = MUNICIPAL / "07_social_sundhed_protokol.md"  # "Personalesag i madservicen"
SECRET = "fritaget for tjeneste"


def cli(store: str, *args: str) -> int:
    return main(["--db", store, "--actor", "Test", *args])


def _stored(store: str) -> int:
    app = open_minutes(store)
    try:
        return len(app.meeting_ids())
    finally:
        app.close()


def _export(store: str, ref: str, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    capsys.readouterr()
    assert cli(store, "export", ref, "--format", "markdown", *extra) == 0
    return capsys.readouterr().out


def test_dry_run_prints_the_report_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "events.db")
    path = MUNICIPAL / "01_byraad_punkt.md"
    assert cli(store, "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Importrapport (markdown)" in out
    assert "linje 7: deltager: Flemming Blønd (Mødedeltagere, parti L)" in out
    assert "linje 35-37: tidligere beslutning: Økonomiudvalget, 2022-01-05" in out
    assert "linje 43: afstemning: For: 19 (A, V, C, L)" in out
    assert "linje 49-51: afsnit: 'Opfølgning' (efter beslutningen)" in out
    assert "hændelser ville blive registreret; intet gemt." in out
    assert _stored(store) == 0


def test_a_line_that_cannot_be_placed_is_kept_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "events.db")
    path = tmp_path / "referat.md"
    path.write_text(
        "# Referat fra mødet i Kulturudvalget\n\n**Dato:** 4. maj 2025 kl. 16\n\n"
        "**Farve:** grøn\n\n## 1. Bibliotekets åbningstider\n\n"
        "Punktet blev rykket frem på mødet.\n\n### Beslutning\n\nGodkendt.\n",
        encoding="utf-8",
    )
    assert cli(store, "import", str(path)) == 0
    out = capsys.readouterr().out
    assert "linje 5: ikke placeret, beholdt som mødets bemærkninger." in out
    assert "linje 9: ikke placeret, beholdt som afsnittet 'Uden overskrift'." in out
    exported = _export(store, "Kulturudvalget/2025-05-04", capsys)
    assert "**Bemærkninger** Farve: grøn" in exported
    assert exported.index("Punktet blev rykket frem") < exported.index("**Beslutning**")
    # --strict refuses the same file in one line, naming the first guess.
    other = str(tmp_path / "other.db")
    assert cli(other, "import", str(path), "--strict") == 2
    err = capsys.readouterr().err
    assert err.strip() == "chefforum: fejl: linje 5: ukendt felt 'farve' i mødets hoved"
    assert _stored(other) == 0


def test_an_item_that_might_be_closed_is_asked_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "events.db")
    assert cli(store, "import", str(UNSURE)) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert re.search(
        r"linje 37: punktet 'Personalesag i madservicen' er måske lukket \('Personalesag'\);"
        r" angiv --closed eller --open$",
        err.strip(),
    ), err
    assert _stored(store) == 0
    assert cli(store, "import", str(UNSURE), "--closed") == 0
    ref = "Social- og Sundhedsudvalget/2023-06-21"
    assert SECRET not in _export(store, ref, capsys, "--public")
    assert SECRET in _export(store, ref, capsys)
    opened = str(tmp_path / "open.db")
    assert cli(opened, "import", str(UNSURE), "--open") == 0
    assert SECRET in _export(opened, ref, capsys, "--public")


def test_a_published_pdf_imports_without_its_page_furniture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "events.db")
    path = tmp_path / "referat.pdf"
    path.write_bytes(referat_pdf())
    assert cli(store, "import", str(path), "--dry-run") == 0
    report = capsys.readouterr().out
    assert "Importrapport (pdf)" in report
    assert re.search(r"sidehoved/-fod: fjernet: 'Side 2 af 4'", report)
    assert cli(store, "import", str(path)) == 0
    exported = _export(store, "Byrådet/2023-03-02", capsys)
    assert "Side 1 af" not in exported and "Referat Byrådet" not in exported
    titles = re.findall(r"^## \*\*Punkt \d+: (.*?)\*\*$", exported, re.MULTILINE)
    assert titles == [
        "Godkendelse af dagsorden",
        "Udvidelse af havnens parkeringsplads",
        "Tilbud på rengøring af skolerne (Lukket punkt)",
        "Eventuelt",
    ]
    assert "For: 14 (A, V)" in exported and "Økonomiudvalget, 2. marts 2023: Anbefales." in exported
    public = _export(store, "Byrådet/2023-03-02", capsys, "--public")
    assert "fire tilbud" not in public and "fire tilbud" in exported


def test_a_file_that_is_no_pdf_inside_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "events.db")
    path = tmp_path / "referat.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    assert cli(store, "import", str(path)) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "PDF-filen" in err


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_cut_pdf_is_read_or_refused_in_one_line(
    keep: float, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = referat_pdf()
    path = tmp_path / "referat.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    store = str(tmp_path / "events.db")
    code = cli(store, "import", str(path), "--closed")
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err
    assert code == 0 or (len(err.strip().splitlines()) == 1 and _stored(store) == 0)
