"""The `attach` and `detach` commands' arguments (files.py runs them): apart from the
commands, so that the parser, built on every start, loads no file inspection."""

from __future__ import annotations

from typing import Any


def add(sub: Any) -> None:
    text = "vedhæft en fil som bilag til et punkt (PDF, tekst, billeder, kontordokumenter)"
    p = sub.add_parser("attach", help=text, description=text)
    p.set_defaults(run="files:cmd_attach")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT", help="punktets nummer")
    p.add_argument("file", metavar="FIL")
    p.add_argument("--name", metavar="NAVN", help="bilagets navn (ellers filens navn)")
    p.add_argument(
        "--closed", action="store_true", help="lukket bilag: aldrig på den offentlige side"
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="erstat filen i bilaget med samme navn (før godkendelsen)",
    )
    p.add_argument(
        "--reason",
        metavar="BEGRUNDELSE",
        help="efter godkendelsen: bilaget tilføjes som en rettelse med denne begrundelse",
    )
    text = "fjern et bilag fra et punkt (før godkendelsen)"
    p = sub.add_parser("detach", help=text, description=text)
    p.set_defaults(run="files:cmd_detach")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT", help="punktets nummer")
    p.add_argument("name", metavar="NAVN")
