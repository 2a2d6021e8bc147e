"""A remark the secretary types in for a member says who typed it, in the store and in
every format of the referat, as the command line's does: "(indført af Karen Dahl)"."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from pypdf import PdfReader

from chefforum_tui.cli import main
from tests.tui.tui_pilot import (
    ACTOR,
    only_meeting,
    opened,
    running,
    settle,
    tab_to,
    type_text,
)

REMARK = "Bo Lind ønsker sin afvigende mening ført til protokols."
OWN = "Jeg stemmer imod af principielle grunde."


def export(db: str, fmt: str, out: Path) -> str:
    """The referat as `chefforum export` writes it (a PDF's extracted text), its lines
    joined: the text format wraps at 80 columns."""
    with opened(db) as minutes:
        meeting = str(only_meeting(minutes))
    assert (
        main(["--db", db, "--actor", ACTOR, "export", meeting, "--format", fmt, "-o", str(out)])
        == 0
    )
    if fmt == "json":
        return out.read_text(encoding="utf-8")
    if fmt == "pdf":
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    else:
        text = out.read_text(encoding="utf-8")
    return " ".join(text.split())


async def test_a_remark_typed_for_a_member_says_who_typed_it(started: str, tmp_path: Path) -> None:
    async with running(started) as pilot:
        await pilot.press("down")  # Budgetopfølgning
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await tab_to(pilot, "field-by")
        await pilot.press("b", "o", "enter")  # Bo Lind, picked by typing
        await tab_to(pilot, "field-text")
        await type_text(pilot, REMARK)
        await pilot.press("ctrl+s")
        await settle(pilot)
    # The member's own remark, from the command line, names nobody else.
    own = ["--db", started, "--actor", "Bo Lind", "remark", "Økonomiudvalget/2026-09-02"]
    assert main([*own, "2", "Bo Lind", OWN]) == 0
    with opened(started) as minutes:
        budget = minutes.get(only_meeting(minutes)).state.active_items()[1]
    assert [(r.by, r.text, r.recorded_by) for r in budget.remarks] == [
        ("Bo Lind", REMARK, ACTOR),
        ("Bo Lind", OWN, None),
    ]
    entered = f"Protokolbemærkning fra Bo Lind (indført af {ACTOR}): {REMARK}"
    for fmt in ("text", "markdown", "html", "pdf"):
        text = export(started, fmt, tmp_path / f"referat.{fmt}")
        assert entered in text, fmt
        assert f"Protokolbemærkning fra Bo Lind: {OWN}" in text, fmt
        assert len(re.findall("indført af", text)) == 1, fmt
    document = json.loads(export(started, "json", tmp_path / "referat.json"))
    remarks = document["meeting"]["items"][1]["remarks"]
    assert [r.get("recorded_by") for r in remarks] == [ACTOR, None]
