"""The layer rule: chefforum_tui -> projections -> domain; no Textual or SQL in domain;
sqlite3 and psycopg only in the packages projections/store/sqlite/ and postgres/; inside
projections, its rooms one way: site, importing -> mail, readmodels -> documents -> files
-> store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(root), "PATH": str(Path(sys.executable).parent)},
    )


def test_the_import_contracts_hold() -> None:
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "6 kept, 0 broken" in done.stdout


def _copy_tree(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    for package in ("domain", "projections", "chefforum_tui"):
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return copy


def test_a_textual_import_in_domain_breaks_the_contract(tmp_path: Path) -> None:
    copy = _copy_tree(tmp_path)
    (copy / "domain" / "leak.py").write_text("import textual\n")
    done = lint(copy)
    assert done.returncode != 0
    assert "domain imports no Textual and no SQL" in done.stdout


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    copy = _copy_tree(tmp_path)
    (copy / "projections" / "leak.py").write_text("import chefforum_tui.cli\n")
    (copy / "domain" / "leak.py").write_text("import sqlite3\n")
    done = lint(copy)
    assert done.returncode != 0
    assert "Layers point one way" in done.stdout


def test_sql_outside_the_dialect_packages_breaks_the_contract(tmp_path: Path) -> None:
    copy = _copy_tree(tmp_path)
    (copy / "projections" / "readmodels" / "leak.py").write_text("import sqlite3\n")
    (copy / "projections" / "store" / "leak.py").write_text("import psycopg\n")
    done = lint(copy)
    assert done.returncode != 0
    assert "SQL drivers only in the dialect packages of projections.store BROKEN" in done.stdout
    assert "projections.readmodels.leak -> sqlite3" in done.stdout
    assert "projections.store.leak -> psycopg" in done.stdout


def test_an_upward_import_inside_projections_breaks_its_rooms(tmp_path: Path) -> None:
    copy = _copy_tree(tmp_path)
    leak = copy / "projections" / "files" / "leak.py"
    leak.write_text("import projections.importing.document\n")
    done = lint(copy)
    assert done.returncode != 0
    assert "The rooms of projections point one way" in done.stdout
    assert "projections.files is not allowed to import projections.importing" in done.stdout
