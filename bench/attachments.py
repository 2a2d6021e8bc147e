"""Bilag as files (issue 25): attaching 200 PDFs of 1-5 MB to one meeting, what the store
holds against the files' total, and the site serving a 5 MB Bilag to 20 readers at once.

    .venv/bin/python -m bench.attachments [--db PATH|postgresql://...] [--files 200]
        [--requests 1000] [--readers 20]

The PDFs are made here (fpdf2): a page of text and an image of random pixels, which no
compression shrinks, sized from 1 to 5 MB; one is attached a second time under another
name (stored once). Each attach is timed as `chefforum attach` runs it (read, sniff, hash,
pages and text by pypdf, then the save with the file in its transaction). The store's
size is measured after the attaches (SQLite: the database file after a checkpoint;
PostgreSQL: the files table and the events table with their TOAST and indexes). Then
`chefforum serve` on 127.0.0.1 is asked for the 5 MB Bilag --requests times by --readers
threads at once (httpx, one connection per reader), and for a 64 kB range of it;
baselines in the same run: the site's stylesheet over HTTP (the server's own cost per
request) and reading the file from the store in this process without HTTP. Prints
tables; not part of the test suite.
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
import threading
import time
from datetime import date
from pathlib import Path

import httpx
from fpdf import FPDF
from PIL import Image

from domain.application import Minutes
from projections.files.inspect import inspect
from projections.files.stored import read_file
from projections.store.connect import open_minutes

CHEFFORUM = str(Path(sys.executable).parent / "chefforum")
ACTOR = "Benchmark"
MB = 1_000_000


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def row(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)

    def q(f: float) -> str:
        return f"{ordered[min(len(ordered) - 1, int(f * len(ordered)))] * 1000:.1f} ms"

    return (
        f"| {name} | {len(ordered)} | {ordered[0] * 1000:.1f} ms | {q(0.5)} | {q(0.99)} "
        f"| {ordered[-1] * 1000:.1f} ms |"
    )


def concurrent(
    base: str, url: str, requests: int, readers: int, headers: list[dict[str, str]] | None = None
) -> list[float]:
    """`requests` GETs of one address by `readers` threads at once (one connection each),
    each with its headers (a Range); the latencies. A wrong answer stops the run."""
    asked = iter(headers or [{} for _ in range(requests)])
    samples: list[float] = []
    lock = threading.Lock()

    def reader() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    these = next(asked, None)
                if these is None:
                    return
                started = time.perf_counter()
                response = client.get(url, headers=these)
                elapsed = time.perf_counter() - started
                if response.status_code != (206 if "Range" in these else 200):
                    raise RuntimeError(f"{url} {these}: HTTP {response.status_code}")
                with lock:
                    samples.append(elapsed)

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples


def make_pdf(number: int, size: int, rng: random.Random) -> bytes:
    """A one-page PDF of about `size` bytes: text and an image of random pixels."""
    side = max(8, int((size / 3) ** 0.5))
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    doc = FPDF(format="A4")
    doc.add_page()
    doc.set_font("Helvetica", size=12)
    doc.multi_cell(0, 6, f"Bilag {number}: budgettabel for vejbelysning, afsnit {number}.")
    doc.image(image, x=10, y=40, w=150)
    return bytes(doc.output())


def disk_size(minutes: Minutes, where: str) -> tuple[int, int]:
    """(the files as stored, the whole store) in bytes."""
    recorder = minutes.recorder
    files = recorder.files_size()  # type: ignore[attr-defined]
    if where.startswith("postgresql"):
        import psycopg

        with psycopg.connect(where.split("?")[0]) as conn:
            schema = minutes.recorder.datastore.schema  # type: ignore[attr-defined]
            total = conn.execute(
                "SELECT sum(pg_total_relation_size(format('%%I.%%I', schemaname, tablename))) "
                "FROM pg_tables WHERE schemaname = %s",
                (schema,),
            ).fetchone()
            assert total is not None  # an aggregate: always one row
            return files, int(total[0] or 0)
    import sqlite3

    with sqlite3.connect(where) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return files, Path(where).stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--readers", type=int, default=20)
    args = parser.parse_args()
    os.environ["CHEFFORUM_ACTOR"] = ACTOR
    folder = tempfile.mkdtemp(prefix="chefforum-bilag-")
    # The run's checkpoints stay with it, out of the user's own checkpoint file.
    os.environ.setdefault("CHEFFORUM_CHECKPOINTS", str(Path(folder) / "checkpoints.txt"))
    where = args.db or str(Path(folder) / "events.db")
    rng = random.Random(25)

    minutes = open_minutes(where)
    mid = minutes.schedule(ACTOR, "Teknik- og Miljøudvalget", date(2027, 2, 3))
    items = [minutes.add_item(mid, ACTOR, f"Sag nummer {n}") for n in range(1, 11)]
    attach: list[float] = []
    made: list[float] = []
    total = 0
    big = ""
    for n in range(args.files):
        size = 5 * MB if n == 0 else rng.randint(1 * MB, 5 * MB)
        started = time.perf_counter()
        data = make_pdf(n + 1, size, rng)
        made.append(time.perf_counter() - started)
        started = time.perf_counter()
        content = inspect(data, f"bilag-{n + 1}.pdf")
        minutes.attach_file(mid, ACTOR, items[n % len(items)], f"Bilag {n + 1}", content)
        attach.append(time.perf_counter() - started)
        total += len(data)
        if n == 0:
            big, big_size = content.facts.sha256, len(data)
            minutes.attach_file(mid, ACTOR, items[-1], "Samme bilag igen", content)
    minutes.publish_agenda(mid, ACTOR)
    files_stored, store_total = disk_size(minutes, where)
    read_here: list[float] = []
    for _ in range(args.requests):
        started = time.perf_counter()
        found = read_file(minutes, big)
        read_here.append(time.perf_counter() - started)
        assert found is not None and len(found.data) == big_size
    minutes.close()

    port = _port()
    server = subprocess.Popen(
        [CHEFFORUM, "--db", where, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    url = f"/moede/{mid.hex}/bilag/{big}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/site.css")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert len(httpx.get(base + url, timeout=60).content) == big_size
        whole = concurrent(base, url, args.requests, args.readers)
        spans = [rng.randrange(0, big_size - 65_536) for _ in range(args.requests)]
        ranged = concurrent(
            base,
            url,
            args.requests,
            args.readers,
            [{"Range": f"bytes={start}-{start + 65_535}"} for start in spans],
        )
        css = concurrent(base, "/site.css", args.requests, args.readers)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)

    kind = "PostgreSQL" if where.startswith("postgresql") else "SQLite"
    print(f"{kind}: {args.files} PDF-bilag på ét møde (plus ét vedhæftet to gange)\n")
    print("| Lager | Bytes | Mod filernes samlede størrelse |")
    print("|---|---|---|")
    print(f"| Filerne selv ({args.files}, 1-5 MB) | {total / MB:,.1f} MB | 1.000 |")
    print(f"| Bilagstabellen | {files_stored / MB:,.1f} MB | {files_stored / total:.3f} |")
    print(f"| Hele lageret | {store_total / MB:,.1f} MB | {store_total / total:.3f} |")
    print()
    print("| Måling | Antal | Bedste | p50 | p99 | Værste |")
    print("|---|---|---|---|---|---|")
    print(row("Lav PDF'en (fpdf2; ikke en del af vedhæftningen)", made))
    print(row("Vedhæft 1-5 MB PDF (læs, hash, pypdf, gem)", attach))
    print(row(f"5 MB bilag, {args.readers} læsere på én gang (HTTP)", whole))
    print(row(f"64 kB udsnit (Range) af det, {args.readers} læsere (HTTP)", ranged))
    print(row(f"Grundlinje: stylesheet, {args.readers} læsere (HTTP)", css))
    print(row("Grundlinje: læs 5 MB bilag fra lageret i processen, uden HTTP", read_here))


if __name__ == "__main__":
    main()
