"""The site's one rule on methods: nothing accepts a write, on any path, except a
member's own link (POST under /medlem/). A pure ASGI middleware, because Starlette's
BaseHTTPMiddleware runs every request through a second task and a memory stream, which
cost each page (and the stylesheet alike) a measurable share of the server's time.
"""

from __future__ import annotations

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from projections.site import member

READING = ("GET", "HEAD")


class ReadOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            method = scope["method"]
            if method not in READING and not (
                method == "POST" and member.is_member_path(scope["path"])
            ):
                refused = Response(
                    "Metoden er ikke tilladt: siden kan kun læses.\n",
                    status_code=405,
                    headers={"Allow": ", ".join(READING)},
                    media_type="text/plain; charset=utf-8",
                )
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)
