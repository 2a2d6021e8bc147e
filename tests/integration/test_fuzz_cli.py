"""Fuzzing every command's arguments on both stores (tests/fuzz_cli/ has the cases and the
properties): no traceback, a refusal changes no event, nothing raw reaches the terminal,
and the store still opens and verifies after every accepted command.

A few cases here; `python -m bench.fuzz_cli --cases 10000` runs many.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_SERVER
from tests.fuzz_cli.fuzz import fuzzing

CASES = 40
CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def test_odd_arguments_to_every_command_on_sqlite(tmp_path: Path) -> None:
    with fuzzing(tmp_path) as fuzz:
        fuzz.run(CASES, seed=12)
        assert fuzz.failures == [], "\n".join(fuzz.failures)
        assert fuzz.outcomes["accepted"] and fuzz.outcomes["refused (2)"]


def test_odd_arguments_to_every_command_on_postgres(tmp_path: Path, pg_available: bool) -> None:
    if not pg_available:
        pytest.skip(f"no PostgreSQL at {PG_SERVER}")
    with fuzzing(tmp_path, PG_SERVER) as fuzz:
        fuzz.run(CASES, seed=12)
        assert fuzz.failures == [], "\n".join(fuzz.failures)


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        ([b"new", b"\xff\xfe", b"2026-01-01"], {}),
        ([b"--actor", b"B\xe6rn", b"meetings"], {}),
        ([b"search", b"\xc3"], {}),
        ([b"meetings"], {b"CHEFFORUM_ACTOR": b"K\xf8ren"}),
    ],
)
def test_arguments_that_are_not_utf8_are_refused_in_one_line(
    tmp_path: Path, argv: list[bytes], env: dict[bytes, bytes]
) -> None:
    environment = {
        k.encode(): v.encode() for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")
    }
    environment.update({b"CHEFFORUM_ACTOR": b"Test", **env})
    done = subprocess.run(
        [CHEFFORUM.encode(), *argv], cwd=tmp_path, env=environment, capture_output=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    err = done.stderr.decode("utf-8")  # the message itself is valid UTF-8
    assert "ikke gyldig UTF-8" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "events.db").exists()  # refused before the store was opened
