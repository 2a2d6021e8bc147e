"""Every environment value, path and number goes through one checked layer
(projections/config.py): what cannot be used is one Danish line and exit 2, never a
traceback, and a special file (/dev/zero, a FIFO) is refused, never read without end or
waited on (issue 21). Real subprocesses with a deadline: a hang fails the test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.site_server import CHEFFORUM

DEADLINE = 30


def chefforum(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHEFFORUM, *args],
        cwd=folder,
        env={**os.environ, "CHEFFORUM_ACTOR": "Karen Dahl", **env},
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A store with the demo meeting, its checkpoint file beside it, and a FIFO."""
    assert chefforum(tmp_path, "demo").returncode == 0
    os.mkfifo(tmp_path / "fifo")
    return tmp_path


def one_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("chefforum: fejl: "), done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("value", ["", "abc", "1e3", "99999999999999999999"])
def test_a_batch_setting_that_is_no_usable_number_is_one_line(folder: Path, value: str) -> None:
    for name in ("CHEFFORUM_REBUILD_BATCH", "CHEFFORUM_PROJECTION_BATCH"):
        one_line(chefforum(folder, "meetings", **{name: value}), name, "helt tal")
    assert chefforum(folder, "meetings", CHEFFORUM_REBUILD_BATCH="500").returncode == 0


@pytest.mark.parametrize(
    ("db", "words"),
    [
        ("postgresql://postgres@127.0.0.1:99999/test", ("Porten",)),
        ("postgresql://postgres@127.0.0.1:abc/test", ("Porten",)),
        ("a" * 5000, ("for lang",)),
        ("mappe/" + "b" * 300 + ".db", ("255 byte",)),
        ("/dev/zero", ("ikke en almindelig fil",)),
        ("fifo", ("ikke en almindelig fil",)),
    ],
)
def test_a_store_location_that_cannot_be_one_is_one_line(
    folder: Path, db: str, words: tuple[str, ...]
) -> None:
    one_line(chefforum(folder, "--db", db, "meetings"), *words)


def test_a_time_zone_of_300_characters_is_one_line(folder: Path) -> None:
    done = chefforum(folder, "forum", "settings", "Chefforum", "--time-zone", "E" * 300)
    one_line(done, "Ukendt tidszone")
    assert len(done.stderr) < 300


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_special_files_are_refused_not_read_without_end(folder: Path, special: str) -> None:
    one_line(chefforum(folder, "import", special), "ikke en almindelig fil")
    one_line(chefforum(folder, "verify", "--checkpoint", special), "ikke en almindelig fil")
    one_line(
        chefforum(folder, "meetings", CHEFFORUM_CHECKPOINTS=str(folder / special)),
        "CHEFFORUM_CHECKPOINTS",
        "ikke en almindelig fil",
    )
    one_line(chefforum(folder, "import", "x" * 5000), "for lang")
