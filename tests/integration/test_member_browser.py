"""A member's link in a real browser: Debian's chromium driven by Playwright with
JavaScript off, against a real `chefforum serve`. The link comes from a mail received by a
real SMTP server (aiosmtpd); the member approves with a reservation; the signature is
stored under the member's name and printed in the referat; the same link again shows the
signature and stores nothing. Skips without /usr/bin/chromium, except under
CHEFFORUM_REQUIRE_BROWSER=1 (CI)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.meeting.events.meeting import MinutesApproved
from projections.documents.render.export import render_meeting
from projections.mail.mailing import send
from projections.store.connect import open_minutes
from tests.members import (
    SECRETARY,
    hold,
    link_in,
    meeting_with_members,
    serving_logged,
    smtp_server,
)

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("CHEFFORUM_REQUIRE_BROWSER") == "1"
RESERVATION = "Med forbehold for finansieringen af punkt 1."

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    if REQUIRED:
        pytest.fail(f"{CHROMIUM} is required (CHEFFORUM_REQUIRE_BROWSER=1) but absent")
    pytest.skip(
        f"no {CHROMIUM}: apt-get install chromium (CI installs it)", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield found
        found.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    yield context.new_page()
    context.close()


def test_a_member_approves_with_a_reservation_from_the_link_in_their_mail(
    page: Page, tmp_path: Path
) -> None:
    store = str(tmp_path / "events.db")
    app = open_minutes(store)
    mid = meeting_with_members(app)
    hold(app, mid)
    with serving_logged(store, tmp_path / "serve.log") as base:
        with smtp_server() as (inbox, url):
            env = {"CHEFFORUM_SMTP_URL": url, "CHEFFORUM_SITE_URL": base}
            send(app, mid, SECRETARY, "udkast", env=env)
        link = link_in(inbox.to("cecilie.ravn@example.dk"))
        page.goto(link)
        expect(page.locator("#member-title")).to_have_text("Til Cecilie Ravn")
        expect(page.locator("article.document")).to_contain_text("Nordbyg")  # entitled
        page.get_by_label("Forbehold").fill(RESERVATION)
        page.get_by_role("button", name="Godkend med forbehold").click()
        expect(page.get_by_role("status")).to_have_text("Tak. Din godkendelse er gemt.")
        expect(page.locator(".signature")).to_contain_text(RESERVATION)
        version = app.get(mid).version
        # The same link again, as from the mail: the signature, no form, nothing stored.
        page.goto(link)
        expect(page.locator(".signature")).to_contain_text("Du godkendte referatet")
        expect(page.get_by_role("button", name="Godkend referatet")).to_have_count(0)
        page.go_back()
        assert app.get(mid).version == version
    (signed,) = app.get(mid).state.approvals
    assert (signed.by, signed.via, signed.reservation) == ("Cecilie Ravn", "link", RESERVATION)
    approved = [e for e in app.events.get(mid) if isinstance(e, MinutesApproved)]
    assert [e.actor for e in approved] == ["Cecilie Ravn"]
    referat = " ".join(render_meeting(app, mid).decode().split())
    assert "Godkendt af Cecilie Ravn d. " in referat
    assert "(godkendt via personligt link), med forbehold: " + RESERVATION in referat
    app.close()
