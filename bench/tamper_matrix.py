"""The tamper matrix for the note: copies of a store altered behind the program's back
(tests/tamper/), and what `verify` without a checkpoint, `verify --checkpoint` and the
commands meetings, export, search and log say about each, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.tamper_matrix [--pg URL | --no-pg]

Prints the matrix as Markdown and a count: alterations of the events found without and
with a checkpoint, read models repaired, tracebacks (must be 0).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.tamper.alterations import TAMPERS
from tests.tamper.commands import matrix
from tests.tamper.judge import judged, table

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.tamper_matrix")
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = matrix(Path(tmp), None if args.no_pg else args.pg)
    print(table(result))
    by_name = {t.name: t for t in TAMPERS}
    events = {k: v for k, v in result.items() if by_name[k[0]].events}
    models = {k: v for k, v in result.items() if not by_name[k[0]].events}
    without = sum(v["verify"].code == 1 for v in events.values())
    wrong = {k: judged(by_name[k[0]], v) for k, v in result.items()}
    tracebacks = sum(o.traceback for v in result.values() for o in v.values())
    print()
    print(
        f"Ændrede hændelser: {len(events)} tilfælde; fundet af verify uden kontrolpunkt "
        f"{without}, med kontrolpunkt {sum(not wrong[k] for k in events)}."
    )
    found = {k for k in models if by_name[k[0]].found}
    print(
        f"Læsemodeller: {len(models)} tilfælde; som de skal {sum(not wrong[k] for k in models)}"
        f" (ændrede rækker fundet af verify uden kontrolpunkt "
        f"{sum(models[k]['verify'].code == 1 for k in found)} af {len(found)}, de øvrige "
        "repareret af kommandoerne selv)."
    )
    print(f"Kommandoer kørt: {sum(len(v) for v in result.values())}; tracebacks: {tracebacks}.")
    for key, problems in wrong.items():
        for problem in problems:
            print(f"FORKERT {key}: {problem}")
    return 1 if any(wrong.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
