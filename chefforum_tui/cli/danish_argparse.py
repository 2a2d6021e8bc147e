"""argparse in Danish: its own words (the usage line, the headings of --help, its error
messages) as well as ours.

argparse (3.11-3.13) looks its words up at call time through the module's `_` and
`ngettext` (gettext's, which has no Danish catalogue for it), when a parser is made, when
it formats its help and when it parses. The parser below puts a Danish translation
function in their place for just those calls and puts gettext's back afterwards, so
nothing else in the process (a test runner's own options) changes language. A word
argparse adds in a later version falls back to its English text.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

# The words a user can meet; argparse's other messages report mistakes in the parser's
# own declaration, which no command line can cause.
DANISH = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "optional arguments": "tilvalg",  # before 3.10
    "show this help message and exit": "vis denne hjælp og afslut",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "expected one argument": "mangler en værdi",
    "expected at most one argument": "højst én værdi",
    "expected at least one argument": "mindst én værdi",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydigt tilvalg: %(option)s kan være %(matches)s"
    ),
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "ignored explicit argument %r": "tager ingen værdi (fik %r)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)"
    ),
    "unexpected option string: %s": "uventet tilvalg: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
}
DANISH_PLURALS = {
    ("expected %s argument", "expected %s arguments"): ("mangler %s værdi", "mangler %s værdier"),
}


def gettext(message: str) -> str:
    return DANISH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = DANISH_PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


@contextmanager
def danish() -> Iterator[None]:
    """argparse's words in Danish while the block runs (nested blocks are fine)."""
    module: Any = argparse
    before = module._, module.ngettext
    module._, module.ngettext = gettext, ngettext
    try:
        yield
    finally:
        module._, module.ngettext = before


class DanishParser(argparse.ArgumentParser):
    """An ArgumentParser whose --help, usage and messages are Danish."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with danish():  # the help option and the headings are made here
            super().__init__(*args, **kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with danish():  # "unrecognized arguments" is said here, after parse_known_args
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with danish():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with danish():
            return super().format_usage()

    def format_help(self) -> str:
        with danish():
            return super().format_help()
