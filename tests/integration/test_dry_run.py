"""`chefforum import --dry-run` makes every check the import makes, limits included: what
it accepts the import accepts (with the same number of events), what it refuses the
import refuses with the same line, and the store is left as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chefforum_tui.cli import main
from projections.store.connect import open_minutes

_LONG_HEADER = "\n".join(
    f"Bemærk {n}: mødet holdes i den lille sal, og kaffen står klar fra kl. 18:30 hver gang."
    for n in range(12)
)  # about a thousand characters of header lines that fit no field


def _run(
    store: Path, path: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(store), "--actor", "Test", "import", str(path), "--open", *extra])
    out = capsys.readouterr()
    return code, out.err.strip() if code else re.findall(r"(\d+) hændelser", out.out)[-1]


def _meetings(store: Path) -> int:
    app = open_minutes(str(store))
    try:
        return len(app.meeting_ids())
    finally:
        app.close()


def test_header_lines_over_a_line_s_length_are_kept_by_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "referat.txt"
    path.write_text(
        f"Referat\nByrådet\n\nDato: 2. marts 2023\n{_LONG_HEADER}\n\n1. Budget\n\nBeslutning\n"
        "Godkendt.\n",
        encoding="utf-8",
    )
    store = tmp_path / "events.db"
    tried = _run(store, path, capsys, "--dry-run")
    assert _meetings(store) == 0
    done = _run(store, path, capsys)
    assert tried == done and done[0] == 0
    app = open_minutes(str(store))
    try:
        [mid] = app.meeting_ids()
        remarks = app.get(mid).state.remarks or ""
    finally:
        app.close()
    assert len(remarks) > 500 and "Bemærk 11" in remarks


def test_a_name_over_the_store_s_limit_is_refused_by_both_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = {
        "format": "chefforum-referat/1",
        "meeting": {
            "forum": "Byrådet",
            "date": "2023-03-02",
            "participants": [{"name": "A" * 501}],
            "items": [{"title": "Budget"}],
        },
    }
    path = tmp_path / "referat.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    store = tmp_path / "events.db"
    tried = _run(store, path, capsys, "--dry-run")
    done = _run(store, path, capsys)
    assert tried == done and done[0] == 2
    assert _meetings(store) == 0
