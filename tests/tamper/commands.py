"""Running the commands on an altered store: each through the CLI's main() in this
process, its output captured, so a traceback shows as an exception caught here (outcome
"TRACEBACK"); and the whole matrix, every tamper on every kind of store it applies to."""

from __future__ import annotations

import contextlib
import io
import uuid
from dataclasses import dataclass
from pathlib import Path

from chefforum_tui.cli import main
from projections.store.checkpoints import CHECKPOINTS_VAR, FILE_NAME
from tests.tamper.alterations import TAMPERS, Tamper
from tests.tamper.store import Store, build, copy_sqlite, drop_schema, environment, wal_copy


@dataclass(frozen=True)
class Outcome:
    code: int | None  # None: an exception escaped main()
    line: str  # the first line said (stderr first), or the exception
    text: str = ""  # all it wrote to standard output

    @property
    def traceback(self) -> bool:
        return self.code is None or "Traceback" in self.line

    def __str__(self) -> str:
        code = "TRACEBACK" if self.code is None else str(self.code)
        return f"{code}: {self.line}"


def run(argv: list[str]) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException as e:  # what the user would see as a traceback
        return Outcome(None, f"{type(e).__name__}: {e}")
    said = (err.getvalue().strip() or out.getvalue().strip()).splitlines()
    return Outcome(code, said[0] if said else "", out.getvalue())


COMMANDS = (
    "verify",
    "verify --checkpoint",
    "meetings",
    "export",
    "search",
    "log",
    "rebuild",
    "correct",
)


def commands(store: Store, folder: Path) -> dict[str, Outcome]:
    """Each command on the altered store, as a user runs it (the checkpoint file beside
    it), except "verify": without any checkpoint."""
    db = ["--db", store.where]
    result: dict[str, Outcome] = {}
    with environment({**store.env, CHECKPOINTS_VAR: str(folder / "no-checkpoints.txt")}):
        result["verify"] = run([*db, "verify"])
    with environment(store.env):
        result["verify --checkpoint"] = run([*db, "verify", "--checkpoint", str(store.checkpoints)])
        result["meetings"] = run([*db, "meetings"])
        result["export"] = run([*db, "export", store.meeting, "-o", str(folder / "referat.txt")])
        result["search"] = run([*db, "search", "budgetopfølgning"])
        result["log"] = run([*db, "log", store.meeting])
        result["rebuild"] = run([*db, "rebuild"])
        correction = ["--reason", "Stavefejl", "--text", "Rettet."]
        result["correct"] = run([*db, "correct", store.meeting, *correction])  # a write, last
    return result


Matrix = dict[tuple[str, str], dict[str, Outcome]]


def prepare(
    tamper: Tamper, kind: str, here: Path, bases: dict[tuple[str, bool], Store], pg_server: str
) -> Store:
    """The store to alter for a tamper: a fresh PostgreSQL schema, a copy taken while the
    write-ahead log held the newest events, or a copy of an SQLite store built once."""
    if kind == "postgres":
        here.mkdir(parents=True)
        where = f"{pg_server}?schema=t_tamper_{uuid.uuid4().hex[:10]}"
        return build(where, here / FILE_NAME, kind, keyed=tamper.keyed)
    if tamper.wal:
        return wal_copy(here.with_name(here.name + "-base"), here, tamper.keyed)
    key = (kind, tamper.keyed)
    if key not in bases:
        base_folder = here.parent / f"base-{kind}-{'key' if tamper.keyed else 'plain'}"
        base_folder.mkdir(parents=True)
        bases[key] = build(
            str(base_folder / "events.db"), base_folder / FILE_NAME, kind, keyed=tamper.keyed
        )
    return copy_sqlite(bases[key], here)


def matrix(folder: Path, pg_server: str | None, only: tuple[str, ...] = ()) -> Matrix:
    """Every tamper on every kind of store it applies to: {(tamper, kind): outcomes}."""
    result: Matrix = {}
    bases: dict[tuple[str, bool], Store] = {}
    for n, tamper in enumerate(TAMPERS):
        if only and tamper.name not in only:
            continue
        for kind in tamper.kinds:
            if kind == "postgres" and pg_server is None:
                continue
            store = prepare(tamper, kind, folder / f"{n:02d}-{kind}", bases, pg_server or "")
            try:
                tamper.alter(store)
                result[(tamper.name, kind)] = commands(store, folder / f"{n:02d}-{kind}")
            finally:
                if kind == "postgres":
                    drop_schema(pg_server or "", store.where)
    return result
