"""The public site in a real browser: Debian's chromium driven by Playwright, with
JavaScript switched off (the site must need none), against a real `chefforum serve`.

Skips when /usr/bin/chromium is absent, except where CHEFFORUM_REQUIRE_BROWSER=1 (CI),
where that is a failure. The screenshot of a meeting page is compared with the stored one
(tests/integration/site_screens/); after a deliberate change to the pages, look at the new
picture and store it with CHEFFORUM_UPDATE_SCREENS=1.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from projections.documents.referat import digest
from projections.store.connect import open_minutes
from tests.builders import SECRETARY, full_meeting
from tests.site_server import serving

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("CHEFFORUM_REQUIRE_BROWSER") == "1"
SCREENS = Path(__file__).parent / "site_screens"
# Share of pixels that may differ from the stored screenshot (anti-aliasing), and how much.
TOLERANCE = 0.01
CHANNEL_NOISE = 48

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    if REQUIRED:
        pytest.fail(f"{CHROMIUM} is required (CHEFFORUM_REQUIRE_BROWSER=1) but absent")
    pytest.skip(
        f"no {CHROMIUM}: apt-get install chromium (CI installs it)", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = str(tmp_path_factory.mktemp("site") / "events.db")
    app = open_minutes(store)
    mid, _ = full_meeting(app)
    app.sign_minutes(mid, SECRETARY, "Anne Holm", digest)
    other = app.schedule(SECRETARY, "Børne- og Skoleudvalget", date(2026, 11, 3))
    app.add_item(other, SECRETARY, "Skoleårets planlægning")
    app.publish_agenda(other, SECRETARY)
    app.close()
    with serving(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield found
        found.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1000, "height": 800}, locale="da-DK"
    )
    yield context.new_page()
    context.close()


def test_a_reader_finds_the_forum_follows_a_meeting_and_searches(base: str, page: Page) -> None:
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    for landmark in ("banner", "main", "contentinfo", "search"):
        expect(page.get_by_role(landmark)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text("Udvalg og fora")

    page.get_by_role("link", name="Økonomiudvalget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Økonomiudvalget")
    expect(page.get_by_role("heading", level=2)).to_have_text("2026")
    page.get_by_role("link", name="2. september 2026").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "REFERAT Økonomiudvalget d. 02-09-2026"
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text("Indstillingen blev godkendt.")
    expect(main).to_contain_text("Punkt 161: Salg af grund")
    expect(main).not_to_contain_text("højestbydende")
    expect(main).not_to_contain_text("Vurdering")
    # The contents link to the items on the page.
    page.get_by_role("link", name="Punkt 160: Budgetopfølgning").click()
    assert page.url.endswith("#punkt-2")
    pdf = page.get_by_role("link", name="Referatet som PDF").get_attribute("href")
    response = page.request.get(base + str(pdf))
    assert response.headers["content-type"] == "application/pdf"

    search = page.get_by_role("searchbox", name="Søg i dagsordener og referater")
    search.fill("budgetterne")
    search.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Søg")
    hits = page.locator("ol.hits > li")
    expect(hits.first).to_contain_text("Økonomiudvalget, 2. september 2026: Punkt 160")
    expect(page.locator("ol.hits mark").first).to_be_visible()
    hits.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Økonomiudvalget")
    assert page.url.endswith("#punkt-2")  # at the item found


def test_print_leaves_out_the_site_around_the_referat(base: str, page: Page) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Økonomiudvalget").click()
    page.get_by_role("link", name="2. september 2026").click()
    expect(page.get_by_role("banner")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _box(page: Page, selector: str) -> dict[str, Any]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return dict(box)


def test_the_meeting_page_looks_as_stored(base: str, page: Page) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Økonomiudvalget").click()
    page.get_by_role("link", name="2. september 2026").click()
    # The layout as boxes: the text in a centred column, the search beside the site's name.
    main, title = _box(page, "main"), _box(page, "article h1")
    assert main["width"] <= 48 * 16 + 1 and abs(main["x"] * 2 + main["width"] - 1000) <= 2
    name, form = _box(page, ".site-name"), _box(page, "form.search")
    assert form["x"] > name["x"] + name["width"] and abs(form["y"] - name["y"]) < 20
    assert title["y"] > name["y"] + name["height"]
    # On a phone the search goes under the name, and nothing is wider than the screen.
    page.set_viewport_size({"width": 400, "height": 800})
    name, form = _box(page, ".site-name"), _box(page, "form.search")
    assert form["y"] > name["y"] + name["height"] - 1
    assert _box(page, "main")["width"] <= 400
    page.set_viewport_size({"width": 1000, "height": 800})

    shot = Image.open(io.BytesIO(page.screenshot(full_page=False))).convert("RGB")
    stored = SCREENS / "meeting-1000x800.png"
    if os.environ.get("CHEFFORUM_UPDATE_SCREENS") == "1" or not stored.exists():
        if REQUIRED and not stored.exists():
            pytest.fail(f"{stored} is missing")
        SCREENS.mkdir(exist_ok=True)
        shot.save(stored)
        pytest.skip(f"stored a new screenshot in {stored}: look at it")
    expected = Image.open(stored).convert("RGB")
    assert shot.size == expected.size
    diff = (
        ImageChops.difference(shot, expected)
        .convert("L")
        .point(lambda v: 255 if v > CHANNEL_NOISE else 0)
    )
    changed = diff.histogram()[255] / (shot.width * shot.height)
    assert changed <= TOLERANCE, f"{changed:.1%} of the pixels differ from {stored}"
