"""How long the PDF export takes: the seed meeting imported into a fresh SQLite store,
rendered again and again through export.render, with the text and HTML exports of the
same state in the same run as baselines (the same work up to the typesetting).

    .venv/bin/python -m bench.pdf [--samples 1000] [--long-samples 50]

Also a long referat: the seed's items eight times over (48 items, about 60 pages), fewer
samples as each takes longer.
Timings belong in this table, not in tests. Without ../shared/seed, the demo meeting stands in.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
from pypdf import PdfReader

from projections.documents import interchange as ix
from projections.documents.referat import document
from projections.documents.render import html, pdf, text
from projections.documents.render.export import render
from projections.importing.document import import_document
from projections.importing.parsed import import_markdown
from projections.store.connect import open_minutes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_f7863faf425ead8a.txt"
DEMO = ROOT / "projections" / "fixtures" / "demo.json"


def timed(action: Callable[[], object], samples: int) -> list[float]:
    action()  # the first call loads the template and fonts: not what a user waits for again
    out = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        out.append(time.perf_counter() - started)
    return sorted(out)


def row(name: str, samples: list[float]) -> str:
    def at(q: float) -> str:
        return f"{samples[min(len(samples) - 1, int(q * len(samples)))] * 1000:.1f}"

    best, worst = samples[0] * 1000, samples[-1] * 1000
    return (
        f"| {name} | {len(samples)} | {best:.1f} | {at(0.5)} | {at(0.9)} | {at(0.99)} "
        f"| {worst:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pdf")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--long-samples", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        minutes = open_minutes(str(Path(tmp) / "events.db"))
        if SEED.exists():
            meeting_id, _, _ = import_markdown(minutes, SEED.read_bytes(), "Bench")
            source = "seed"
        else:
            meeting_id, _ = import_document(minutes, ix.decode(DEMO.read_bytes()), "Bench")
            source = "demo (no seed found)"
        state = minutes.get(meeting_id).state
        minutes.close()
    doc = document(state)
    long_doc = msgspec.structs.replace(
        doc, meeting=msgspec.structs.replace(doc.meeting, items=doc.meeting.items * 8)
    )
    pages = len(PdfReader(io.BytesIO(pdf.render(doc))).pages)
    long_pages = len(PdfReader(io.BytesIO(pdf.render(long_doc))).pages)
    print(f"Møde: {source}, {len(doc.meeting.items)} punkter; tider i ms.")
    print()
    print("| Eksport | n | bedst | p50 | p90 | p99 | værst |")
    print("|---|---|---|---|---|---|---|")
    n = args.samples
    print(row("PDF, internt referat", timed(lambda: render(state, "pdf"), n)), flush=True)
    print(row("PDF, offentligt", timed(lambda: render(state, "pdf", public_view=True), n)))
    print(row("PDF, dagsorden", timed(lambda: render(state, "pdf", agenda_view=True), n)))
    print(row("tekst (A4-sider), samme tilstand", timed(lambda: render(state, "text"), n)))
    print(row("HTML, samme tilstand", timed(lambda: render(state, "html"), n)))
    m = args.long_samples
    items = len(long_doc.meeting.items)
    print(row(f"PDF, {items} punkter", timed(lambda: pdf.render(long_doc), m)), flush=True)
    print(row(f"tekst, {items} punkter", timed(lambda: text.render(long_doc), m)))
    print(row(f"HTML, {items} punkter", timed(lambda: html.render(long_doc), m)))
    print()
    print(f"Sider: {pages} ({source}), {long_pages} ({items} punkter).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
