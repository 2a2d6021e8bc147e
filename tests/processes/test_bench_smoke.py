"""The smoke lane of the benchmark: every script in bench/ runs, in a quick form (tiny
stores, a few samples), as the command a person types, so that none of them breaks
unnoticed again (bench/rebuild.py and bench/site.py once failed on an import for weeks).

Each test asserts what the person running it reads: the exit code and the table's rows.
The figures themselves belong in the README's tables, not in asserts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.conftest import PG_SERVER

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
# Modules of bench/ that are not scripts of their own: run by the scripts below.
HELPERS = {"__init__", "synthetic", "prepared", "tui_probe", "measure", "table", "http_load"}


def run(args: list[str], tmp_path: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env={**os.environ, "CHEFFORUM_ACTOR": "Benchmark", **(env or {})},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, f"{' '.join(args)}: exit {done.returncode}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture
def schema(pg_available: bool) -> Iterator[str]:
    """A schema name prefix on the real PostgreSQL server; its schemas dropped afterwards."""
    if not pg_available:
        pytest.skip(f"no PostgreSQL at {PG_SERVER}")
    prefix = f"smoke_{uuid.uuid4().hex[:8]}"
    yield prefix
    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        names = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", (prefix + "%",)
        ).fetchall()
        for (name,) in names:
            conn.execute(f'DROP SCHEMA "{name}" CASCADE')


def test_every_bench_script_has_a_smoke_test() -> None:
    scripts = {p.stem for p in BENCH.glob("*.py")} - HELPERS
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert scripts <= tested | {"stores"}, f"without a smoke test: {scripts - tested}"


def test_run(tmp_path: Path, schema: str) -> None:
    """bench.stores builds the tiny stores, bench.run measures them and prints the table
    (covering stores.py and tui_probe.py, which run.py starts)."""
    env = {
        "CHEFFORUM_BENCH_STORES": str(tmp_path / "stores"),
        "CHEFFORUM_BENCH_LONG_EVENTS": "600",
        "CHEFFORUM_BENCH_PG": PG_SERVER,
        "CHEFFORUM_BENCH_SCHEMA_PREFIX": schema,
    }
    run(["bench.stores", "--sizes", "2k"], tmp_path, env)
    table = run(
        ["bench.run", "--sizes", "2k", "--samples", "20", "--processes", "1"], tmp_path, env
    )
    assert "| Måling | Mål | SQLite 2k | PostgreSQL 2k |" in table
    rows = {line.split(" | ")[0].strip("| "): line for line in table.splitlines()}
    for row in ("Søgning, 50 bedste", "'rebuild' (hændelser/s)", "'chefforum meetings' som ny"):
        (line,) = [v for k, v in rows.items() if k.startswith(row)]
        assert "| - |" not in line, line  # every store measured


def test_rebuild(tmp_path: Path, schema: str) -> None:
    out = run(
        [
            "bench.rebuild",
            "--db", str(tmp_path / "rebuild.db"),
            "--pg", f"{PG_SERVER}?schema={schema}_rebuild",
            "--meetings", "3", "--long-events", "300", "--repeat", "1",
        ],
        tmp_path,
    )  # fmt: skip
    assert "| SQLite (" in out and "| PostgreSQL (" in out
    assert "rebuild / typed read" in out


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_site(tmp_path: Path, kind: str, request: pytest.FixtureRequest) -> None:
    db = (
        str(tmp_path / "site.db")
        if kind == "sqlite"
        else f"{PG_SERVER}?schema={request.getfixturevalue('schema')}_site"
    )
    out = run(
        [
            "bench.site", "--db", db, "--meetings", "3", "--long-events", "300",
            "--requests", "30", "--readers", "4",
        ],
        tmp_path,
    )  # fmt: skip
    for row in ("| Mødeside (HTTP) | 30 |", "| Søgning (HTTP) | 30 |", "stylesheet"):
        assert row in out, out


def test_saves(tmp_path: Path) -> None:
    from bench.prepared import prepare

    minutes, long_id = prepare(str(tmp_path / "saves.db"), 3, 300, fresh=True)
    minutes.close()
    out = run(
        ["bench.saves", str(tmp_path / "saves.db"), "--samples", "20", "--long", str(long_id)],
        tmp_path,
    )
    assert "long" in out and "gulv" in out


def test_pdf(tmp_path: Path) -> None:
    out = run(["bench.pdf", "--samples", "3", "--long-samples", "1"], tmp_path)
    assert "| HTML, 48 punkter | 1 |" in out


def test_busy_writers(tmp_path: Path) -> None:
    out = run(
        ["bench.busy_writers", "--runs", "1", "--writers", "2", "--changes", "5", "--no-pg"],
        tmp_path,
    )
    assert "| sqlite | 1 | 10 | 0 | 0 |" in out


def test_fuzz_cli(tmp_path: Path) -> None:
    out = run(["bench.fuzz_cli", "--cases", "20"], tmp_path)
    assert "20 cases" in out and "0 tracebacks" in out


def test_fuzz_import(tmp_path: Path) -> None:
    out = run(["bench.fuzz_import", "--cases", "10"], tmp_path)
    assert "0 failing properties" in out


def test_tamper_matrix(tmp_path: Path) -> None:
    out = run(["bench.tamper_matrix", "--no-pg"], tmp_path)
    assert "tracebacks: 0" in out


def test_tui_walk(tmp_path: Path) -> None:
    out = run(["bench.tui_walk", "--walks", "1", "--steps", "3"], tmp_path)
    assert '"failures": 0' in out


def test_member_links(tmp_path: Path) -> None:
    out = run(["bench.member_links", "--requests", "5", "--members", "3"], tmp_path)
    assert "| Medlemmets side (HTTP) | 5 |" in out


def test_attachments(tmp_path: Path) -> None:
    out = run(["bench.attachments", "--files", "2", "--requests", "5", "--readers", "2"], tmp_path)
    assert "| Filerne selv (2, 1-5 MB) |" in out
    assert "| 5 MB bilag, 2 læsere på én gang (HTTP) | 5 |" in out


def test_monkey(tmp_path: Path) -> None:
    out = run(["bench.monkey", "--walks", "1", "--bursts", "2"], tmp_path)
    assert "failed seeds: none" in out
