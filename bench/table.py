"""The benchmark's tables: each figure of each store against its target, and each figure's
growth from the smallest store to the largest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB".replace(",", ".")


def _rate(events: int, seconds: float) -> str:
    return f"{events / seconds:,.0f}/s".replace(",", ".")


# (what, target text, the cell of one store's results, whether the target is met)
Cell = Callable[[dict[str, Any], str], str]
Met = Callable[[dict[str, Any], str], bool | None]


def _rows() -> list[tuple[str, str, Cell, Met]]:
    def pg(kind: str) -> bool:
        return kind == "PostgreSQL"

    def save_target(r: dict[str, Any], kind: str, key: str) -> bool | None:
        found = r["save"][key]
        return None if found is None else found["p99"] < (0.015 if pg(kind) else 0.005)

    def save_cell(key: str) -> Cell:
        def cell(r: dict[str, Any], kind: str) -> str:
            found = r["save"][key]
            if found is None:
                return "-"
            return f"{_ms(found['p50'])} / {_ms(found['p99'])} (n={found['n']})"

        return cell

    return [
        (
            "Find et møde: hele id (p50 / p99)",
            "p99 < 5 ms, flad",
            lambda r, k: f"{_ms(r['find']['id']['p50'])} / {_ms(r['find']['id']['p99'])}",
            lambda r, k: r["find"]["id"]["p99"] < 0.005,
        ),
        (
            "Find et møde: id-begyndelse (p50 / p99)",
            "p99 < 5 ms, flad",
            lambda r, k: f"{_ms(r['find']['prefix']['p50'])} / {_ms(r['find']['prefix']['p99'])}",
            lambda r, k: r["find"]["prefix"]["p99"] < 0.005,
        ),
        (
            "Find et møde: FORUM/DATO (p50 / p99)",
            "p99 < 5 ms, flad",
            lambda r, k: (
                f"{_ms(r['find']['forum_date']['p50'])} / {_ms(r['find']['forum_date']['p99'])}"
            ),
            lambda r, k: r["find"]["forum_date"]["p99"] < 0.005,
        ),
        (
            "Søgning, 50 bedste (p50 / p99)",
            "p99 < 50 ms",
            lambda r, k: f"{_ms(r['search']['p50'])} / {_ms(r['search']['p99'])}",
            lambda r, k: r["search"]["p99"] < 0.050,
        ),
        (
            "Åbn det lange møde: værst / bedst (snapshot + n hændelser)",
            "værst < 20 ms",
            lambda r, k: (
                f"{_ms(r['open_long']['worst'])} / {_ms(r['open_long']['best'])} "
                f"(n ≤ {r['open_long']['gap'] - 1}; {r['open_long']['version']} h.)"
            ),
            lambda r, k: r["open_long"]["worst"] < 0.020,
        ),
        (
            "  tilfældig position mellem to snapshots (p50 / p99); hovedet",
            "-",
            lambda r, k: (
                f"{_ms(r['open_long']['p50'])} / {_ms(r['open_long']['p99'])}; "
                f"{_ms(r['open_long']['head'])}"
            ),
            lambda r, k: None,
        ),
        (
            "Gem, almindelige møder (p50 / p99)",
            "p99 < 5 ms (PG 15 ms)",
            save_cell("ordinary"),
            lambda r, k: save_target(r, k, "ordinary"),
        ),
        (
            "Gem, det lange møde (p50 / p99)",
            "p99 < 5 ms (PG 15 ms)",
            save_cell("long"),
            lambda r, k: save_target(r, k, "long"),
        ),
        (
            "Gem, der også skrev et snapshot (p50 / p99)",
            "p99 < 5 ms (PG 15 ms)",
            save_cell("snapshot"),
            lambda r, k: save_target(r, k, "snapshot"),
        ),
        (
            "Gem, alle (p99)",
            "p99 < 5 ms (PG 15 ms)",
            lambda r, k: _ms(r["save"]["all"]["p99"]),
            lambda r, k: save_target(r, k, "all"),
        ),
        (
            "'rebuild' (hændelser/s)",
            "≥ ½ typet læsning el. ≥ 0,8 skrivegulv",
            lambda r, k: _rate(r["rebuild"]["events"], r["rebuild"]["seconds"]),
            lambda r, k: (
                r["rebuild"]["events"] / r["rebuild"]["seconds"]
                >= r["typed_read"]["events"] / r["typed_read"]["seconds"] / 2
                or (
                    "write_floor" in r
                    and r["rebuild"]["events"] / r["rebuild"]["seconds"]
                    >= 0.8 * r["write_floor"]["events"] / r["write_floor"]["seconds"]
                )
            ),
        ),
        (
            "  typet læsning af de samme hændelser (hændelser/s)",
            "-",
            lambda r, k: _rate(r["typed_read"]["events"], r["typed_read"]["seconds"]),
            lambda r, k: None,
        ),
        (
            "  skrivegulv: de samme rækker ved executemany (hændelser/s)",
            "-",
            lambda r, k: (
                _rate(r["write_floor"]["events"], r["write_floor"]["seconds"])
                if "write_floor" in r
                else "-"
            ),
            lambda r, k: None,
        ),
        (
            "'verify': tid (hændelser/s)",
            "≥ rebuild pr. hændelse",
            lambda r, k: (
                f"{r['verify']['seconds']:.1f} s ({_rate(r['events'], r['verify']['seconds'])})"
                + ("" if r["verify"]["exit"] == 0 else f" FEJL: {r['verify']['last']}")
            ),
            lambda r, k: (
                r["verify"]["exit"] == 0
                and r["events"] / r["verify"]["seconds"]
                >= r["rebuild"]["events"] / r["rebuild"]["seconds"]
            ),
        ),
        (
            "'verify': største hukommelse",
            "< 200 MiB",
            lambda r, k: f"{r['verify']['peak_mib']:.0f} MiB",
            lambda r, k: r["verify"]["peak_mib"] < 200,
        ),
        (
            "Lager: hændelser → med læsemodeller",
            "-",
            lambda r, k: (
                f"{_mb(r['size']['events'])} → "
                f"{_mb(r['size']['events'] + r['size']['read_models'])}"
            ),
            lambda r, k: None,
        ),
        (
            "  revisionsspor (rm_audit) mod hændelserne",
            "≤ hændelserne",
            lambda r, k: f"{_mb(r['size']['audit'])} / {_mb(r['size']['stored_events'])}",
            lambda r, k: r["size"]["audit"] <= r["size"]["stored_events"],
        ),
        (
            "TUI: første billede af mødelisten (median af 3)",
            "≤ 1,3 × bar Textual-app",
            lambda r, k: f"{r['tui']['first_frame']:.2f} s" if "tui" in r else "fejl",
            lambda r, k: r["tui"]["first_frame"] <= 1.3 * r["tui_bare"] if "tui" in r else False,
        ),
        (
            "  grundlinje: en bar Textual-app, første billede",
            "-",
            lambda r, k: f"{r['tui_bare']:.2f} s",
            lambda r, k: None,
        ),
        (
            "TUI: åbn det lange møde",
            "-",
            lambda r, k: _ms(r["tui"]["open_long"]) if "tui" in r else "fejl",
            lambda r, k: None,
        ),
        (
            "'chefforum meetings' som ny proces (median af 10)",
            "≤ 1,5 × åbn lageret",
            lambda r, k: f"{r['cli_meetings']['median']:.2f} s",
            lambda r, k: r["cli_meetings"]["median"] <= 1.5 * r["cli_meetings"]["open_floor"],
        ),
        (
            "  grundlinje: en proces, der kun åbner lageret",
            "-",
            lambda r, k: f"{r['cli_meetings']['open_floor']:.2f} s",
            lambda r, k: None,
        ),
    ]


def table(results: dict[str, dict[str, Any]], sizes: list[str], kinds: list[str]) -> str:
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    columns = [(kind, size) for kind in kinds for size in sizes if f"{kind}/{size}" in results]
    head = ["Måling", "Mål", *(f"{names[k]} {s}" for k, s in columns), "Nået (største)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for what, target, cell, met in _rows():
        cells, verdicts = [], []
        for kind, size in columns:
            r = results[f"{kind}/{size}"]
            try:
                cells.append(cell(r, names[kind]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("-")
        for kind in kinds:
            measured = [s for s in sizes if f"{kind}/{s}" in results]
            if not measured:
                continue
            try:
                verdict = met(results[f"{kind}/{measured[-1]}"], names[kind])
            except (KeyError, TypeError, ZeroDivisionError):
                verdict = None
            if verdict is not None:
                verdicts.append(f"{names[kind][:2]}: {'ja' if verdict else 'nej'}")
        lines.append("| " + " | ".join([what, target, *cells, ", ".join(verdicts) or "-"]) + " |")

    def count(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    events = [
        f"{names[k]} {s}: {count(results[f'{k}/{s}']['events'])} hændelser, "
        f"{count(results[f'{k}/{s}']['meetings'])} møder"
        for k, s in columns
    ]
    return "\n".join(lines) + "\n\n" + "; ".join(events) + "."


GROWTH: tuple[tuple[str, Callable[[dict[str, Any]], float], Callable[[float], str]], ...] = (
    ("Find et møde, hele id (p50)", lambda r: r["find"]["id"]["p50"], _ms),
    ("Find et møde, hele id (p99)", lambda r: r["find"]["id"]["p99"], _ms),
    ("Find et møde, FORUM/DATO (p99)", lambda r: r["find"]["forum_date"]["p99"], _ms),
    ("Søgning (p50)", lambda r: r["search"]["p50"], _ms),
    ("Søgning (p99)", lambda r: r["search"]["p99"], _ms),
    ("Åbn det lange møde, værst", lambda r: r["open_long"]["worst"], _ms),
    ("Gem, alle (p50)", lambda r: r["save"]["all"]["p50"], _ms),
    ("Gem, alle (p99)", lambda r: r["save"]["all"]["p99"], _ms),
    ("'rebuild' (s)", lambda r: r["rebuild"]["seconds"], lambda v: f"{v:.1f} s"),
    ("'verify' (s)", lambda r: r["verify"]["seconds"], lambda v: f"{v:.1f} s"),
    ("'verify', hukommelse", lambda r: r["verify"]["peak_mib"], lambda v: f"{v:.0f} MiB"),
    ("TUI, første billede", lambda r: r["tui"]["first_frame"], lambda v: f"{v:.2f} s"),
    ("'chefforum meetings'", lambda r: r["cli_meetings"]["median"], lambda v: f"{v:.2f} s"),
)


def growth(results: dict[str, dict[str, Any]], sizes: list[str], kinds: list[str]) -> str:
    """Each figure from the smallest store to the largest, and the factor between them."""
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    head = ["Vækst", *(f"{names[k]} {' → '.join(sizes)}" for k in kinds)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for what, value, shown in GROWTH:
        cells = []
        for kind in kinds:
            try:
                values = [value(results[f"{kind}/{size}"]) for size in sizes]
            except (KeyError, TypeError):
                cells.append("-")
                continue
            factor = values[-1] / values[0] if values[0] else float("nan")
            cells.append(" → ".join(shown(v) for v in values) + f" (×{factor:.1f})")
        lines.append("| " + " | ".join([what, *cells]) + " |")
    return "\n".join(lines)
