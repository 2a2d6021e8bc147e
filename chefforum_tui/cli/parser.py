"""The arguments of every command (argparse); the choices come from the domain's tuples."""

from __future__ import annotations

import argparse
from datetime import date, time
from typing import NoReturn, TypeAlias

from chefforum_tui.cli import files_parser, forum_parser, member_parser
from chefforum_tui.cli.danish_argparse import DanishParser
from chefforum_tui.cli.errors import UsageError
from domain.forum.state import FORUM_ROLES
from domain.meeting.state import ATTENDANCES, ITEM_KINDS, ROLES
from domain.text import FIRST_NUMBER_LIMIT, MINUTES_LIMIT
from projections.documents.render.formats import FORMATS

PROG = "chefforum"
IMPORT_FORMATS = ("json", "markdown", "text", "pdf", "zip")


class Parser(DanishParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# argparse has no public name for the object add_subparsers() returns.
Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato som 2026-05-20") from None


def _time(text: str) -> time:
    try:
        if len(text) != 5:
            raise ValueError
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et klokkeslæt som 09:00") from None


def _whole(text: str, low: int, high: int, what: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits.lstrip("0")) > len(str(high)):
        raise argparse.ArgumentTypeError(f"'{text[:40]}' er ikke {what} fra {low} til {high}")
    if not low <= int(digits) <= high:
        raise argparse.ArgumentTypeError(f"{what} skal være fra {low} til {high}, ikke {digits}")
    return int(digits)


def _minutes(text: str) -> int:
    return _whole(text, 0, MINUTES_LIMIT, "et antal minutter")


def _first_number(text: str) -> int:
    return _whole(text, 1, FIRST_NUMBER_LIMIT, "et punktnummer")


def _given(text: str) -> str:
    """A value that must be given when the option is (an empty one is no filter)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("må ikke være tom")
    return text


def _position(text: str) -> str:
    """A position in a meeting's log (digits) or a moment (2026-05-20T10:15)."""
    text = _given(text).strip()
    if text.isdigit() and not (text.isascii() and len(text) <= 12):
        raise argparse.ArgumentTypeError(f"'{text[:40]}' er ikke en position som 12")
    return text


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description=(
            "Referater af kommunale møder, gemt som hændelser: hvem ændrede hvad og hvornår. "
            "Uden underkommando åbnes terminalbrugerfladen."
        ),
    )
    parser.add_argument(
        "--db",
        type=_given,
        help="hændelseslager: SQLite-fil eller postgresql://-URL "
        "(ellers CHEFFORUM_DB, ellers events.db i arbejdsmappen)",
    )
    parser.add_argument(
        "--actor", type=_given, help="hvem du er (ellers CHEFFORUM_ACTOR, ellers login-navnet)"
    )
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)
    # In this order --help lists them.
    _meetings(sub)
    _export(sub)
    _audit(sub)
    _keygen(sub)
    _search(sub)
    _roles(sub)
    _rebuild(sub)
    _import(sub)
    _people(sub)
    forum_parser.add(sub)
    files_parser.add(sub)
    member_parser.add(sub)
    _site(sub)
    return parser


