# Over 400 lines: the odd values, every command's arguments and the properties, read as one.
"""Fuzzing every command of `chefforum` with odd arguments: invalid UTF-8 (as Python hands
it over: lone surrogates), control characters, NUL, huge numbers, empty strings, look-alike
names, HTML, and valid values mixed in so that many commands go through.

A case is one command line run through main() in this process, on a store seeded with the
demo and meetings in every state. The properties (`CliFuzz.check`):

- no traceback: main() returns 0, 1 or 2 (or argparse's --help exit 0);
- a refusal (1 or 2) is one line on standard error and leaves the events as they were;
- nothing printed carries a raw control character (the text export's form feed aside);
- after an accepted command that stored something, `meetings` and `verify` succeed;
- no case runs past HANG seconds (an alarm ends it and it counts as a hang).

Besides the arguments, a case may set an environment variable the program reads (odd
numbers, paths of special files, keys), give --db an odd location, and name special
files (/dev/zero, a FIFO, a folder, /dev/full, the store's own file) where a file goes.

Used by tests/integration/test_fuzz_cli.py (a few cases on each store) and
bench/fuzz_cli.py (10,000 and more).
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import signal
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from chefforum_tui.cli import main
from domain.application import Minutes
from projections.store.connect import open_minutes
from tests.paths import DEMO

SECRETARY = "Karen Dahl"
DEMO_REF = "Chefforum/2026-06-17"
DRAFT_REF = "Udvalget/2026-05-20"
STARTED_REF = "Udvalget/2026-05-21"
APPROVED_REF = "Udvalget/2026-05-22"
REFS = (DEMO_REF, DRAFT_REF, STARTED_REF, APPROVED_REF)
NAMES = ("Helle Kjærgaard", "Søren Bøgh", "Anne Holm", "Bo Lind", SECRETARY)
RENEW_AFTER = 40  # stored changes, then a fresh store (verify stays quick)

ODD = (
    "",
    " ",
    "\x00",
    "A\x00B",
    "\x1b[31mrød\x1b[0m",
    "\x1b]0;titel\x07",
    "bip\x07",
    "a\rb",
    "a\r\nb",
    "a\nb",
    "tab\tbed",
    "ba\x08ck",
    "del\x7f",
    "\x9b31m",
    "\x85",
    "\udcff",
    "\udc80abc",
    "B\udce6rn",
    "\ud800",
    "\u200b",
    "Byr\u200baad",
    "\u0412yraad",
    "Byraad",
    "\u202eevil",
    "\ufeff",
    "e\u0301",
    "😀",
    "x" * 501,
    "y" * 5000,
    "1" + "0" * 30,
    "9" * 5000,
    "z" * 100_000,
    "-1",
    "0",
    "1",
    "2",
    "99",
    "²",
    "٣",
    "1_000",
    "1e3",
    "NaN",
    "2026-02-30",
    "2026-05-20",
    "2026-06-17",
    "2026-05-20T10:15",
    "9999-12-31",
    "9999-12-31T23:59",
    "0001-01-01",
    "00:00",
    "09:00",
    "23:59",
    "24:00",
    "9:5",
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "## Punkt 1: x",
    "-x",
    "--",
    "--help",
    "%s%n",
    "'; DROP TABLE stored_events; --",
    "../../etc/passwd",
    *REFS,
    *NAMES,
)
POSITIONAL: dict[str, Callable[[random.Random], str]] = {
    "meeting": lambda r: r.choice(REFS) if r.random() < 0.7 else r.choice(ODD),
    "name": lambda r: r.choice(NAMES) if r.random() < 0.4 else r.choice(ODD),
    "text": lambda r: r.choice(("Godkendt.", "Ny titel")) if r.random() < 0.3 else r.choice(ODD),
    "date": lambda r: r.choice(("2026-07-01", "2026-08-03")) if r.random() < 0.5 else r.choice(ODD),
    "item": lambda r: r.choice(("1", "2", "3")) if r.random() < 0.6 else r.choice(ODD),
    "forum": lambda r: (
        r.choice(("Udvalget", "Chefforum", "Nyt")) if r.random() < 0.5 else r.choice(ODD)
    ),
    "role": lambda r: r.choice(("secretary", "chair")) if r.random() < 0.7 else r.choice(ODD),
    "odd": lambda r: r.choice(ODD),
}
Pick = Callable[[random.Random], str]
HANG = 30  # seconds: a case that runs longer is a hang
# The environment the program reads, and odd values for it ("{fifo}", "{folder}": the
# fuzz folder's FIFO and a folder in it).
ENVIRONMENT = {
    "CHEFFORUM_REBUILD_BATCH": ("", "abc", "1e3", "0", "-1", "1" + "0" * 30, " 5", "1", "500"),
    "CHEFFORUM_PROJECTION_BATCH": ("", "x", "1.5", "0", "99999999999", "3", "2000"),
    "CHEFFORUM_CHECKPOINTS": (
        "",
        "/dev/zero",
        "/dev/null",
        "{fifo}",
        "{folder}",
        "{folder}/" + "n" * 300,
        "/nowhere/cp.txt",
        "p" * 5000,
        "{folder}/cp.txt",
    ),
    "XDG_STATE_HOME": ("", "/dev/zero", "{fifo}", "q" * 5000, "{folder}"),
    "CHEFFORUM_ACTOR": ("", "\x1b[2J", "A" * 600, "Karen Dahl"),
    "CHEFFORUM_CIPHER_KEY": ("", "abc", "A" * 44, "=" * 5000),
    "CHEFFORUM_CHAIN_KEY": ("", "abc", "QUFBQUFBQUFBQUFBQUFBQQ==", "!" * 100),
}
# Odd store locations for --db ("{fifo}", "{folder}" as above).
ODD_DB = (
    "/dev/zero",
    "/dev/null",
    "{fifo}",
    "{folder}",
    "b" * 5000,
    "{folder}/" + "c" * 300 + ".db",
    "/nowhere/events.db",
    "postgresql://postgres@127.0.0.1:99999/test",
    "postgresql://postgres@127.0.0.1:abc/test",
    "postgresql://postgres@127.0.0.1:1/test",
    "postgresql://" + "h" * 5000,
    "",
)
SPECIAL_FILES = ("/dev/zero", "/dev/null", "{fifo}", "{folder}", "/dev/full", "/proc/self/mem")


class Hang(BaseException):
    """A case ran past HANG seconds (raised by the alarm, so that the run goes on)."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


