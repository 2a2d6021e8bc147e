"""Every response of `chefforum serve` carries the security headers (issue 21): a
content security policy that allows the site's own stylesheet and nothing else, no
framing, no sniffing of content types, no referrer to other sites. Asked over HTTP of a
real server, for every kind of response: pages, the stylesheet, a PDF, feeds, OParl,
search, a 404 and a refused write."""

from __future__ import annotations

from datetime import date

import httpx

from projections.store.connect import open_minutes
from tests.site_server import serving

ACTOR = "Karen Dahl"


def test_every_response_has_the_security_headers(store: str) -> None:
    app = open_minutes(store)
    try:
        mid = app.schedule(ACTOR, "Økonomiudvalget", date(2031, 3, 4))
        app.add_item(mid, ACTOR, "Budget")
        app.publish_agenda(mid, ACTOR)
    finally:
        app.close()
    with serving(store) as base, httpx.Client(base_url=base, timeout=60) as client:
        responses = [
            client.get(path)
            for path in (
                "/",
                "/site.css",
                f"/moede/{mid.hex}/",
                f"/moede/{mid.hex}/dagsorden.pdf",
                "/feed.atom",
                "/oparl/v1",
                "/soeg/?q=budget",
                "/nowhere",
            )
        ]
        responses += [client.post("/", content=b"x"), client.head("/")]
    assert [r.status_code for r in responses] == [200] * 7 + [404, 405, 200]
    for response in responses:
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "style-src 'self'" in policy and "script-src" not in policy
        assert response.headers.get("x-content-type-options") == "nosniff"
        assert response.headers.get("referrer-policy") == "no-referrer"
        assert response.headers.get("x-frame-options") == "DENY"
