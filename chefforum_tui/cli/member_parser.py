"""The arguments of the members' commands (issue 24): `send`, `remind` and `links`.
Kept apart from parser.py, which calls add()."""

from __future__ import annotations

import argparse
from typing import Any

SENDABLE = ("dagsorden", "udkast", "referat")


def _days(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 365:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et antal dage fra 1 til 365")
    return int(text)


def add(sub: Any) -> None:
    text = (
        "send hvert medlem dagsordenen, udkastet eller referatet med et personligt link "
        "(SMTP fra CHEFFORUM_SMTP_URL, ellers .eml-filer i CHEFFORUM_MAIL_DIR)"
    )
    p = sub.add_parser("send", help=text, description=text)
    p.set_defaults(run="members:cmd_send")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("kind", metavar="HVAD", choices=SENDABLE)
    p.add_argument("--to", action="append", default=[], metavar="NAVN", help="kun til NAVN")
    p.add_argument("--days", type=_days, default=14, help="linkets gyldighed i dage (14)")

    text = "send en påmindelse til de medlemmer, der endnu ikke har godkendt referatet"
    p = sub.add_parser("remind", help=text, description=text)
    p.set_defaults(run="members:cmd_remind")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--days", type=_days, default=14, help="linkets gyldighed i dage (14)")

    text = "vis de personlige links til et møde, eller træk dem tilbage"
    p = sub.add_parser("links", help=text, description=text)
    p.set_defaults(run="members:cmd_links")
    parts = p.add_subparsers(dest="links_command", metavar="HANDLING")
    q = parts.add_parser("show", help="vis linkene", description="vis linkene")
    q.add_argument("meeting", metavar="MØDE")
    text = "træk et medlems links (eller alle) tilbage"
    q = parts.add_parser("revoke", help=text, description=text)
    q.add_argument("meeting", metavar="MØDE")
    q.add_argument("--member", metavar="NAVN", help="kun NAVNs links")
