"""Bad input for the importers: valid referater, then broken on purpose.

A case starts from a valid document (the demo fixture, a meeting built command by
command before and after approval, or one from tests.documents), as interchange JSON or
as the Markdown export, and mutates it: keys deleted, values of the wrong type, unknown
keys, odd Unicode, lines dropped, doubled or swapped, bytes cut off, flipped or inserted.

The property (`FuzzStore.check`): importing the file the way `chefforum import` does ends
either in an import or in a ChefforumError with a one-line message; a refused file
stores nothing. Used by tests/test_fuzz_import.py and bench/fuzz_import.py.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import tempfile
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from hypothesis import strategies as st

from chefforum_tui.cli.documents import cmd_import
from domain.application import Minutes
from domain.errors import ChefforumError
from projections.documents import interchange as ix
from projections.documents.referat import digest, document
from projections.documents.render import markdown
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.documents import documents
from tests.paths import DEMO

ACTOR = "Fuzz"

MAX_MEETINGS = 25  # then a fresh store, so that finding a meeting stays quick

# -- the valid documents to start from -------------------------------------------------------


@cache
def seed_documents() -> tuple[ix.Document, ...]:
    """The demo fixture, and the builders' full meeting as held and as approved+corrected."""
    with tempfile.TemporaryDirectory() as folder:
        app = open_minutes(str(Path(folder) / "seed.db"))
        try:
            mid, ids = full_meeting(app)
            held = document(app.get(mid).state)
            app.sign_minutes(mid, SECRETARY, "Anne Holm", digest, "Med forbehold.")
            app.change(
                mid,
                lambda m: m.add_correction(
                    SECRETARY,
                    reason="Stavefejl",
                    text="Der skulle stå «overført».",
                    item_id=ids["budget"],
                    at=datetime(2026, 9, 10, 8, tzinfo=UTC),
                ),
            )
            approved = document(app.get(mid).state)
        finally:
            app.close()
    return ix.decode(DEMO.read_bytes()), held, approved


def valid_documents() -> st.SearchStrategy[ix.Document]:
    return st.one_of(st.sampled_from(seed_documents()), documents(max_items=3))


# -- JSON mutations --------------------------------------------------------------------------

ODD_TEXT = (
    "",
    " ",
    "\t\n",
    "\x00",
    "\u200b",
    "\u202e",
    "e\u0301",
    "\ud7ff\ufeff",
    "😀" * 3,
    "x" * 5000,
    "2026-02-30",
    "2026-13-01",
    "24:00",
    "9:5",
    "2026-05-20T10:00:00",
    "-1",
    "null",
    "chefforum-referat/2",
    "## Punkt 1: x",
)
odd_text = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=30))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    odd_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_text, inner, max_size=3),
    max_leaves=6,
)