@dataclass(frozen=True)
class Command:
    name: str
    positional: tuple[str, ...] = ()
    options: dict[str, str | None] = field(default_factory=dict)  # flag -> kind, None: a switch


COMMANDS = (
    Command("meetings", options={"--json": None}),
    Command("demo"),
    Command(
        "new",
        ("forum", "date"),
        {
            "--start": "odd",
            "--end": "odd",
            "--place": "text",
            "--organisation": "text",
            "--first-number": "odd",
        },
    ),
    Command(
        "add-participant",
        ("meeting", "name"),
        {
            "--title": "text",
            "--party": "text",
            "--role": "odd",
            "--attendance": "odd",
            "--substitute-for": "name",
        },
    ),
    Command(
        "add-item",
        ("meeting", "text"),
        {
            "--case-number": "odd",
            "--kind": "odd",
            "--minutes": "odd",
            "--closed": None,
            "--number": "odd",
        },
    ),
    Command("publish", ("meeting",)),
    Command("start", ("meeting",), {"--at": "odd"}),
    Command("end", ("meeting",), {"--at": "odd"}),
    Command("decide", ("meeting", "item", "text")),
    Command("approve", ("meeting",), {"--by": "name", "--reservation": "text"}),
    Command("correct", ("meeting",), {"--reason": "text", "--text": "text", "--item": "item"}),
    Command(
        "export",
        ("meeting",),
        {"--format": "odd", "--public": None, "--agenda": None, "--at": "odd", "-o": "output"},
    ),
    Command("import", ("file",), {"--format": "odd"}),
    Command(
        "log",
        ("meeting",),
        {
            "--all": None,
            "--actor": "name",
            "--item": "item",
            "--since": "odd",
            "--until": "odd",
            "--json": None,
        },
    ),
    Command("diff", ("meeting", "odd", "odd")),
    Command("verify", options={"--checkpoint": "file"}),
    Command(
        "search",
        ("text",),
        {"--forum": "forum", "--from": "odd", "--to": "odd", "--internal": None, "--json": None},
    ),
    Command("rebuild"),
    Command("grant", ("forum", "name", "role")),
    Command("revoke", ("forum", "name", "role")),
    Command("roles", ("forum",)),
    Command("keygen"),
    # The members' mail (issue 24); no participant here has an address, so nothing is sent.
    Command("send", ("meeting", "odd"), {"--to": "name", "--days": "odd"}),
    Command("remind", ("meeting",), {"--days": "odd"}),
    Command("links", ("odd", "meeting"), {"--member": "name"}),
)
FORMATS = ("text", "markdown", "html", "json")
# Raw control characters a terminal would act on (the text export's form feed is harmless).
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


def import_files(folder: Path) -> list[str]:
    """Files for `import`: valid, and broken in the ways the arguments are."""
    demo = DEMO.read_text(encoding="utf-8")
    files = {
        "demo.json": demo,
        "nul.json": demo.replace('"Godkendelse af dagsorden', '"Godkendelse\\u0000 af dagsorden'),
        "esc.json": demo.replace(
            '"Godkendelse af dagsorden', '"\\u001b[2JGodkendelse af dagsorden'
        ),
        "crlf.md": "# REFERAT Nyt d. 01-02-2026\r\n\r\n## Punkt 1: A\r\n\r\nTekst\r\nmere\r\n",
        "nul.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\x00B\n",
        "esc.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\x1b[31mB\n",
        "super.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt ²: A\n",
        "digits.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\n\n*("
        + "9" * 5000
        + " min.)*\n",
        "html.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: <script>x</script>\n\n"
        "### Sagsfremstilling\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
        "empty.md": "",
    }
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        paths.append(str(path))
    (folder / "latin1.md").write_bytes("# REFERAT Æble d. 01-02-2026\n".encode("latin-1"))
    paths.append(str(folder / "latin1.md"))
    return paths


@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    trace: str = ""


class _Stdout(io.StringIO):
    """Standard output with the binary buffer export writes to."""

    def __init__(self) -> None:
        super().__init__()
        self._bytes = io.BytesIO()

    @property
    def buffer(self) -> io.BytesIO:
        return self._bytes


def run_main(args: list[str]) -> Outcome:
    out, err = _Stdout(), io.StringIO()
    trace = ""
    code: int | None
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except SystemExit as e:  # argparse's --help
        code = e.code if isinstance(e.code, int) else 0
    except Hang:
        code = None
        trace = f"HANG: still running after {HANG} s\n" + traceback.format_exc()
    except BaseException:
        code = None
        trace = traceback.format_exc()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    text = out.getvalue() + out.buffer.getvalue().decode("utf-8", errors="replace")
    return Outcome(code, text, err.getvalue(), trace)


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
