"""Timings of the public site: a meeting page and a search, with 50 readers at once.

    .venv/bin/python -m bench.site [--db PATH|postgresql://...] [--requests 1000]
        [--readers 50] [--workers 2] [--store PATH|postgresql://...]

--store measures an existing store as it is (one of bench/stores.py's) instead of
building one.

Builds (once) a synthetic store with bench/synthetic.py: 200 ordinary meetings of about
220 events each through their whole life and one long meeting of 5,000 events, about
49,000 events. Starts `chefforum serve` on 127.0.0.1 and sends each kind of request
--requests times from --readers connections at once (bench/http_load.py, one asyncio
loop), then prints percentiles. Baselines in the same run: the same work in this process
without HTTP (the page made by PublicSite and pages.py, the search by the read model),
and the site's stylesheet over HTTP (the server's own cost per request). Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx

from bench.http_load import load
from bench.prepared import ROOT, prepare
from bench.synthetic import WORDS
from domain.meeting.summary import MeetingSummary
from projections.site import pages
from projections.site.app import HITS
from projections.site.pages import Site
from projections.site.public import PublicSite
from projections.site.rendered import Rendered
from projections.store.connect import open_minutes

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def concurrent(base: str, paths: list[str], readers: int, revisit: bool = False) -> list[float]:
    """Every path requested once, by `readers` connections at once (bench/http_load.py);
    the latencies. revisit: each asked with the ETag of a first answer, as a browser does
    on a second visit."""
    headers: dict[str, dict[str, str]] = {}
    if revisit:
        with httpx.Client(base_url=base, timeout=60) as client:
            for path in dict.fromkeys(paths):
                headers[path] = {"If-None-Match": client.get(path).headers["etag"]}
    return load(base, paths, readers, expect=304 if revisit else 200, headers=headers)


def in_process(actions: list[Callable[[], object]]) -> list[float]:
    samples = []
    for action in actions:
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def row(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)

    def q(f: float) -> str:
        return f"{ordered[min(len(ordered) - 1, int(f * len(ordered)))] * 1000:.1f} ms"

    return (
        f"| {name} | {len(ordered)} | {ordered[0] * 1000:.1f} ms | {q(0.5)} | {q(0.99)} "
        f"| {ordered[-1] * 1000:.1f} ms |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / ".store" / "site.db"))
    parser.add_argument("--meetings", type=int, default=200)
    parser.add_argument("--long-events", type=int, default=5_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="the server's processes")
    parser.add_argument("--store", help="an existing store, measured as it is")
    parser.add_argument(
        "--server",
        default=CHEFFORUM,
        help="the chefforum command to serve with (another checkout's, for a before/after)",
    )
    parser.add_argument("--fresh", action="store_true", help="build the store anew")
    args = parser.parse_args()
    os.environ.setdefault("CHEFFORUM_ACTOR", "Benchmark")

    if args.store:
        args.db = args.store
        minutes = open_minutes(args.store)
    else:
        minutes, _long = prepare(args.db, args.meetings, args.long_events, args.fresh)
    public = PublicSite(minutes, Rendered(Path(tempfile.mkdtemp(prefix="bench-site-"))))
    shown = public.meetings()
    events = minutes.recorder.max_notification_id() or 0
    rng = random.Random(7)
    meetings = [rng.choice(shown) for _ in range(args.requests)]
    queries = [" ".join(rng.sample(WORDS, rng.choice((1, 2)))) for _ in range(args.requests)]

    port = _port()
    server = subprocess.Popen(
        [args.server, "--db", args.db, "serve", "--port", str(port)]
        + (["--workers", str(args.workers)] if args.workers != 1 else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # A folder of made pages of its own: the first visits make every page in this
        # run, never read one an earlier run left.
        env={**os.environ, "CHEFFORUM_SITE_CACHE": tempfile.mkdtemp(prefix="bench-made-")},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/site.css")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        site = Site()
        cold = concurrent(base, [f"/moede/{m.id.hex}/" for m in shown], args.readers)
        page = concurrent(base, [f"/moede/{m.id.hex}/" for m in meetings], args.readers)
        search = concurrent(base, [f"/soeg/?q={q}" for q in queries], args.readers)
        tagged = "etag" in httpx.get(base + f"/moede/{shown[0].id.hex}/").headers
        again = (
            concurrent(base, [f"/moede/{m.id.hex}/" for m in meetings], args.readers, True)
            if tagged
            else []
        )
        css = concurrent(base, ["/site.css"] * args.requests, args.readers)
        for m in shown:  # this process's own documents and outlines, as the server has
            public.public(m)
            public.outline(m)

        def page_of(summary: MeetingSummary) -> str:
            meeting = public.meeting(summary.id)
            assert meeting is not None  # drawn from public.meetings(): published
            return pages.meeting_page(site, meeting, agenda=False)

        page_here = in_process([partial(page_of, m) for m in meetings])
        # The index asked every time: what a search costs the server when no answer
        # to it is kept (PublicSite.search keeps them).
        search_here = in_process([partial(public.search, q, HITS, kept=False) for q in queries])
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        minutes.close()

    where = "PostgreSQL" if args.db.startswith("postgresql") else "SQLite"
    print(
        f"{where}, {events:,} hændelser, {len(shown)} offentlige møder, "
        f"{args.readers} læsere på én gang, {args.workers} serverprocesser:\n"
    )
    print("| Måling | Antal | Bedste | p50 | p99 | Værste |")
    print("|---|---|---|---|---|---|")
    print(row("Mødeside, første besøg af hvert møde (HTTP)", cold))
    print(row("Mødeside (HTTP)", page))
    print(row("Søgning (HTTP)", search))
    if again:
        print(row("Mødeside igen med ETag: 304 (HTTP)", again))
    print(row("Grundlinje: stylesheet (HTTP, serverens egen omkostning)", css))
    print(row("Grundlinje: mødeside i processen, uden HTTP, én ad gangen", page_here))
    print(row("Grundlinje: søgning i processen, uden HTTP og gemte svar", search_here))


if __name__ == "__main__":
    main()
