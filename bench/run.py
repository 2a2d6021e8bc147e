"""The benchmark: builds a synthetic store and prints a table of measured figures.

    .venv/bin/python -m bench.run                    # SQLite file under bench/.store
    .venv/bin/python -m bench.run --db postgresql://postgres@127.0.0.1:5432/test?schema=bench

Not part of the test suite: it takes minutes, and timings belong in a table, not in asserts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import msgspec

from bench.synthetic import ACTOR, build
from domain.application import Minutes
from domain.meeting.aggregate import Meeting
from projections.documents.render.export import render
from projections.readmodels.runner import ReadModels
from projections.store.connect import is_postgres, open_minutes

ROOT = Path(__file__).resolve().parent
CHEFFORUM = str(Path(sys.executable).parent / "chefforum")


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def prepare(where: str, meetings: int, long_events: int, fresh: bool) -> tuple[Minutes, UUID]:
    key = hashlib.sha256(where.encode()).hexdigest()[:10]
    marker = ROOT / ".store" / f"{key}-{meetings}-{long_events}.long"
    if fresh or not marker.exists():
        if not is_postgres(where):
            for suffix in ("", "-wal", "-shm"):
                Path(where + suffix).unlink(missing_ok=True)
        marker.parent.mkdir(exist_ok=True)
        minutes = open_minutes(where)
        minutes.read_models = None  # build without catching up after each meeting
        started = time.perf_counter()
        long_id = build(minutes, meetings, long_events)
        print(f"Byggede lageret på {time.perf_counter() - started:.0f} s.", file=sys.stderr)
        marker.write_text(str(long_id))
        minutes.close()
    minutes = open_minutes(where)
    return minutes, UUID(marker.read_text())


def raw_decode_rate(db: str) -> float:
    """Reading the event rows with sqlite3 and decoding them with msgspec: the floor."""
    conn = sqlite3.connect(db)
    started = time.perf_counter()
    count = 0
    decoder = msgspec.json.Decoder()
    for (state,) in conn.execute("SELECT state FROM stored_events ORDER BY rowid"):
        decoder.decode(state)
        count += 1
    conn.close()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / ".store" / "bench.db"))
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--long-events", type=int, default=20_000)
    parser.add_argument("--fresh", action="store_true", help="build the store anew")
    args = parser.parse_args()
    (ROOT / ".store").mkdir(exist_ok=True)

    minutes, long_id = prepare(args.db, args.meetings, args.long_events, args.fresh)
    read_models = ReadModels.of(minutes)
    total = minutes.recorder.max_notification_id() or 0
    rows: list[tuple[str, str, str, bool | None]] = []

    started = time.perf_counter()
    rebuilt = read_models.rebuild()
    rebuild_rate = rebuilt / (time.perf_counter() - started)
    raw_rate = None if is_postgres(args.db) else raw_decode_rate(args.db)

    summaries = minutes.summaries()
    ids = [s.id for s in summaries]
    open_ids = [s.id for s in summaries if s.status != "approved"]
    rng = random.Random(3)

    def write(m: Meeting) -> None:
        item = rng.choice(m.state.active_items()).id
        m.write_section(ACTOR, item, "Resumé", f"Ny udgave {rng.random()}")

    saves = timed(lambda: minutes.change(rng.choice(open_ids), write), 300)

    rows.append(("Én kommando: hent, ændr, gem (p50)", "-", ms(p(saves, 0.5)), None))
    rows.append(
        ("Én kommando: hent, ændr, gem (p99)", "< 5 ms", ms(p(saves, 0.99)), p(saves, 0.99) < 0.005)
    )

    opens = timed(lambda: minutes.get(long_id), 20)
    version = minutes.get(long_id).version
    rows.append(
        (
            f"Åbn det lange møde ({version} hændelser, median)",
            "< 20 ms",
            ms(statistics.median(opens)),
            statistics.median(opens) < 0.020,
        )
    )

    def past() -> None:
        render(minutes.get(long_id, version=rng.randrange(1, version)).state, "markdown")

    pasts = timed(past, 50)
    rows.append(
        (
            "Referatet ved en tilfældig tidligere position (p99)",
            "< 50 ms",
            ms(p(pasts, 0.99)),
            p(pasts, 0.99) < 0.050,
        )
    )

    env = {**os.environ, "CHEFFORUM_ACTOR": ACTOR}
    listing = timed(
        lambda: subprocess.run(
            [CHEFFORUM, "--db", args.db, "meetings"], env=env, capture_output=True, check=True
        ),
        5,
    )
    rows.append(
        (
            "'chefforum meetings' som ny proces (median)",
            "< 0,6 s",
            f"{statistics.median(listing):.2f} s",
            statistics.median(listing) < 0.6,
        )
    )

    rows.append(
        (
            "'chefforum rebuild' (hændelser/s)",
            "≥ halvdelen af rå læsning",
            f"{rebuild_rate:,.0f}/s".replace(",", "."),
            None if raw_rate is None else rebuild_rate >= raw_rate / 2,
        )
    )
    if raw_rate is not None:
        rows.append(
            (
                "  rå læsning: sqlite3 + msgspec (hændelser/s)",
                "-",
                f"{raw_rate:,.0f}/s".replace(",", "."),
                None,
            )
        )

    queries = ["budget", "behandlingen", "skole klimaplan", "rekruttering trivsel", "høring"]
    searches = timed(lambda: read_models.search(rng.choice(queries)), 20)
    rows.append(
        (
            "Søgning i det store lager (p99)",
            "< 50 ms",
            ms(p(searches, 0.99)),
            p(searches, 0.99) < 0.050,
        )
    )

    probe = subprocess.run(
        [sys.executable, "-m", "bench.tui_probe", args.db, str(long_id)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT.parent,
    )
    if probe.returncode == 0:
        tui = json.loads(probe.stdout.strip().splitlines()[-1])
        rows.append(
            (
                "TUI: første billede af mødelisten",
                "< 1 s",
                f"{tui['first_frame']:.2f} s",
                tui["first_frame"] < 1.0,
            )
        )
        rows.append(
            ("TUI: åbn mødet med 40 punkter og lang historik", "-", ms(tui["open_long"]), None)
        )
        rows.append(("TUI: skift mellem punkter (gennemsnit)", "-", ms(tui["move"]), None))
        rows.append(
            (
                "TUI: største hukommelsesforbrug",
                "< 200 MB",
                f"{tui['peak_mb']:.0f} MB",
                tui["peak_mb"] < 200,
            )
        )
    else:
        rows.append(("TUI-målingen fejlede", "-", probe.stderr.strip().splitlines()[-1], False))

    store = "PostgreSQL" if is_postgres(args.db) else "SQLite"
    print(f"\nchefforum benchmark: {store}, {len(ids)} møder, {total} hændelser\n")
    width = max(len(r[0]) for r in rows)
    print(f"| {'Måling':<{width}} | Mål | Målt | Nået |")
    print(f"|{'-' * (width + 2)}|-----|------|------|")
    for name, target, value, met in rows:
        verdict = "-" if met is None else ("ja" if met else "nej")
        print(f"| {name:<{width}} | {target} | {value} | {verdict} |")
    minutes.close()


if __name__ == "__main__":
    main()
