"""Judging the tamper matrix's outcomes (what is wrong with them) and printing the
matrix as Markdown."""

from __future__ import annotations

import re

from tests.tamper.alterations import Tamper
from tests.tamper.commands import COMMANDS, Matrix, Outcome


def table(result: Matrix) -> str:
    """The matrix as Markdown: one row per tamper and store, a cell per command."""
    lines = [
        "| ændring | lager | " + " | ".join(COMMANDS) + " |",
        "|---|---|" + "---|" * len(COMMANDS),
    ]
    for (name, kind), outcomes in result.items():
        cells = [_cell(outcomes[c]) for c in COMMANDS]
        lines.append(f"| {name} | {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(outcome: Outcome) -> str:
    """An outcome in a few words: the exit code and what was said, without the places."""
    if outcome.code is None:
        return f"TRACEBACK {outcome.line[:40]}"
    if outcome.code == 0:
        return "0 OK"
    text = outcome.line.removeprefix("chefforum: ")
    for pattern in (
        r" (/\S*)?events\.db\b| postgresql://\S+|\s*\([^)]*\)",  # places, asides
        r"^(FEJL|fejl|afvist): (Lageret (er beskadiget: )?)?",
        r"^hændelse nr\. \d+, (møde \w+ position -?\d+: )?|^møde \w+ position -?\d+: ",
    ):
        text = re.sub(pattern, "", text)
    text = text if len(text) <= 48 else text[:47] + "…"
    return f"{outcome.code} {text}".replace("|", "/")


def judged(tamper: Tamper, outcomes: dict[str, Outcome]) -> list[str]:
    """What is wrong with the outcomes of a tamper (empty: as it should be).

    An alteration of the events is found by verify given a checkpoint (exit 1, one line);
    a damaged read model is repaired: verify content, every command answering with the
    meeting in its answer. No command ever raises."""
    wrong = [f"{name}: {o}" for name, o in outcomes.items() if o.traceback]
    if tamper.events:
        checked = outcomes["verify --checkpoint"]
        if checked.code != 1 or not checked.line.startswith("chefforum: FEJL"):
            wrong.append(f"not found given a checkpoint: {checked}")
        found = outcomes["verify"]  # without a checkpoint, where it must be found too
        if tamper.found and (found.code != 1 or not found.line.startswith("chefforum: FEJL")):
            wrong.append(f"not found without a checkpoint: {found}")
        wrong += [f"{n}: {o}" for n, o in outcomes.items() if o.code not in (0, 1, 2)]
        return wrong
    verifies = ("verify", "verify --checkpoint") if tamper.found else ()
    for name in verifies:
        if outcomes[name].code != 1 or not outcomes[name].line.startswith("chefforum: FEJL"):
            wrong.append(f"{name} did not find it: {outcomes[name]}")
    wrong += [f"{n}: {o}" for n, o in outcomes.items() if o.code != 0 and n not in verifies]
    if "Økonomiudvalget" not in outcomes["meetings"].text:
        wrong.append("the meeting list lost the meeting")
    if "Budgetopfølgning" not in outcomes["search"].text:
        wrong.append("search lost the item")
    if len(outcomes["log"].text.splitlines()) < 30:
        wrong.append("the log lost changes")
    return wrong
