"""Security headers on every response of the public site.

The pages are plain HTML with one stylesheet of the site's own and no script, so the
policy allows exactly that: styles and images from the site, nothing else loaded, no
framing by other sites (clickjacking), forms (the search) only to the site itself. The
browser is told not to guess content types (a text shown as HTML) and to send no
address of a page to other sites. A pure ASGI middleware: it adds the headers as the
response starts, without buffering the body.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers that predate it
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A page that sets one of these itself (the member's page: a stricter
                # policy) keeps its own; every other response gets the site's.
                given = message.get("headers", [])
                present = {h[0].lower() for h in given}
                message["headers"] = [*given, *(h for h in HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)
