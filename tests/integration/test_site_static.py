"""`chefforum site OUTDIR`: the public site as files, as a municipality's web server would
serve them; and the site commands' bad input (one line, exit 2)."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from projections.documents.referat import digest
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.site_server import CHEFFORUM, Elements


def _chefforum(store: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHEFFORUM_ACTOR": "Webmaster"}
    return subprocess.run(
        [CHEFFORUM, "--db", store, *args], env=env, capture_output=True, text=True, timeout=120
    )


def _file(out: Path, href: str) -> Path:
    path = unquote(href.split("#")[0])
    return out / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


def test_the_static_site_has_every_published_page_and_nothing_else(
    store: str, tmp_path: Path
) -> None:
    app = open_minutes(store)
    mid, _ = full_meeting(app)
    app.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    draft = app.schedule(SECRETARY, "Økonomiudvalget", date(2026, 10, 7))
    app.add_item(draft, SECRETARY, "Kladde: må ikke ses")
    odd = app.schedule(SECRETARY, "Plan/Byg", date(2026, 10, 8))  # no folder can be named so
    app.add_item(odd, SECRETARY, "Lokalplan")
    app.publish_agenda(odd, SECRETARY)
    app.close()
    out = tmp_path / "site"

    done = _chefforum(store, "site", str(out), "--base-url", "https://dagsordener.example.dk")

    assert done.returncode == 0, done.stderr
    assert "Forummet 'Plan/Byg' er udeladt" in done.stderr
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"Salg af grund" in everything
    for secret in ("Kladde", "højestbydende", "Vurdering"):
        assert secret.encode() not in everything
    assert not (out / "moede" / draft.hex).exists()
    assert (out / "moede" / mid.hex / "referat.pdf").read_bytes().startswith(b"%PDF")
    assert b"https://dagsordener.example.dk/moede/" in (out / "feed.atom").read_bytes()
    # Every link of every page leads to a file that is there; no search, no OParl.
    pages = list(out.rglob("*.html"))
    assert len(pages) == 1 + 1 + 3  # index, the forum, the meeting, its agenda and referat
    for page in pages:
        for a in Elements(page.read_text()).named("a"):
            href = str(a["href"])
            if href.startswith("#"):
                continue
            assert href.startswith("/") and _file(out, href).is_file(), (page, href)
        assert "/soeg/" not in page.read_text() and "/oparl/" not in page.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ("serve", "--port", "0"),
        ("serve", "--port", "70000"),
        ("serve", "--host", ""),
        ("site",),
    ],
)
def test_bad_input_to_the_site_commands_is_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = _chefforum(str(tmp_path / "events.db"), *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_site_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("")
    store = str(tmp_path / "events.db")
    app = open_minutes(store)
    mid = app.schedule(SECRETARY, "Udvalget", date(2026, 10, 8))
    app.add_item(mid, SECRETARY, "Punkt")
    app.publish_agenda(mid, SECRETARY)
    app.close()
    done = _chefforum(store, "site", str(blocker / "ud"))
    assert done.returncode == 2 and "kan ikke skrive i" in done.stderr
    assert done.stderr.count("\n") == 1
