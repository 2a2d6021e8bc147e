"""The command line speaks Danish to the end: --help of every command and argparse's own
error messages (a missing argument, an unknown option, a bad choice), one line, exit 2."""

from __future__ import annotations

import argparse
import gettext
import re
from pathlib import Path

import pytest

from chefforum_tui.cli.parser import build_parser
from tests.integration.test_cli import run

ENGLISH = re.compile(
    r"usage:|positional arguments|options:|optional arguments|show this help|"
    r"required|unrecognized|invalid choice|expected|error:",
)


def every_parser(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                out.extend(every_parser(sub))
    return out


def test_the_help_of_every_command_is_danish(tmp_path: Path) -> None:
    done = run("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("brug: chefforum")
    assert "tilvalg:" in done.stdout and "vis denne hjælp og afslut" in done.stdout
    parsers = every_parser(build_parser())
    assert len(parsers) > 30
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("brug: "), parser.prog
        assert not ENGLISH.search(text), (parser.prog, ENGLISH.search(text))
    # The translation holds while a parser speaks, and is gettext's again after it.
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("eksporter",), "ugyldigt valg: 'eksporter' (vælg mellem 'meetings',"),
        (("export",), "disse argumenter mangler: MØDE"),
        (("meetings", "--bogus"), "ukendte argumenter: --bogus"),
        (("start", "Chefforum/2026-06-17", "--at"), "--at: mangler en værdi"),
        (("export", "x", "--format", "word"), "--format: ugyldigt valg: 'word'"),
        (("--db",), "--db: mangler en værdi"),
    ],
)
def test_argparses_own_errors_are_danish_one_line_exit_2(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("chefforum: fejl: ") and message in line, line
    assert not ENGLISH.search(line.removeprefix("chefforum: fejl: ")), line