def _nodes(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in the tree, depth first."""
    out: list[tuple[Any, Any]] = []
    stack = [tree] if isinstance(tree, dict | list) else []
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            out.append((node, key))
            if isinstance(node[key], dict | list):
                stack.append(node[key])
    return out


@st.composite
def _mutate_tree(draw: st.DrawFn, tree: Any) -> Any:
    nodes = _nodes(tree)
    if not nodes:
        return draw(json_values)
    container, key = nodes[draw(st.integers(0, len(nodes) - 1))]
    value = container[key]
    op = draw(st.sampled_from(("delete", "replace", "unknown", "text", "duplicate", "number")))
    if op == "delete":
        del container[key]
    elif op == "replace":
        container[key] = draw(json_values)
    elif op == "unknown" and isinstance(value, dict):
        value[draw(odd_text)] = draw(json_values)
    elif op == "text" or (op == "number" and not isinstance(value, int | float)):
        container[key] = draw(odd_text)
    elif op == "number":
        container[key] = draw(st.sampled_from((0, -1, 1, 10**6, 2**63 - 1, -(2**63), 0.5)))
    elif op == "duplicate" and isinstance(value, list) and value:
        value.append(value[draw(st.integers(0, len(value) - 1))])
    else:
        container[key] = None
    return tree


@st.composite
def _mutate_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    op = draw(st.sampled_from(("truncate", "flip", "insert", "cut")))
    if op == "truncate":
        return data[:at]
    if op == "flip" and at < len(data):
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if op == "cut":
        return data[:at] + data[at + draw(st.integers(1, 40)) :]
    return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]


@st.composite
def bad_json(draw: st.DrawFn) -> bytes:
    """A referat in interchange JSON, changed in up to four places and maybe cut or garbled."""
    tree = msgspec.json.decode(ix.encode(draw(valid_documents())))
    for _ in range(draw(st.integers(0, 4))):
        tree = draw(_mutate_tree(tree))
    data = msgspec.json.encode(tree)
    for _ in range(draw(st.integers(0, 2))):
        data = draw(_mutate_bytes(data))
    return data


# -- Markdown mutations ----------------------------------------------------------------------

ODD_LINES = (
    "",
    "#",
    "# REFERAT",
    "# REFERAT  d. 31-02-2026",
    "# DAGSORDEN Chefforum d. 1-1-2026",
    "## Punkt 7:",
    "## Punkt : x",
    "## Punkt 2: Samme titel",
    "### Beslutning",
    "### Indstilling",
    "### Bilag",
    "### Tidligere beslutninger",
    "## Godkendelse",
    "## Rettelser",
    "### Rettelse af punkt 99",
    "**Mødedato** Onsdag d. 40. maj 2026 kl. 25:00",
    "**Mødedato** d. 1. smarts 2026",
    "**Deltagere** A (B, C (D)",
    "**Deltagere** , ,",
    "**Partier** Ingen (X)",
    "**Ukendt** felt",
    "Godkendt af Nogen d. 31. februar 2026 kl. 09:00",
    "Godkendt af  d. 1. maj 2026 kl. 99:99:99",
    "Rettet af X d. 1. maj 2026 kl. 10:00",
    "Begrundelse:",
    "For: 99999999999999999999 (A, B",
    "Imod: (",
    "Undlader: -1",
    "Fraværende: Ukendt Person (inhabil)",
    "Protokolbemærkning fra : tom",
    "*(120 min.)*",
    "*beslutning, supplerende, ukendt*",
    "Direktionen indstiller,",
    "1. at",
    "- (lukket bilag)",
    "\\# ikke en overskrift",
    "\ufeff",
    "\x00\x01",
    "\u202e\u200b",
)


@st.composite
def _mutate_lines(draw: st.DrawFn, lines: list[str]) -> list[str]:
    at = draw(st.integers(0, len(lines)))
    op = draw(st.sampled_from(("delete", "duplicate", "swap", "insert", "garble", "digits")))
    if not lines or op == "insert":
        return [*lines[:at], draw(st.one_of(st.sampled_from(ODD_LINES), odd_text)), *lines[at:]]
    at = min(at, len(lines) - 1)
    if op == "delete":
        return lines[:at] + lines[at + 1 :]
    if op == "duplicate":
        return [*lines[: at + 1], lines[at], *lines[at + 1 :]]
    if op == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines = list(lines)
        lines[at], lines[other] = lines[other], lines[at]
        return lines
    line = lines[at]
    if op == "digits":
        line = re.sub(r"\d+", lambda _: str(draw(st.integers(-1, 10**12))), line)
    else:
        cut = draw(st.integers(0, len(line)))
        line = line[:cut] + draw(odd_text) + line[cut + draw(st.integers(0, 10)) :]
    return [*lines[:at], line, *lines[at + 1 :]]


@st.composite
def bad_markdown(draw: st.DrawFn) -> bytes:
    """A referat in Markdown, changed in up to four lines and maybe cut or garbled."""
    doc = draw(valid_documents())
    text = markdown.render(doc, agenda=draw(st.booleans()))
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        lines = draw(_mutate_lines(lines))
    ending = draw(st.sampled_from(("\n", "\r\n", "\r")))
    data = ending.join(lines).encode()
    for _ in range(draw(st.integers(0, 2))):
        data = draw(_mutate_bytes(data))
    return data


@st.composite
def bad_plain_text(draw: st.DrawFn) -> bytes:
    """A municipal fixture in plain text with lines dropped, doubled, moved or changed:
    headers and items in every order the conventions allow, and many they do not."""
    from tests.municipal import FIXTURES

    path = draw(st.sampled_from([p for p in FIXTURES if p.suffix == ".txt"]))
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(0, 6))):
        lines = draw(_mutate_lines(lines))
    return "\n".join(lines).encode()


# -- the property ----------------------------------------------------------------------------


class FuzzStore:
    """An SQLite store in a folder, renewed when it holds many meetings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.generation = 0
        self.app = self._open()
        self.outcomes: Counter[str] = Counter()

    def _open(self) -> Minutes:
        self.generation += 1
        return open_minutes(str(self.folder / f"fuzz-{self.generation}.db"))

    def close(self) -> None:
        self.app.close()

    def check(self, data: bytes, fmt: str | None) -> None:
        """Import as `chefforum import FILE [--format FMT] --closed` does (an item that
        might be closed is closed); refused -> nothing stored."""
        path = self.folder / "input"
        path.write_bytes(data)
        before = self.app.recorder.max_notification_id() or 0
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                args = argparse.Namespace(
                    file=str(path), format=fmt, dry_run=False, strict=False, open=False, closed=True
                )
                cmd_import(self.app, args, ACTOR)
        except ChefforumError as e:
            message = str(e)
            assert len(message.splitlines()) == 1, f"not one line: {message!r}"
            after = self.app.recorder.max_notification_id() or 0
            assert after == before, f"refused ({message}) but stored {after - before} events"
            self.outcomes[f"refused: {type(e).__name__}"] += 1
        else:
            self.outcomes["imported"] += 1
        if len(self.app.meeting_ids()) > MAX_MEETINGS:
            self.app.close()
            self.app = self._open()

    def summary(self) -> str:
        return ", ".join(f"{what} {count}" for what, count in sorted(self.outcomes.items()))
