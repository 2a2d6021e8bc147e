"""The fuzzer: a store seeded with the demo and meetings in every state (renewed now and
then), the cases drawn from a seed, and the properties checked on each outcome."""

from __future__ import annotations

import contextlib
import os
import random
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from domain.application import Minutes
from projections.store.connect import open_minutes
from tests.fuzz_cli.commands import COMMANDS
from tests.fuzz_cli.running import run_main
from tests.fuzz_cli.values import (
    APPROVED_REF,
    DRAFT_REF,
    ENVIRONMENT,
    FORMATS,
    NAMES,
    ODD,
    ODD_DB,
    POSITIONAL,
    SECRETARY,
    SPECIAL_FILES,
    STARTED_REF,
    import_files,
)

RENEW_AFTER = 40  # stored changes, then a fresh store (verify stays quick)
# Raw control characters a terminal would act on (the text export's form feed is harmless).
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


class CliFuzz:
    """A store (SQLite file or PostgreSQL schema), renewed now and then, and the outcomes."""

    def __init__(self, folder: Path, postgres: str | None = None) -> None:
        self.folder = folder
        self.postgres = postgres  # a server URL: each store is a schema of it
        self.schemas: list[str] = []
        self.files = import_files(folder)
        self.fifo = folder / "fifo"
        if not self.fifo.exists():
            os.mkfifo(self.fifo)
        (folder / "mappe").mkdir(exist_ok=True)
        self.slowest = (0.0, "")
        self.outcomes: Counter[str] = Counter()
        self.failures: list[str] = []
        self.generation = 0
        self.store = ""
        self.changes = 0
        self.observer: Minutes | None = None
        self._renew()

    # -- the store --------------------------------------------------------------------------

    def _renew(self) -> None:
        if self.observer is not None:
            self.observer.close()
        self.generation += 1
        if self.postgres:
            schema = f"fz_{uuid.uuid4().hex[:12]}"
            self.schemas.append(schema)
            self.store = f"{self.postgres}?schema={schema}"
        else:
            self.store = str(self.folder / f"cli-{self.generation}.db")
        self._seed()
        self.observer = open_minutes(self.store)
        self.changes = 0

    def _seed(self) -> None:
        steps = [
            ["demo"],
            ["new", "Udvalget", "2026-05-20", "--start", "09:00"],
            ["add-participant", DRAFT_REF, "Anne Holm", "--role", "chair"],
            ["add-participant", DRAFT_REF, "Bo Lind"],
            ["add-item", DRAFT_REF, "Budget"],
            ["add-item", DRAFT_REF, "Salg af grund", "--closed"],
            # A new meeting comes from its forum: Anne Holm and Bo Lind are on it already.
            ["new", "Udvalget", "2026-05-21"],
            ["add-item", STARTED_REF, "Budget"],
            ["publish", STARTED_REF],
            ["start", STARTED_REF],
            ["new", "Udvalget", "2026-05-22"],
            ["add-item", APPROVED_REF, "Budget"],
            ["publish", APPROVED_REF],
            ["start", APPROVED_REF],
            ["decide", APPROVED_REF, "1", "Godkendt."],
            ["end", APPROVED_REF],
            ["approve", APPROVED_REF, "--by", "Anne Holm"],
        ]
        for step in steps:
            done = run_main(["--db", self.store, "--actor", SECRETARY, *step])
            if done.code != 0:
                raise RuntimeError(f"seeding {step}: {done.err or done.trace}")

    def close(self) -> None:
        if self.observer is not None:
            self.observer.close()
        if self.postgres:
            import psycopg

            with psycopg.connect(self.postgres, autocommit=True) as conn:
                for schema in self.schemas:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    def _events(self) -> int:
        assert self.observer is not None
        return self.observer.recorder.max_notification_id() or 0

    # -- the cases --------------------------------------------------------------------------

    def _place(self, text: str) -> str:
        return text.replace("{fifo}", str(self.fifo)).replace(
            "{folder}", str(self.folder / "mappe")
        )

    def environment(self, rng: random.Random) -> dict[str, str]:
        """Now and then an odd value for a variable the program reads."""
        if rng.random() >= 0.15:
            return {}
        name = rng.choice(sorted(ENVIRONMENT))
        return {name: self._place(rng.choice(ENVIRONMENT[name]))}

    def case(self, rng: random.Random) -> list[str]:
        """One command line: a command, its positionals and some of its options."""
        command = rng.choice(COMMANDS)
        args = [command.name]
        if rng.random() < 0.03:
            args = ["--db", self._place(rng.choice(ODD_DB)), *args]
        for kind in command.positional:
            if rng.random() < 0.05:
                continue  # a missing argument
            args.append(self._value(rng, kind))
        for flag, value_kind in command.options.items():
            if rng.random() < 0.3:
                args.append(flag)
                if value_kind is not None:
                    args.append(self._value(rng, value_kind))
        if rng.random() < 0.05:
            args.insert(rng.randrange(len(args) + 1), rng.choice(ODD))  # a stray argument
        actor = SECRETARY if rng.random() < 0.8 else rng.choice((*NAMES, *ODD))
        return ["--actor", actor, *args]

    def _value(self, rng: random.Random, kind: str) -> str:
        if kind == "file":
            roll = rng.random()
            if roll < 0.15:
                return self._place(rng.choice(SPECIAL_FILES))
            return rng.choice(self.files) if roll < 0.8 else rng.choice(ODD)
        if kind == "output":
            if rng.random() < 0.15:
                own = self.store if not self.postgres else "/dev/full"
                return self._place(rng.choice((*SPECIAL_FILES, own, own + "-wal")))
            name = rng.choice(("ud.md", "ud\x1b.txt", "ud\u200b.json", "", "mappe/ud.txt"))
            return str(self.folder / "out" / name) if name else name
        if kind == "odd" and rng.random() < 0.2:
            return rng.choice(FORMATS)
        return POSITIONAL[kind](rng)

    def check(self, args: list[str], env: dict[str, str] | None = None) -> str:
        """Run one case; returns its outcome and records any failure of the properties."""
        before = self._events()
        kept = {name: os.environ.get(name) for name in env or {}}
        os.environ.update(env or {})
        began = time.perf_counter()
        try:
            done = run_main(["--db", self.store, *args])
        finally:
            for name, value in kept.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        took = time.perf_counter() - began
        if took > self.slowest[0]:
            self.slowest = (took, f"{env or ''} chefforum {' '.join(a[:40] for a in args)}")
        problems: list[str] = []
        if done.trace.startswith("HANG"):
            problems.append(done.trace)
        elif done.code not in (0, 1, 2):
            problems.append(f"traceback (exit {done.code}):\n{done.trace}")
        if _RAW_CONTROL.search(done.err) or _RAW_CONTROL.search(done.out.replace("\x0c", "")):
            problems.append("a raw control character was printed")
        after = self._events()
        if done.code in (1, 2):
            if len(done.err.strip().splitlines()) != 1:
                problems.append(f"refusal not one line: {done.err!r}")
            if after != before:
                problems.append(f"refused but stored {after - before} events")
        elif done.code == 0 and after != before:
            self.changes += 1
            for probe in (["meetings"], ["verify"]):
                checked = run_main(["--db", self.store, "--actor", SECRETARY, *probe])
                if checked.code != 0:
                    problems.append(f"'{probe[0]}' fails after it: {checked.err or checked.trace}")
        outcome = {0: "accepted", 1: "refused (1)", 2: "refused (2)"}.get(
            done.code if done.code is not None else -1,
            "hang" if done.trace.startswith("HANG") else "traceback",
        )
        self.outcomes[outcome] += 1
        if problems:
            self.outcomes["failed"] += 1
            self.failures.append(f"{env or ''} chefforum {args!r}: " + "; ".join(problems))
        if self.changes >= RENEW_AFTER:
            self._renew()
        return outcome

    def run(self, cases: int, seed: int, progress: Callable[[int], None] | None = None) -> None:
        rng = random.Random(seed)
        for n in range(cases):
            self.check(self.case(rng), self.environment(rng))
            if progress is not None:
                progress(n + 1)

    def summary(self) -> str:
        counts = ", ".join(f"{what} {count}" for what, count in sorted(self.outcomes.items()))
        return f"{sum(self.outcomes[k] for k in self.outcomes if k != 'failed')} cases: {counts}"


@contextlib.contextmanager
def fuzzing(folder: Path, postgres: str | None = None) -> Iterator[CliFuzz]:
    (folder / "out").mkdir(exist_ok=True)
    fuzz = CliFuzz(folder, postgres)
    try:
        yield fuzz
    finally:
        fuzz.close()
