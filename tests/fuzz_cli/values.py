"""The values a case is made of: odd strings, valid references and names mixed in, odd
values for the environment the program reads, odd store locations, special files, and
files for `import` both valid and broken."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from tests.paths import DEMO

SECRETARY = "Karen Dahl"
DEMO_REF = "Chefforum/2026-06-17"
DRAFT_REF = "Udvalget/2026-05-20"
STARTED_REF = "Udvalget/2026-05-21"
APPROVED_REF = "Udvalget/2026-05-22"
REFS = (DEMO_REF, DRAFT_REF, STARTED_REF, APPROVED_REF)
NAMES = ("Helle Kjærgaard", "Søren Bøgh", "Anne Holm", "Bo Lind", SECRETARY)

ODD = (
    "",
    " ",
    "\x00",
    "A\x00B",
    "\x1b[31mrød\x1b[0m",
    "\x1b]0;titel\x07",
    "bip\x07",
    "a\rb",
    "a\r\nb",
    "a\nb",
    "tab\tbed",
    "ba\x08ck",
    "del\x7f",
    "\x9b31m",
    "\x85",
    "\udcff",
    "\udc80abc",
    "B\udce6rn",
    "\ud800",
    "\u200b",
    "Byr\u200baad",
    "\u0412yraad",
    "Byraad",
    "\u202eevil",
    "\ufeff",
    "e\u0301",
    "😀",
    "x" * 501,
    "y" * 5000,
    "1" + "0" * 30,
    "9" * 5000,
    "z" * 100_000,
    "-1",
    "0",
    "1",
    "2",
    "99",
    "²",
    "٣",
    "1_000",
    "1e3",
    "NaN",
    "2026-02-30",
    "2026-05-20",
    "2026-06-17",
    "2026-05-20T10:15",
    "9999-12-31",
    "9999-12-31T23:59",
    "0001-01-01",
    "00:00",
    "09:00",
    "23:59",
    "24:00",
    "9:5",
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "## Punkt 1: x",
    "-x",
    "--",
    "--help",
    "%s%n",
    "'; DROP TABLE stored_events; --",
    "../../etc/passwd",
    *REFS,
    *NAMES,
)
POSITIONAL: dict[str, Callable[[random.Random], str]] = {
    "meeting": lambda r: r.choice(REFS) if r.random() < 0.7 else r.choice(ODD),
    "name": lambda r: r.choice(NAMES) if r.random() < 0.4 else r.choice(ODD),
    "text": lambda r: r.choice(("Godkendt.", "Ny titel")) if r.random() < 0.3 else r.choice(ODD),
    "date": lambda r: r.choice(("2026-07-01", "2026-08-03")) if r.random() < 0.5 else r.choice(ODD),
    "item": lambda r: r.choice(("1", "2", "3")) if r.random() < 0.6 else r.choice(ODD),
    "forum": lambda r: (
        r.choice(("Udvalget", "Chefforum", "Nyt")) if r.random() < 0.5 else r.choice(ODD)
    ),
    "role": lambda r: r.choice(("secretary", "chair")) if r.random() < 0.7 else r.choice(ODD),
    "odd": lambda r: r.choice(ODD),
}
Pick = Callable[[random.Random], str]
# The environment the program reads, and odd values for it ("{fifo}", "{folder}": the
# fuzz folder's FIFO and a folder in it).
ENVIRONMENT = {
    "CHEFFORUM_REBUILD_BATCH": ("", "abc", "1e3", "0", "-1", "1" + "0" * 30, " 5", "1", "500"),
    "CHEFFORUM_PROJECTION_BATCH": ("", "x", "1.5", "0", "99999999999", "3", "2000"),
    "CHEFFORUM_CHECKPOINTS": (
        "",
        "/dev/zero",
        "/dev/null",
        "{fifo}",
        "{folder}",
        "{folder}/" + "n" * 300,
        "/nowhere/cp.txt",
        "p" * 5000,
        "{folder}/cp.txt",
    ),
    "XDG_STATE_HOME": ("", "/dev/zero", "{fifo}", "q" * 5000, "{folder}"),
    "CHEFFORUM_ACTOR": ("", "\x1b[2J", "A" * 600, "Karen Dahl"),
    "CHEFFORUM_CIPHER_KEY": ("", "abc", "A" * 44, "=" * 5000),
    "CHEFFORUM_CHAIN_KEY": ("", "abc", "QUFBQUFBQUFBQUFBQUFBQQ==", "!" * 100),
}
# Odd store locations for --db ("{fifo}", "{folder}" as above).
ODD_DB = (
    "/dev/zero",
    "/dev/null",
    "{fifo}",
    "{folder}",
    "b" * 5000,
    "{folder}/" + "c" * 300 + ".db",
    "/nowhere/events.db",
    "postgresql://postgres@127.0.0.1:99999/test",
    "postgresql://postgres@127.0.0.1:abc/test",
    "postgresql://postgres@127.0.0.1:1/test",
    "postgresql://" + "h" * 5000,
    "",
)
SPECIAL_FILES = ("/dev/zero", "/dev/null", "{fifo}", "{folder}", "/dev/full", "/proc/self/mem")

FORMATS = ("text", "markdown", "html", "json")


def import_files(folder: Path) -> list[str]:
    """Files for `import`: valid, and broken in the ways the arguments are."""
    demo = DEMO.read_text(encoding="utf-8")
    files = {
        "demo.json": demo,
        "nul.json": demo.replace('"Godkendelse af dagsorden', '"Godkendelse\\u0000 af dagsorden'),
        "esc.json": demo.replace(
            '"Godkendelse af dagsorden', '"\\u001b[2JGodkendelse af dagsorden'
        ),
        "crlf.md": "# REFERAT Nyt d. 01-02-2026\r\n\r\n## Punkt 1: A\r\n\r\nTekst\r\nmere\r\n",
        "nul.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\x00B\n",
        "esc.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\x1b[31mB\n",
        "super.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt ²: A\n",
        "digits.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: A\n\n*("
        + "9" * 5000
        + " min.)*\n",
        "html.md": "# REFERAT Nyt d. 01-02-2026\n\n## Punkt 1: <script>x</script>\n\n"
        "### Sagsfremstilling\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
        "empty.md": "",
    }
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        paths.append(str(path))
    (folder / "latin1.md").write_bytes("# REFERAT Æble d. 01-02-2026\n".encode("latin-1"))
    paths.append(str(folder / "latin1.md"))
    return paths