def _meetings(sub: Commands) -> None:
    p = sub.add_parser(
        "meetings",
        help="vis møderne med forum, dato og status",
        description="vis møderne med forum, dato og status",
    )
    p.set_defaults(run="meetings:cmd_meetings")
    p.add_argument("--json", action="store_true", help="som JSON")

    sub.add_parser(
        "demo",
        help="indlæs et demomøde (to gange giver stadig ét møde)",
        description="indlæs et demomøde (to gange giver stadig ét møde)",
    ).set_defaults(run="meetings:cmd_demo")

    text = "opret et møde ud fra forummets medlemmer, faste punkter og indstillinger"
    p = sub.add_parser("new", help=text, description=text)
    p.set_defaults(run="meetings:cmd_new")
    p.add_argument("forum")
    p.add_argument("date", type=_date, metavar="DATO")
    p.add_argument("--start", type=_time, metavar="TT:MM")
    p.add_argument("--end", type=_time, metavar="TT:MM")
    p.add_argument("--place", metavar="STED")
    p.add_argument("--organisation")
    p.add_argument(
        "--first-number",
        type=_first_number,
        metavar="N",
        help="første punktnummer (ellers 1, eller fortsat fra forummets forrige møde i året, "
        "når forummet nummererer hen over året)",
    )

    p = sub.add_parser(
        "add-participant", help="tilføj en deltager", description="tilføj en deltager"
    )
    p.set_defaults(run="meetings:cmd_add_participant")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("name", metavar="NAVN")
    p.add_argument("--title")
    p.add_argument("--party")
    p.add_argument("--role", default="member", choices=ROLES)
    p.add_argument("--attendance", default="present", choices=ATTENDANCES)
    p.add_argument("--substitute-for", metavar="NAVN")
    p.add_argument("--email", metavar="ADRESSE", help="hvor deltagerens post sendes hen")

    p = sub.add_parser(
        "add-item",
        help="tilføj et punkt til dagsordenen",
        description="tilføj et punkt til dagsordenen",
    )
    p.set_defaults(run="meetings:cmd_add_item")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("title", metavar="TITEL")
    p.add_argument("--case-number", metavar="JOURNALNR")
    p.add_argument("--kind", choices=ITEM_KINDS)
    p.add_argument("--minutes", type=_minutes, metavar="MIN", help="afsat tid")
    p.add_argument("--closed", action="store_true", help="lukket punkt")
    p.add_argument("--number", help="punktnummer, når det ikke tælles fra første nummer")

    for name, text in (
        ("publish", "udsend dagsordenen"),
        ("start", "start mødet"),
        ("end", "afslut mødet"),
    ):
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(run=f"meetings:cmd_{name}")
        p.add_argument("meeting", metavar="MØDE")
        if name != "publish":
            when = "klokkeslæt (ellers nu, i mødets tidszone)"
            p.add_argument("--at", type=_time, metavar="TT:MM", help=when)

    p = sub.add_parser(
        "decide",
        help="skriv beslutningen på et punkt",
        description="skriv beslutningen på et punkt",
    )
    p.set_defaults(run="meetings:cmd_decide")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT", help="punktets nummer")
    p.add_argument("text", metavar="TEKST")

    p = sub.add_parser(
        "approve",
        help="et medlem underskriver referatet",
        description="et medlem underskriver referatet",
    )
    p.set_defaults(run="meetings:cmd_approve")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--by", required=True, metavar="NAVN")
    p.add_argument("--reservation", metavar="TEKST", help="forbehold ved underskriften")

    p = sub.add_parser(
        "correct",
        help="tilføj en rettelse til et godkendt referat",
        description="tilføj en rettelse til et godkendt referat",
    )
    p.set_defaults(run="meetings:cmd_correct")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--reason", required=True, metavar="BEGRUNDELSE")
    p.add_argument("--text", required=True, metavar="TEKST")
    p.add_argument(
        "--item", type=_given, metavar="PUNKT", help="punktets nummer (ellers hele mødet)"
    )


def _export(sub: Commands) -> None:
    p = sub.add_parser(
        "export",
        help="skriv referatet ud (tekst, Markdown, HTML, JSON eller PDF)",
        description="skriv referatet ud (tekst, Markdown, HTML, JSON eller PDF)",
    )
    p.set_defaults(run="documents:cmd_export")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--format", default="text", choices=(*FORMATS, "godkendelse"))
    p.add_argument(
        "--public", action="store_true", help="offentlig udgave: lukkede punkter kun med titel"
    )
    p.add_argument(
        "--agenda", action="store_true", help="dagsordenen: uden beslutninger og godkendelse"
    )
    p.add_argument("-o", "--output", metavar="FIL", help="fil (ellers standard-output)")
    p.add_argument(
        "--med-bilag",
        dest="with_files",
        action="store_true",
        help="PDF: bilag, der er PDF-filer, sættes bag referatet med bogmærker",
    )
    p.add_argument(
        "--at",
        type=_position,
        metavar="N|TIDSPUNKT",
        help="referatet som det stod lige efter position N i mødets log, "
        "eller på et tidspunkt (2026-05-20T10:15)",
    )


def _audit(sub: Commands) -> None:
    text = "vis hvem der ændrede hvad og hvornår"
    p = sub.add_parser("log", help=text, description=text)
    p.set_defaults(run="audit:cmd_log")
    p.add_argument("meeting", metavar="MØDE", nargs="?")
    p.add_argument("--all", action="store_true", help="alle møder")
    p.add_argument("--actor", dest="by", type=_given, metavar="NAVN", help="kun ændringer af NAVN")
    p.add_argument(
        "--item", type=_given, metavar="PUNKT", help="kun ændringer af punktet med dette nummer"
    )
    p.add_argument(
        "--since", type=_given, metavar="TIDSPUNKT", help="fra og med (2026-05-20T10:15)"
    )
    p.add_argument("--until", type=_given, metavar="TIDSPUNKT", help="til og med")
    p.add_argument("--json", action="store_true", help="som JSON")

    text = "vis forskellen ord for ord mellem to udgaver af referatet"
    p = sub.add_parser(
        "diff", help=text, description=text + " (standard: sidste godkendelse og nu)"
    )
    p.set_defaults(run="audit:cmd_diff")
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("a", metavar="A", nargs="?", type=_position, help="position eller tidspunkt")
    p.add_argument(
        "b", metavar="B", nargs="?", type=_position, help="position eller tidspunkt (standard: nu)"
    )

    text = "kontrollér at hændelserne er som de blev skrevet (hashkæde og underskrifter)"
    p = sub.add_parser("verify", help=text, description=text)
    p.set_defaults(run="audit:cmd_verify")
    p.add_argument(
        "--checkpoint",
        metavar="FIL|POSITION:TOP",
        help="kontrollér også, at lageret stadig rummer alt op til kontrolpunktet: en "
        "kontrolpunktfil eller referatets Kontrolsum",
    )


