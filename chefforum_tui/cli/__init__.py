"""The `chefforum` command: subcommands for scripts, and the terminal UI without one.

Exit codes: 0 done, 1 refused by a rule of the minutes, 2 bad input (one line, no traceback).
The arguments are declared in parser.py; each command group has its module. Everything
printed goes through output.py, which keeps control characters off the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence

from chefforum_tui.cli.errors import Tampered, UsageError
from chefforum_tui.cli.keys import keygen
from chefforum_tui.cli.output import one_line
from chefforum_tui.cli.parser import PROG, build_parser
from domain.application import Minutes
from domain.errors import ChefforumError, Conflict, InvalidInput, NotFound, RuleViolation
from domain.text import line, nfc
from projections.documents import interchange as ix
from projections.store.connect import open_minutes
from projections.store.damage import as_store_error
from projections.store.location import StoreError, location
from projections.store.recorders import signed_in_name

__all__ = ["main", "run"]

Command = Callable[[Minutes, argparse.Namespace, str], None]


def command(args: argparse.Namespace) -> Command:
    """The function that runs the command: each sub-command's parser names it where it
    is declared (`set_defaults(run="module:function")`), and its module is imported only
    now, so that `meetings` on SQLite loads no web server, no PostgreSQL driver and no
    typesetter (tests/processes/test_lazy_imports.py)."""
    module, _, function = str(args.run).partition(":")
    run_it: Command = getattr(importlib.import_module(f"chefforum_tui.cli.{module}"), function)
    return run_it


# Python decodes arguments and the environment with surrogateescape: a byte that is not
# UTF-8 becomes a lone surrogate.
_NOT_UTF8 = re.compile(r"[\ud800-\udfff]")
ENVIRONMENT = ("CHEFFORUM_ACTOR", "CHEFFORUM_DB")


def check_encoding(argv: Sequence[str]) -> None:
    """Refuse, before anything runs, arguments and settings that are not valid UTF-8."""
    for index, arg in enumerate(argv, start=1):
        if _NOT_UTF8.search(arg):
            raise UsageError(f"argument {index} ('{arg}') er ikke gyldig UTF-8")
    for name in ENVIRONMENT:
        if _NOT_UTF8.search(os.environ.get(name, "")):
            raise UsageError(f"{name} er ikke gyldig UTF-8")


def actor_name(given: str | None) -> str:
    """--actor, else CHEFFORUM_ACTOR, else the login name (through the domain's gate)."""
    name = given if given is not None else os.environ.get("CHEFFORUM_ACTOR") or ""
    if not name.strip() and given is None:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):  # no login name (a container without a user entry)
            name = ""
    return line(name, "Navnet i --actor (eller CHEFFORUM_ACTOR)")


def run(argv: Sequence[str]) -> int:
    check_encoding(argv)
    parser = build_parser()
    args = parser.parse_args([nfc(a) for a in argv])
    if args.command == "keygen":  # needs no store
        keygen()
        return 0
    actor = actor_name(args.actor)
    if not actor:
        raise UsageError("angiv hvem du er med --actor eller CHEFFORUM_ACTOR")
    if args.command is None:
        from chefforum_tui.app import run_app

        app = open_minutes(args.db)  # a store that cannot open is one line here, not a blank UI
        try:
            actor = signed_in(app, args, actor)
        finally:
            app.close()
        run_app(args.db, actor)
        return 0
    # verify reads the store as it is: it creates, repairs and checks nothing on opening.
    app = open_minutes(args.db, create=args.command != "verify")
    try:
        command(args)(app, args, signed_in(app, args, actor))
    except Exception as e:
        # A damaged store raises whatever the library meets first: one line, exit 2.
        found = as_store_error(e, location(args.db))
        if found is None:
            raise
        raise found from e
    finally:
        app.close()
    return 0


def _error(prefix: str, error: Exception) -> None:
    print(f"{PROG}: {prefix}{one_line(str(error))}", file=sys.stderr)


def signed_in(app: Minutes, args: argparse.Namespace, actor: str) -> str:
    """Undeclared, the actor on a PostgreSQL store that enforces identities is the
    display name of the database role logged in (projections/store/recorders.py)."""
    if args.actor or os.environ.get("CHEFFORUM_ACTOR") or args.command == "verify":
        return actor
    return signed_in_name(app) or actor


def _one_line_warning(message: Warning | str, *_: object, **__: object) -> None:
    print(f"{PROG}: advarsel: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    warnings.showwarning = _one_line_warning
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except InvalidInput as e:  # a RuleViolation, but bad input
        _error("fejl: ", e)
        return 2
    except (RuleViolation, Conflict) as e:
        _error("afvist: ", e)
        return 1
    except Tampered as e:
        _error("", e)
        return 1
    except (UsageError, NotFound, StoreError, ix.DocumentError, argparse.ArgumentTypeError) as e:
        _error("fejl: ", e)
        return 2
    except ChefforumError as e:
        _error("fejl: ", e)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
