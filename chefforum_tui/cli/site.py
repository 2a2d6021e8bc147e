"""The public site: `chefforum serve` (uvicorn, read-only) and `chefforum site OUTDIR`
(the same pages as files). The site itself is projections/site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import uvicorn

from chefforum_tui.cli.errors import UsageError
from chefforum_tui.cli.output import say
from domain.application import Minutes
from projections.site.app import create_app
from projections.site.pages import Site
from projections.site.public import PublicSite
from projections.site.static import write_site


def _site(args: argparse.Namespace, served: bool) -> Site:
    return Site(name=args.name, served=served) if args.name else Site(served=served)


def cmd_serve(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    web = create_app(app, _site(args, served=True), base_url=args.base_url)
    say(f"Den offentlige side: http://{args.host}:{args.port}/ (stop med ctrl+c)", file=sys.stderr)
    uvicorn.run(web, host=args.host, port=args.port, log_level="warning", access_log=False)


def cmd_site(app: Minutes, args: argparse.Namespace, actor: str) -> None:
    out = Path(args.outdir)
    try:
        written, skipped = write_site(
            PublicSite(app), _site(args, served=False), out, args.base_url or "http://localhost"
        )
    except OSError as e:
        raise UsageError(f"kan ikke skrive i {args.outdir}: {e.strerror}") from None
    for name in skipped:
        say(f"Forummet '{name}' er udeladt: navnet kan ikke være et mappenavn.", file=sys.stderr)
    say(f"{written} filer er skrevet til {out}.", file=sys.stderr)
