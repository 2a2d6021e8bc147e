"""The arguments of the forum commands and of what real minutes record (issue 13).

`chefforum forum show|members|template|standing|settings FORUM ...` edit the forum a new
meeting starts from; `postpone`, `withdraw`, `vote`, `remark`, `unremark`, `absent`,
`absence` and `facts` record on a meeting. Kept apart from parser.py, which calls add().
"""

from __future__ import annotations

import argparse
from datetime import time
from typing import Any

from domain.forum.state import MEMBER_ROLES, NUMBERINGS
from domain.meeting.state import (
    ABSENCE_REASONS,
    DOCUMENT_KINDS,
    ITEM_KINDS,
    MEETING_KINDS,
    REMARK_KINDS,
)


def _time(text: str) -> time:
    try:
        if len(text) != 5:
            raise ValueError
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et klokkeslæt som 09:00") from None


class InOrder(argparse.Action):
    """Keeps the vote options in the order given: each --motion starts a new motion,
    and the options after it belong to it."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        steps = list(getattr(namespace, self.dest, None) or [])
        steps.append((self.metavar, values))
        setattr(namespace, self.dest, steps)


def add(sub: Any) -> None:
    """Add the forum command group and the meeting record commands to `sub`."""
    _forum(sub)
    _records(sub)


def _forum(sub: Any) -> None:
    text = "vis og ret et forum: medlemmer, skabelon, faste punkter og indstillinger"
    forum = sub.add_parser("forum", help=text, description=text)
    forum.set_defaults(run="forums:cmd_forum")
    parts = forum.add_subparsers(dest="forum_command", metavar="DEL", required=True)

    p = parts.add_parser("show", help="vis forummet", description="vis forummet")
    p.add_argument("forum", metavar="FORUM")

    text = "vis medlemmerne, eller tilføj, ret eller fjern et (kun sekretærer)"
    p = parts.add_parser("members", help=text, description=text)
    p.add_argument("forum", metavar="FORUM")
    p.add_argument("--set", metavar="NAVN", help="tilføj eller ret medlemmet NAVN")
    p.add_argument("--remove", metavar="NAVN", help="fjern medlemmet NAVN")
    p.add_argument("--title", metavar="TITEL")
    p.add_argument("--party", metavar="PARTI")
    p.add_argument("--role", choices=MEMBER_ROLES, default="medlem")
    p.add_argument("--email", metavar="ADRESSE", help="hvor medlemmets post sendes hen")
    p.add_argument(
        "--substitute",
        action="append",
        default=[],
        metavar="NAVN",
        help="fast stedfortræder (kan gentages, i den rækkefølge de indkaldes)",
    )

    text = "vis afsnitsskabelonen, eller sæt den: overskrifterne i rækkefølge"
    p = parts.add_parser("template", help=text, description=text)
    p.add_argument("forum", metavar="FORUM")
    p.add_argument("headings", nargs="*", metavar="OVERSKRIFT")

    text = "vis de faste punkter, eller sæt det første eller sidste"
    p = parts.add_parser("standing", help=text, description=text)
    p.add_argument("forum", metavar="FORUM")
    p.add_argument("place", nargs="?", choices=("first", "last"), metavar="first|last")
    p.add_argument("--title", metavar="TITEL")
    p.add_argument("--kind", choices=ITEM_KINDS)
    p.add_argument("--recommendation", metavar="TEKST", help="standardindstilling")
    p.add_argument("--none", action="store_true", help="intet fast punkt her")

    text = "vis eller ret sted, tid, tidszone, dokumenttype og nummerering"
    p = parts.add_parser("settings", help=text, description=text)
    p.add_argument("forum", metavar="FORUM")
    p.add_argument("--organisation")
    p.add_argument("--place", metavar="STED")
    p.add_argument("--start", type=_time, metavar="TT:MM")
    p.add_argument("--end", type=_time, metavar="TT:MM")
    p.add_argument("--time-zone", metavar="ZONE", help="IANA-navn, fx Europe/Copenhagen")
    p.add_argument("--document", choices=DOCUMENT_KINDS)
    p.add_argument(
        "--numbering",
        choices=NUMBERINGS,
        help="meeting: fra 1 på hvert møde; year: fortløbende hen over kalenderåret",
    )
    p.add_argument(
        "--agenda-days",
        type=int,
        metavar="N",
        help="dagsordenen sendes senest N dage før mødet (styrelsesvedtægten; 4)",
    )


def _records(sub: Any) -> None:
    text = "udsæt et punkt: det bliver stående som udsat og føres til forummets næste møde"
    p = sub.add_parser("postpone", help=text, description=text)
    p.set_defaults(run="forums:cmd_postpone")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT")
    p.add_argument("--reason", metavar="BEGRUNDELSE")
    p.add_argument("--to", metavar="MØDE", help="et andet senere møde end det næste")

    text = "træk et punkt: det beholder sit nummer og står som trukket"
    p = sub.add_parser("withdraw", help=text, description=text)
    p.set_defaults(run="forums:cmd_withdraw")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT")
    p.add_argument("--reason", metavar="BEGRUNDELSE")

    text = (
        "registrér afstemninger om forslag på et punkt, i den rækkefølge de blev taget: "
        "--motion TEKST [--by PARTI] [--result vedtaget|forkastet] [--for 'N: navne'] ..."
    )
    p = sub.add_parser("vote", help="registrér afstemninger om forslag", description=text)
    p.set_defaults(run="forums:cmd_vote")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT")
    for flag, tag in (
        ("--motion", "motion"),
        ("--by", "by"),
        ("--result", "result"),
        ("--for", "for"),
        ("--against", "against"),
        ("--abstain", "abstain"),
        ("--blank", "blank"),
    ):
        p.add_argument(flag, dest="steps", action=InOrder, metavar=tag)
    p.add_argument("--confirm", action="store_true", help="gem, selv om stemmetallene ikke passer")

    text = "skriv en protokolbemærkning eller mindretalsudtalelse under beslutningen"
    p = sub.add_parser("remark", help=text, description=text)
    p.set_defaults(run="forums:cmd_remark")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT")
    p.add_argument("by", metavar="FRA", help="medlem eller partigruppe")
    p.add_argument("text", metavar="TEKST")
    p.add_argument("--kind", choices=REMARK_KINDS, default="protokolbemærkning")

    text = "træk en bemærkning tilbage før godkendelsen"
    p = sub.add_parser("unremark", help=text, description=text)
    p.set_defaults(run="forums:cmd_unremark")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT")
    p.add_argument("by", metavar="FRA")

    text = "registrér fravær fra et punkt (også for et medlem af forummet, der ikke er deltager)"
    p = sub.add_parser("absent", help=text, description=text)
    p.set_defaults(run="forums:cmd_absent")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT")
    p.add_argument("name", metavar="NAVN")
    p.add_argument("--reason", choices=ABSENCE_REASONS)
    p.add_argument("--substitute", metavar="NAVN")
    p.add_argument("--confirm", action="store_true", help="gem, selv om personen har stemt")

    text = "grunden til en deltagers afbud eller fravær fra hele mødet (ferie, sygdom, andet)"
    p = sub.add_parser("absence", help=text, description=text)
    p.set_defaults(run="forums:cmd_absence")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("name", metavar="NAVN")
    p.add_argument("reason", metavar="GRUND", help="tom tekst fjerner grunden")

    text = "mødetype, dokumenttype og bemærkninger til hele mødet"
    p = sub.add_parser("facts", help=text, description=text)
    p.set_defaults(run="forums:cmd_facts")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--kind", choices=MEETING_KINDS)
    p.add_argument("--document", choices=DOCUMENT_KINDS)
    p.add_argument("--remarks", metavar="TEKST", help="bemærkninger (tom tekst fjerner dem)")
