"""A long fuzz run of the importers: the properties of tests/test_fuzz_import.py, N cases each.

    .venv/bin/python bench/fuzz_import.py [--cases N] [--seed S]

Prints one summary line per property (JSON, Markdown) and a total; exits 1 when a case
failed, after printing the smallest failing case Hypothesis found.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.fuzzing import FuzzStore, bad_json, bad_markdown

PROPERTIES: dict[str, tuple[st.SearchStrategy[bytes], list[str | None]]] = {
    "json": (bad_json(), [None, "json"]),
    "markdown": (bad_markdown(), [None, "markdown"]),
}


def run(name: str, cases: int, chosen_seed: int | None) -> tuple[int, bool]:
    """Run one property for `cases` cases; returns the cases run and whether all held."""
    strategy, formats = PROPERTIES[name]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        store = FuzzStore(Path(folder))

        @settings(
            max_examples=cases,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=strategy, fmt=st.sampled_from(formats))
        def prop(data: bytes, fmt: str | None) -> None:
            store.check(data, fmt)

        test: Callable[[], None] = prop if chosen_seed is None else seed(chosen_seed)(prop)
        held = True
        try:
            test()
        except Exception:
            traceback.print_exc()
            held = False
        finally:
            store.close()
    seconds = time.perf_counter() - started
    ran = sum(store.outcomes.values())
    print(
        f"{name}: {ran} cases, {'0 failures' if held else 'FAILED'}, {seconds:.1f} s "
        f"({store.summary()})",
        flush=True,
    )
    return ran, held


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases per property")
    parser.add_argument("--seed", type=int, help="Hypothesis seed, to repeat a run")
    args = parser.parse_args()
    started = time.perf_counter()
    results = [run(name, args.cases, args.seed) for name in PROPERTIES]
    total = sum(ran for ran, _ in results)
    failed = sum(not held for _, held in results)
    print(
        f"fuzz_import: {total} cases, {failed} failing properties, "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
