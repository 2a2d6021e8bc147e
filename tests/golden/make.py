"""Writes the golden exports that tests/integration/test_golden.py compares against.

Run only when an export is meant to change: `python -m tests.golden.make`. The inputs are
the demo meeting and full_meeting.json (a meeting with every kind of event); each is
imported into a fresh SQLite store through the CLI and exported in every format and view.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from pathlib import Path

from chefforum_tui.cli import main
from tests.paths import DEMO

HERE = Path(__file__).parent

INPUTS = {
    "demo": DEMO,
    "full": HERE / "full_meeting.json",
}
FORMATS = ("text", "markdown", "html", "json")
VIEWS = {"internal": (), "public": ("--public",), "agenda": ("--agenda",)}
# The store's checkpoint under the signatures depends on when the events were stored.
CHECKSUM = re.compile(r"(Kontrolsum: )\d+:[0-9a-f]{16}")


def cli(db: Path, *args: str) -> str:
    """Run one chefforum command in this process; its standard output."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--db", str(db), "--actor", "Golden", *args])
    if code != 0:
        raise RuntimeError(f"chefforum {' '.join(args)} exited {code}")
    return out.getvalue()


def exports() -> dict[str, str]:
    """Every golden file's name and the text the current code exports for it."""
    result: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in INPUTS.items():
            db = Path(tmp) / f"{name}.db"
            cli(db, "import", str(source))
            meeting = json.loads(cli(db, "meetings", "--json"))[0]["id"]
            for fmt in FORMATS:
                for view, flags in VIEWS.items():
                    out = Path(tmp) / f"{name}-{view}.{fmt}"
                    cli(db, "export", meeting, "--format", fmt, *flags, "-o", str(out))
                    text = out.read_text(encoding="utf-8")
                    result[f"{out.name}.golden"] = CHECKSUM.sub(r"\1POSITION:TOP", text)
    return result


if __name__ == "__main__":
    for file_name, text in exports().items():
        (HERE / file_name).write_text(text, encoding="utf-8")
