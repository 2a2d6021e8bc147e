"""The public site: `chefforum serve` (uvicorn, read-only) and `chefforum site OUTDIR`
(the same pages as files). The site itself is projections/site; it and the web server
are imported by these commands only (a command loads only what it uses)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from chefforum_tui.cli.errors import UsageError
from chefforum_tui.cli.output import say
from domain.application import Minutes

# How `serve --workers N` tells its worker processes what to serve: uvicorn starts each
# worker from an import string, so the settings travel in the environment.
WORKER_SETTINGS = "CHEFFORUM_SERVE_SETTINGS"


def _site(name: str | None, served: bool) -> Any:
    from projections.site.pages import Site

    return Site(name=name, served=served) if name else Site(served=served)


def cmd_serve(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    import uvicorn

    from projections.site.app import create_app

    say(f"Den offentlige side: http://{args.host}:{args.port}/ (stop med ctrl+c)", file=sys.stderr)
    options: dict[str, Any] = {"log_level": "warning", "access_log": False}
    if args.workers == 1:
        web = create_app(app, _site(args.name, served=True), base_url=args.base_url, serving=True)
        uvicorn.run(web, host=args.host, port=args.port, **options)
        return
    # Several processes on one socket, each with its own connection to the store: on
    # PostgreSQL and on SQLite in WAL mode readers do not wait for each other, and the
    # read models' catching up is exactly once across processes (runner.py). The made
    # pages are shared through their folder (projections/site/rendered.py).
    os.environ[WORKER_SETTINGS] = json.dumps(
        {"db": args.db, "name": args.name, "base_url": args.base_url}
    )
    uvicorn.run(
        "chefforum_tui.cli.site:worker_app",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        **options,
    )


def worker_app() -> Any:
    """One worker's site (uvicorn's factory): the store opened in this process."""
    from projections.site.app import create_app
    from projections.store.connect import open_minutes

    settings = json.loads(os.environ[WORKER_SETTINGS])
    minutes = open_minutes(settings["db"])
    site = _site(settings["name"], served=True)
    return create_app(minutes, site, base_url=settings["base_url"], serving=True)


def cmd_site(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    from projections.site.public import PublicSite
    from projections.site.static import write_site

    out = Path(args.outdir)
    try:
        written, skipped = write_site(
            PublicSite(app),
            _site(args.name, served=False),
            out,
            args.base_url or "http://localhost",
        )
    except OSError as e:
        raise UsageError(f"kan ikke skrive i {args.outdir}: {e.strerror}") from None
    for name in skipped:
        say(f"Forummet '{name}' er udeladt: navnet kan ikke være et mappenavn.", file=sys.stderr)
    say(f"{written} filer er skrevet til {out}.", file=sys.stderr)
