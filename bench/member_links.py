"""Timings of the members' part: mailing a meeting's draft, and the member's page at a
personal link on a running `chefforum serve`.

    .venv/bin/python -m bench.member_links [--db postgresql://...] [--requests 1000]

A meeting of --members members (an ordinary agenda of twelve items, one closed with a
member inhabil on it) is mailed its draft as .eml files, twice (the PDF is typeset once
per view of the closed items). Then one client asks the member's page --requests times,
sends the same approval form --requests times (the first stores the signature; every
later one is recognised as sent and stores nothing), and, as the baseline in the same
run, the site's stylesheet (the server's own cost per request). Prints percentiles. Not
part of the test suite.
"""

from __future__ import annotations

import argparse
import email
import tempfile
import time
from collections.abc import Callable
from datetime import date
from datetime import time as clock
from email.policy import default
from pathlib import Path

import httpx

from projections.mail.mailing import send
from projections.store.connect import open_minutes
from tests.members import hidden, link_in, serving_logged

SECRETARY = "Karen Dahl"
FORUM = "Målingsudvalget"


def row(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)

    def q(f: float) -> str:
        return f"{ordered[min(len(ordered) - 1, int(f * len(ordered)))] * 1000:.1f} ms"

    return (
        f"| {name} | {len(ordered)} | {ordered[0] * 1000:.1f} ms | {q(0.5)} | {q(0.99)} "
        f"| {ordered[-1] * 1000:.1f} ms |"
    )


def _meeting(store: str, members: int) -> tuple[object, list[str]]:
    app = open_minutes(store)
    mid = app.schedule(SECRETARY, FORUM, date(2026, 11, 18), start=clock(16))
    app.change_roles(SECRETARY, FORUM, SECRETARY, "chair", grant=True)
    names = [f"Medlem {n:02d}" for n in range(members)]
    for name in names:
        app.add_participant(mid, SECRETARY, name, email=f"{name.replace(' ', '.')}@example.dk")
    for n in range(12):
        app.add_agenda_item(mid, SECRETARY, f"Punkt om emne {n}", closed=n == 11)
        app.write_section(mid, SECRETARY, str(n + 1), "Sagsfremstilling", "Tekst. " * 200)
    app.record_member_absence(mid, SECRETARY, "12", names[0], "inhabil")
    app.publish_agenda(mid, SECRETARY)
    app.start_meeting(mid, SECRETARY, clock(16))
    for n in range(12):
        app.record_decision(mid, SECRETARY, str(n + 1), "Godkendt.")
    app.end_meeting(mid, SECRETARY, clock(18))
    app.close()
    return mid, names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--members", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chefforum-bench-"))
    store = args.db or str(folder / "events.db")
    mid, names = _meeting(store, args.members)
    app = open_minutes(store)
    mailings: list[float] = []
    links: dict[str, str] = {}
    for _ in range(2):
        started = time.perf_counter()
        results = send(app, mid, SECRETARY, "udkast", env={"CHEFFORUM_MAIL_DIR": str(folder)})  # type: ignore[arg-type]
        mailings.append(time.perf_counter() - started)
        for r in results:
            assert r.where is not None, r
            mail = email.message_from_bytes(Path(r.where).read_bytes(), policy=default)
            links[r.name] = "/medlem/" + link_in(mail).split("/medlem/", 1)[1]
    app.close()
    print(
        f"Udsendelse af udkastet til {args.members} medlemmer (.eml): "
        + ", ".join(f"{s:.2f} s" for s in mailings)
    )
    with serving_logged(store, folder / "serve.log") as base, httpx.Client(base_url=base) as web:
        page = links[names[1]]
        samples: dict[str, list[float]] = {"page": [], "form": [], "css": []}
        text = web.get(page).text
        form = {"action": "approve", "csrf": hidden(text, "csrf", "approve")}
        calls: tuple[tuple[str, Callable[[], httpx.Response]], ...] = (
            ("page", lambda: web.get(page)),
            ("form", lambda: web.post(page, data=form)),
            ("css", lambda: web.get("/site.css")),
        )
        for _ in range(args.requests):
            for kind, call in calls:
                started = time.perf_counter()
                answer = call()
                samples[kind].append(time.perf_counter() - started)
                assert answer.status_code in (200, 303), answer.status_code
    print()
    print("| Måling | Antal | Bedste | p50 | p99 | Værste |")
    print("|---|---|---|---|---|---|")
    print(row("Medlemmets side (HTTP)", samples["page"]))
    print(row("Godkendelsesformular sendt igen (HTTP, gemmer intet)", samples["form"]))
    print(row("Grundlinje: stylesheet (HTTP)", samples["css"]))


if __name__ == "__main__":
    main()
