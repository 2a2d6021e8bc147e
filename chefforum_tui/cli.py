"""The `chefforum` command: subcommands for scripts, and the terminal UI without one.

Exit codes: 0 done, 1 refused by a rule of the minutes, 2 bad input (one line, no traceback).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, time
from pathlib import Path
from time import perf_counter
from typing import NoReturn
from uuid import UUID

from domain.application import Minutes
from domain.errors import ChefforumError, Conflict, NotFound, RuleViolation
from domain.forum import FORUM_ROLES
from domain.text import nfc
from projections.demo import load_demo
from projections.documents import interchange as ix
from projections.documents.parse.markdown import import_markdown
from projections.documents.referat import sign
from projections.documents.render.export import FORMATS, render
from projections.importing import import_document
from projections.readmodels.audit import last_approval, parse_moment, position_at
from projections.readmodels.runner import ReadModels
from projections.store.cipher import new_key
from projections.store.connect import StoreError, open_minutes
from projections.tools.diff import diff

PROG = "chefforum"


class UsageError(ChefforumError):
    """Bad input on the command line."""


class Tampered(ChefforumError):
    """verify found the store altered (exit 1, like a refusal)."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


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


def _minutes(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' er ikke et antal minutter")
    return int(text)


def actor_name(given: str | None) -> str:
    """--actor, else CHEFFORUM_ACTOR, else the login name."""
    name = given or os.environ.get("CHEFFORUM_ACTOR") or getpass.getuser()
    return nfc(name).strip()


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
        help="hændelseslager: SQLite-fil eller postgresql://-URL "
        "(ellers CHEFFORUM_DB, ellers events.db i arbejdsmappen)",
    )
    parser.add_argument("--actor", help="hvem du er (ellers CHEFFORUM_ACTOR, ellers login-navnet)")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)

    p = sub.add_parser(
        "meetings",
        help="vis møderne med forum, dato og status",
        description="vis møderne med forum, dato og status",
    )
    p.add_argument("--json", action="store_true", help="som JSON")

    sub.add_parser(
        "demo",
        help="indlæs et demomøde (to gange giver stadig ét møde)",
        description="indlæs et demomøde (to gange giver stadig ét møde)",
    )

    p = sub.add_parser("new", help="opret et møde", description="opret et møde")
    p.add_argument("forum")
    p.add_argument("date", type=_date, metavar="DATO")
    p.add_argument("--start", type=_time, metavar="TT:MM")
    p.add_argument("--end", type=_time, metavar="TT:MM")
    p.add_argument("--place", metavar="STED")
    p.add_argument("--organisation")
    p.add_argument(
        "--first-number",
        type=int,
        default=1,
        metavar="N",
        help="første punktnummer (for fora der nummererer hen over året)",
    )

    p = sub.add_parser(
        "add-participant", help="tilføj en deltager", description="tilføj en deltager"
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("name", metavar="NAVN")
    p.add_argument("--title")
    p.add_argument("--party")
    p.add_argument(
        "--role", default="member", choices=["member", "chair", "secretary", "guest", "substitute"]
    )
    p.add_argument("--attendance", default="present", choices=["present", "excused", "absent"])
    p.add_argument("--substitute-for", metavar="NAVN")

    p = sub.add_parser(
        "add-item",
        help="tilføj et punkt til dagsordenen",
        description="tilføj et punkt til dagsordenen",
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("title", metavar="TITEL")
    p.add_argument("--case-number", metavar="JOURNALNR")
    p.add_argument("--kind", choices=["orientering", "drøftelse", "beslutning"])
    p.add_argument("--minutes", type=_minutes, metavar="MIN", help="afsat tid")
    p.add_argument("--closed", action="store_true", help="lukket punkt")
    p.add_argument("--number", help="punktnummer, når det ikke tælles fra første nummer")

    for name, text in (
        ("publish", "udsend dagsordenen"),
        ("start", "start mødet"),
        ("end", "afslut mødet"),
    ):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("meeting", metavar="MØDE")
        if name != "publish":
            p.add_argument("--at", type=_time, metavar="TT:MM", help="klokkeslæt")

    p = sub.add_parser(
        "decide",
        help="skriv beslutningen på et punkt",
        description="skriv beslutningen på et punkt",
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("item", metavar="PUNKT", help="punktets nummer")
    p.add_argument("text", metavar="TEKST")

    p = sub.add_parser(
        "approve",
        help="et medlem underskriver referatet",
        description="et medlem underskriver referatet",
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--by", required=True, metavar="NAVN")
    p.add_argument("--reservation", metavar="TEKST", help="forbehold ved underskriften")

    p = sub.add_parser(
        "correct",
        help="tilføj en rettelse til et godkendt referat",
        description="tilføj en rettelse til et godkendt referat",
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--reason", required=True, metavar="BEGRUNDELSE")
    p.add_argument("--text", required=True, metavar="TEKST")
    p.add_argument("--item", metavar="PUNKT", help="punktets nummer (ellers hele mødet)")

    p = sub.add_parser(
        "export",
        help="skriv referatet ud (tekst, Markdown, HTML eller JSON)",
        description="skriv referatet ud (tekst, Markdown, HTML eller JSON)",
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("--format", default="text", choices=FORMATS)
    p.add_argument(
        "--public", action="store_true", help="offentlig udgave: lukkede punkter kun med titel"
    )
    p.add_argument(
        "--agenda", action="store_true", help="dagsordenen: uden beslutninger og godkendelse"
    )
    p.add_argument("-o", "--output", metavar="FIL", help="fil (ellers standard-output)")
    p.add_argument(
        "--at",
        metavar="N|TIDSPUNKT",
        help="referatet som det stod lige efter position N i mødets log, "
        "eller på et tidspunkt (2026-05-20T10:15)",
    )

    text = "vis hvem der ændrede hvad og hvornår"
    p = sub.add_parser("log", help=text, description=text)
    p.add_argument("meeting", metavar="MØDE", nargs="?")
    p.add_argument("--all", action="store_true", help="alle møder")
    p.add_argument("--actor", dest="by", metavar="NAVN", help="kun ændringer af NAVN")
    p.add_argument("--item", metavar="PUNKT", help="kun ændringer af punktet med dette nummer")
    p.add_argument("--since", metavar="TIDSPUNKT", help="fra og med (2026-05-20T10:15)")
    p.add_argument("--until", metavar="TIDSPUNKT", help="til og med")
    p.add_argument("--json", action="store_true", help="som JSON")

    text = "vis forskellen ord for ord mellem to udgaver af referatet"
    p = sub.add_parser(
        "diff", help=text, description=text + " (standard: sidste godkendelse og nu)"
    )
    p.add_argument("meeting", metavar="MØDE")
    p.add_argument("a", metavar="A", nargs="?", help="position eller tidspunkt")
    p.add_argument("b", metavar="B", nargs="?", help="position eller tidspunkt (standard: nu)")

    text = "kontrollér at hændelserne er som de blev skrevet (hashkæde og underskrifter)"
    sub.add_parser("verify", help=text, description=text)

    text = "lav en ny nøgle til kryptering af lageret (sæt den i CHEFFORUM_CIPHER_KEY)"
    sub.add_parser("keygen", help=text, description=text)

    text = "søg i titler, indstillinger, afsnit, beslutninger og bemærkninger i alle møder"
    p = sub.add_parser("search", help=text, description=text)
    p.add_argument("query", metavar="SØGNING")
    p.add_argument("--forum", help="kun dette forum")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATO", help="fra og med dato")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATO", help="til og med dato")
    p.add_argument(
        "--internal", action="store_true", help="intern visning: også lukkede punkters indhold"
    )
    p.add_argument("--json", action="store_true", help="som JSON")

    for name, text in (
        ("grant", "giv en person en rolle i et forum (kun sekretærer)"),
        ("revoke", "fjern en persons rolle i et forum (kun sekretærer)"),
    ):
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("forum", metavar="FORUM")
        p.add_argument("person", metavar="NAVN")
        p.add_argument(
            "role",
            metavar="ROLLE",
            choices=["secretary", "chair"],
            help="secretary (skriver dagsorden og referat) eller chair (formand: "
            "afslutter mødet og kan registrere underskrifter)",
        )
    text = "vis hvem der har hvilke roller i et forum"
    p = sub.add_parser("roles", help=text, description=text)
    p.add_argument("forum", metavar="FORUM")

    text = "genopbyg læsemodellerne (mødeliste, referater, historik, søgning) fra hændelserne"
    sub.add_parser("rebuild", help=text, description=text)

    p = sub.add_parser(
        "import",
        help="indlæs et referat (JSON-udvekslingsformatet eller Markdown)",
        description="indlæs et referat (JSON-udvekslingsformatet eller Markdown); "
        "kun forskelle registreres",
    )
    p.add_argument("file", metavar="FIL")
    p.add_argument(
        "--format",
        choices=["json", "markdown"],
        help="filens format (ellers JSON, når filen begynder med '{', og ellers Markdown)",
    )
    return parser


def _meeting_ref_help() -> str:
    return "MØDE er et id, begyndelsen af et id eller FORUM/ÅÅÅÅ-MM-DD"


def cmd_meetings(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    summaries = app.summaries()
    if args.json:
        rows = [
            {
                "id": str(s.id),
                "forum": s.forum,
                "date": s.date.isoformat(),
                "status": s.status_label,
                "items": s.items,
            }
            for s in summaries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not summaries:
        print("Ingen møder endnu. Opret et med 'chefforum new' eller prøv 'chefforum demo'.")
        return
    print(f"{'ID':<8}  {'DATO':<10}  {'STATUS':<17}  {'PKT':>3}  FORUM")
    for s in summaries:
        print(
            f"{s.id.hex[:8]:<8}  {s.date.isoformat():<10}  {s.status_label:<17}  "
            f"{s.items:>3}  {s.forum}"
        )


def cmd_demo(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    ref, recorded = load_demo(app, actor)
    if recorded:
        print(f"Demomødet {ref} er indlæst ({recorded} hændelser).")
    else:
        print(f"Demomødet {ref} findes allerede; intet ændret.")


def cmd_new(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.schedule(
        actor,
        args.forum,
        args.date,
        start=args.start,
        end=args.end,
        place=args.place,
        organisation=args.organisation,
        first_number=args.first_number,
    )
    print(meeting_id)


def _change(app: Minutes, args: argparse.Namespace, command: Callable[..., object]) -> object:
    return app.change(app.resolve(args.meeting), command)


def cmd_add_participant(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(
        app,
        args,
        lambda m: m.add_participant(
            actor,
            args.name,
            title=args.title,
            party=args.party,
            role=args.role,
            attendance=args.attendance,
            substitute_for=args.substitute_for,
        ),
    )


def cmd_add_item(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(
        app,
        args,
        lambda m: m.add_item(
            actor,
            args.title,
            number=args.number,
            case_number=args.case_number,
            kind=args.kind,
            duration_minutes=args.minutes,
            closed=args.closed,
        ),
    )


def cmd_publish(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(app, args, lambda m: m.publish_agenda(actor))


def cmd_start(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(app, args, lambda m: m.start(actor, args.at))


def cmd_end(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(app, args, lambda m: m.end(actor, args.at))


def cmd_decide(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(
        app, args, lambda m: m.record_decision(actor, m.item_by_number(args.item).id, args.text)
    )


def cmd_approve(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(app, args, lambda m: sign(m, actor, args.by, args.reservation))


def cmd_correct(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    _change(
        app,
        args,
        lambda m: m.add_correction(
            actor,
            reason=args.reason,
            text=args.text,
            item_id=m.item_by_number(args.item).id if args.item else None,
        ),
    )


def cmd_export(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    version = position_at(app, meeting_id, args.at) if args.at else None
    meeting = app.get(meeting_id, version=version)
    data = render(meeting.state, args.format, public_view=args.public, agenda_view=args.agenda)
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as e:
            raise UsageError(f"kan ikke skrive {args.output}: {e.strerror}") from None
        print(f"Referatet er skrevet til {args.output}.", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)


def cmd_log(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    if args.all == bool(args.meeting):
        raise UsageError("angiv enten et MØDE eller --all")
    since = parse_moment(args.since) if args.since else None
    until = parse_moment(args.until, end=True) if args.until else None
    log = ReadModels.of(app).audit(None if args.all else app.resolve(args.meeting))
    items: dict[UUID, UUID | None] = {}

    def wanted_item(meeting_id: UUID) -> UUID | None:
        """The item numbered --item in that meeting now (with --all, if it has one)."""
        if meeting_id not in items:
            try:
                items[meeting_id] = app.get(meeting_id).item_by_number(args.item).id
            except NotFound:
                if not args.all:
                    raise
                items[meeting_id] = None
        return items[meeting_id]

    by = nfc(args.by).strip().casefold() if args.by else None
    rows = [
        e
        for e in log
        if (by is None or e.actor.casefold() == by)
        and (not args.item or (e.item_id is not None and e.item_id == wanted_item(e.meeting_id)))
        and not (since and e.at < since)
        and not (until and e.at > until)
    ]
    if args.json:
        print(json.dumps([e.as_json() for e in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        print("Ingen ændringer passer på udvalget.")
    for e in rows:
        prefix = f"{e.meeting_id.hex[:8]}  " if args.all else ""
        print(f"{prefix}{e.position:>5}  {e.at:%Y-%m-%d %H:%M:%S}  {e.description}")
        if e.after is not None:
            for label, value in (("før", e.before), ("efter", e.after)):
                shown = (value or "(tom)").replace("\n", " / ")
                print(f"{'':>7}{label:>6}: {shown[:200]}{'…' if len(shown) > 200 else ''}")


def cmd_diff(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    meeting_id = app.resolve(args.meeting)
    if args.a:
        a = position_at(app, meeting_id, args.a)
    else:
        approved = last_approval(app, meeting_id)
        if approved is None:
            raise UsageError("referatet er ikke godkendt; angiv A (en position eller et tidspunkt)")
        a = approved
    b = position_at(app, meeting_id, args.b) if args.b else app.get(meeting_id).version
    old = render(app.get(meeting_id, version=a).state, "markdown").decode()
    new = render(app.get(meeting_id, version=b).state, "markdown").decode()
    lines = diff(old, new)
    print(f"Referatet ved position {a} og {b}:")
    print("\n".join(lines) if lines else "Ingen forskel i teksten.")


def cmd_verify(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    from projections.tools.verify import verify

    problem, summary = verify(app)
    if problem is not None:
        raise Tampered(summary)
    print(summary)


def cmd_search(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    hits = ReadModels.of(app).search(
        args.query,
        forum=args.forum,
        date_from=args.date_from,
        date_to=args.date_to,
        internal=args.internal,
    )
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "meeting": str(h.meeting_id),
                        "forum": h.forum,
                        "date": h.date.isoformat(),
                        "item": h.item_number,
                        "title": h.item_title,
                        "field": h.field,
                        "snippet": h.snippet,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not hits:
        print("Ingen fund.")
    for h in hits:
        print(f"{h.forum}/{h.date.isoformat()}  Punkt {h.item_number}: {h.item_title}  [{h.field}]")
        print(f"    {' '.join(h.snippet.split())}")


def cmd_rebuild(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    started = perf_counter()
    applied = ReadModels.of(app).rebuild()
    seconds = perf_counter() - started
    print(f"Læsemodellerne er genopbygget: {applied} hændelser på {seconds:.1f} s.")


def cmd_grant(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    app.change_roles(actor, args.forum, args.person, args.role, grant=args.command == "grant")
    cmd_roles(app, args, actor)


def cmd_roles(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    forum = app.forum(args.forum)
    if forum is None:
        raise NotFound(f"Forummet '{args.forum}' findes ikke.")
    for person, roles in sorted(forum.state.roles.items()):
        print(f"{person}: {', '.join(FORUM_ROLES[r] for r in roles)}")


def sniff(data: bytes) -> str:
    """JSON when the first non-space byte is "{", else Markdown."""
    return "json" if data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{") else "markdown"


def cmd_import(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UsageError(f"kan ikke læse {args.file}: {e.strerror}") from None
    if (args.format or sniff(data)) == "json":
        doc = ix.decode(data)
        _meeting_id, recorded = import_document(app, doc, actor)
    else:
        _meeting_id, recorded, doc = import_markdown(app, data, actor)
    ref = f"{doc.meeting.forum}/{doc.meeting.date.isoformat()}"
    print(f"{ref}: {recorded} hændelser registreret." if recorded else f"{ref}: intet nyt.")


COMMANDS: dict[str, Callable[[Minutes, argparse.Namespace, str], None]] = {
    "meetings": cmd_meetings,
    "demo": cmd_demo,
    "new": cmd_new,
    "add-participant": cmd_add_participant,
    "add-item": cmd_add_item,
    "publish": cmd_publish,
    "start": cmd_start,
    "end": cmd_end,
    "decide": cmd_decide,
    "approve": cmd_approve,
    "correct": cmd_correct,
    "export": cmd_export,
    "import": cmd_import,
    "log": cmd_log,
    "diff": cmd_diff,
    "verify": cmd_verify,
    "search": cmd_search,
    "grant": cmd_grant,
    "revoke": cmd_grant,
    "roles": cmd_roles,
    "rebuild": cmd_rebuild,
}


def run(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args([nfc(a) for a in argv])
    if args.command == "keygen":  # needs no store
        print(new_key())
        print(
            "Gem nøglen et sikkert sted og sæt den i CHEFFORUM_CIPHER_KEY; "
            "uden den kan et krypteret lager ikke læses.",
            file=sys.stderr,
        )
        return 0
    actor = actor_name(args.actor)
    if not actor:
        raise UsageError("angiv hvem du er med --actor eller CHEFFORUM_ACTOR")
    if args.command is None:
        from chefforum_tui.app import run_app

        open_minutes(args.db).close()  # a store that cannot open is one line here, not a blank UI
        run_app(args.db, actor)
        return 0
    app = open_minutes(args.db)
    try:
        COMMANDS[args.command](app, args, actor)
    finally:
        app.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except (RuleViolation, Conflict) as e:
        print(f"{PROG}: afvist: {e}", file=sys.stderr)
        return 1
    except Tampered as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 1
    except (UsageError, NotFound, StoreError, ix.DocumentError, argparse.ArgumentTypeError) as e:
        print(f"{PROG}: fejl: {e}", file=sys.stderr)
        return 2
    except ChefforumError as e:
        print(f"{PROG}: fejl: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
