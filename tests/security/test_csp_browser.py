"""The Content-Security-Policy in a real browser (Debian's chromium): the pages and the API
documentation work under it, and the browser reports no violation."""

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from core.tests.factories import UserFactory
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

PASSWORD = "csp-browser-test-password-5150"

# Collects every violation the page reports (the securitypolicyviolation event), from the
# first byte of every document.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def page(transactional_db, live_server, monkeypatch):
    # As in tests/test_browser.py: Playwright's loop runs in this thread beside the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = chromium.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        context.add_init_script(LISTEN)
        page = context.new_page()
        page.console_messages = []
        page.on("console", lambda message: page.console_messages.append(message.text))
        yield page
        context.close()
        chromium.close()
        connections.close_all()


def violations(page):
    reported = page.evaluate("window.__violations")
    console = [text for text in page.console_messages if "Content Security Policy" in text]
    return reported + console


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_swagger_ui_renders_the_api_under_the_policy(page):
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "WCO Reform Programme Platform API"
    )
    # The operations are listed: the schema was fetched and rendered.
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations(page) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_dashboard_and_login_work_under_the_policy(page):
    UserFactory.secretariat(username="csp-secretariat", password=PASSWORD)
    page.goto("/accounts/login/")
    page.fill("#id_username", "csp-secretariat")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("header.site .who")).to_contain_text("csp-secretariat")
    # The stylesheet applied: the header is the site's navy.
    background = page.evaluate(
        "getComputedStyle(document.querySelector('header.site')).backgroundColor"
    )
    assert background == "rgb(18, 53, 91)"
    page.goto("/commitments/GOV-1/")
    expect(page.locator("svg").first).to_be_visible()
    assert violations(page) == []