def _keygen(sub: Commands) -> None:
    text = "lav en ny nøgle til kryptering af lageret (sæt den i CHEFFORUM_CIPHER_KEY)"
    sub.add_parser("keygen", help=text, description=text)


def _search(sub: Commands) -> None:
    text = "søg i titler, indstillinger, afsnit, beslutninger og bemærkninger i alle møder"
    p = sub.add_parser("search", help=text, description=text)
    p.set_defaults(run="search:cmd_search")
    p.add_argument("query", metavar="SØGNING", type=_given)
    p.add_argument("--forum", type=_given, help="kun dette forum")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATO", help="fra og med dato")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATO", help="til og med dato")
    p.add_argument(
        "--internal", action="store_true", help="intern visning: også lukkede punkters indhold"
    )
    p.add_argument("--json", action="store_true", help="som JSON")


def _roles(sub: Commands) -> None:
    for name, text in (
        ("grant", "giv en person en rolle i et forum (kun sekretærer)"),
        ("revoke", "fjern en persons rolle i et forum (kun sekretærer)"),
    ):
        p = sub.add_parser(name, help=text, description=text)
        p.set_defaults(run="roles:cmd_grant")  # grant and revoke: one handler
        p.add_argument("forum", metavar="FORUM")
        p.add_argument("person", metavar="NAVN")
        p.add_argument(
            "role",
            metavar="ROLLE",
            choices=list(FORUM_ROLES),
            help="secretary (skriver dagsorden og referat) eller chair (formand: "
            "afslutter mødet og kan registrere underskrifter)",
        )
    text = "vis hvem der har hvilke roller i et forum"
    p = sub.add_parser("roles", help=text, description=text)
    p.set_defaults(run="roles:cmd_roles")
    p.add_argument("forum", metavar="FORUM")


def _rebuild(sub: Commands) -> None:
    text = "genopbyg læsemodellerne (mødeliste, referater, historik, søgning) fra hændelserne"
    sub.add_parser("rebuild", help=text, description=text).set_defaults(run="search:cmd_rebuild")


def _import(sub: Commands) -> None:
    p = sub.add_parser(
        "import",
        help="indlæs et referat (JSON, Markdown, tekst eller PDF)",
        description="indlæs et referat (JSON-udvekslingsformatet, Markdown, tekst som "
        "pdftotext giver den, eller PDF); kun forskelle registreres",
    )
    p.set_defaults(run="documents:cmd_import")
    p.add_argument("file", metavar="FIL")
    p.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="filens format (ellers JSON, når filen begynder med '{', PDF efter dens "
        "signatur, og ellers Markdown eller tekst)",
    )
    p.add_argument("--dry-run", action="store_true", help="vis importrapporten og gem intet")
    p.add_argument("--strict", action="store_true", help="afvis filen i stedet for at gætte")
    closed = p.add_mutually_exclusive_group()
    closed.add_argument(
        "--closed", action="store_true", help="punkter, der måske er lukkede, er lukkede"
    )
    closed.add_argument(
        "--open", action="store_true", help="punkter, der måske er lukkede, er åbne"
    )


def _people(sub: Commands) -> None:
    text = "PostgreSQL: hvilke databaseroller skriver under hvilket navn (kun administrator)"
    p = sub.add_parser("people", help=text, description=text)
    p.set_defaults(run="people:cmd_people")
    p.add_argument("action", nargs="?", default="list", choices=("list", "add", "remove", "site"))
    p.add_argument("role", nargs="?", metavar="ROLLE", help="databaserollen (login)")
    p.add_argument("name", nargs="?", metavar="NAVN", help="navnet, rollen skriver under")


def _port(text: str) -> int:
    return _whole(text, 1, 65535, "et portnummer")


def _site(sub: Commands) -> None:
    """The public site (chefforum_tui/cli/site.py)."""
    text = "vis de offentlige dagsordener og referater som hjemmeside (kun læsning)"
    p = sub.add_parser("serve", help=text, description=text)
    p.set_defaults(run="site:cmd_serve")
    p.add_argument("--host", default="127.0.0.1", type=_given, help="adresse (ellers 127.0.0.1)")
    p.add_argument("--port", default=8000, type=_port, help="port (ellers 8000)")
    p.add_argument(
        "--workers",
        default=1,
        type=lambda text: _whole(text, 1, 64, "et antal processer"),
        metavar="N",
        help="serverprocesser, der svarer side om side (ellers 1)",
    )
    text = "skriv den offentlige hjemmeside som filer til en webserver"
    q = sub.add_parser("site", help=text, description=text)
    q.set_defaults(run="site:cmd_site")
    q.add_argument("outdir", metavar="MAPPE")
    for each in (p, q):
        each.add_argument("--name", type=_given, metavar="NAVN", help="sidens navn")
        each.add_argument(
            "--base-url",
            type=_given,
            metavar="URL",
            help="sidens adresse udefra, til OParl og feeds (https://dagsordener.example.dk)",
        )
