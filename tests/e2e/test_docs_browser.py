"""/docs renders offline in a real headless Chromium and its "Try it out" returns seed claims.

Every request that leaves 127.0.0.1 is aborted, so a CDN asset would leave the page blank.
Uses Debian's chromium (installed by `make test`); no browser is downloaded.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def page():
    if CHROMIUM is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true needs Debian's chromium for the /docs browser test")
        pytest.skip("chromium is not installed (make test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context()
        outside: list[str] = []

        def block_outside(route):
            host = urlparse(route.request.url).hostname
            if host in ("127.0.0.1", "localhost"):
                return route.continue_()
            outside.append(route.request.url)
            return route.abort()

        context.route("**/*", block_outside)
        yield context.new_page()
        context.close()
        browser.close()


def test_docs_render_offline_and_try_it_out_returns_seed_claims(page, seeded_server):
    page.goto(seeded_server.base + "/docs")
    operation = page.locator("#operations-claims-list_claims_claims_get")
    operation.wait_for(timeout=20_000)
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    body = page.locator(".responses-wrapper .live-responses-table .response-col_description pre")
    body.first.wait_for(timeout=20_000)
    text = body.first.inner_text()
    assert '"items"' in text and "Hegseth" in text


def test_redoc_renders_offline(page, seeded_server):
    page.goto(seeded_server.base + "/redoc")
    page.get_by_text("/claims", exact=False).first.wait_for(timeout=20_000)
