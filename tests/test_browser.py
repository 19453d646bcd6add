"""End to end in a real browser: Debian's chromium driven by Playwright against the live server.

Run alone with `pytest tests/test_browser.py`, or the whole suite; `-m "not browser"` skips it.
"""

import re
from datetime import date

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from core.choices import WorkflowStatus
from core.models import Commitment, StrategicArea
from core.tests.factories import MeasurementFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "browser-test-password-4821"
SCREENSHOTS = {"dashboard": "/tmp/dashboard.png", "commitment": "/tmp/commitment.png"}


@pytest.fixture
def browser(transactional_db, monkeypatch):
    """Chromium, started only once the test database is set up.

    While Playwright's sync API runs, its event loop is running in this thread, and Django's
    connection handler (context-local) then hands out a connection of its own: started first,
    it would hide the test database's serialized contents from `serialized_rollback`.
    Django also refuses ORM calls beside a running loop unless told that this is deliberate
    (docs/development/testing.md, "Browser tests").
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # The connection handed out beside the loop, or the test database cannot be dropped.
        connections.close_all()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def programme():
    """The programme's reference data, loaded by the data migrations.

    Transactional tests flush the database when they end; `serialized_rollback=True` on every
    one of them (conftest.py enforces it) restores the migrated data before each, so this test
    finds the programme whatever ran before it.
    """
    return {
        "areas": list(StrategicArea.objects.order_by("position").values_list("title", flat=True)),
        "gov1": Commitment.objects.get(code="GOV-1"),
    }


def log_in(page, username, password):
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("header .who")).to_contain_text(username)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_secretariat_reviews_a_submission_and_reads_the_programme(page, programme):
    reviewer = UserFactory.secretariat(username="reviewer-anna")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    member = MemberFactory(code="QZA", name="Customs of Zanadu")
    measurement = MeasurementFactory(
        member=member,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        value=71,
        status=WorkflowStatus.SUBMITTED,
    )

    log_in(page, "reviewer-anna", PASSWORD)

    # The dashboard: five areas, each commitment with a status badge and a progress bar.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme dashboard")
    assert len(programme["areas"]) == 5
    area_headings = page.locator("section.area h2")
    expect(area_headings).to_have_count(5)
    for position, title in enumerate(programme["areas"]):
        expect(area_headings.nth(position)).to_contain_text(title)
    gov1_row = page.locator("section.area tbody tr").filter(
        has=page.get_by_role("link", name="GOV-1", exact=True)
    )
    expect(gov1_row).to_have_count(1)
    expect(gov1_row).to_contain_text(programme["gov1"].title)
    badge = gov1_row.locator("span.badge")
    expect(badge).to_have_text(re.compile(r"^(Not started|On track|At risk|Off track|Done)$"))
    expect(gov1_row.locator("svg")).to_be_visible()
    expect(gov1_row.locator("svg")).to_have_attribute("aria-label", re.compile(r"\d+% progress"))
    expect(page.locator(".figures")).to_contain_text("submissions to review")
    page.screenshot(path=SCREENSHOTS["dashboard"], full_page=True)

    # GOV-1's page, reached by its link: milestones and an indicator chart.
    gov1_row.get_by_role("link", name="GOV-1", exact=True).click()
    expect(page).to_have_url(re.compile(r"/commitments/GOV-1/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"GOV-1: {programme['gov1'].title}")
    milestones = page.locator("h2:has-text('Milestones') + table tbody tr")
    expect(milestones).to_have_count(programme["gov1"].milestones.count())
    expect(milestones.first).to_contain_text("Council adopts the term-limit rule")
    expect(page.get_by_role("heading", name=re.compile(r"^GOV-1\.1: "))).to_be_visible()
    chart = page.locator("#indicator-GOV-1\\.1 svg[role=img]")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("aria-label", re.compile(r"^GOV-1\.1: "))
    page.screenshot(path=SCREENSHOTS["commitment"], full_page=True)

    # The review inbox: validate, then publish; the row's badge follows.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review inbox")
    row = page.locator("tbody tr").filter(
        has=page.locator(f"a[href='{measurement.get_absolute_url()}']")
    )
    expect(row).to_contain_text("QZA")
    expect(row.locator("span.badge")).to_have_text("Submitted")
    row.get_by_role("checkbox").check()
    page.get_by_label("Action").select_option("validate")
    page.get_by_role("button", name="Apply to the chosen records").click()
    expect(page.locator("ul.messages")).to_contain_text("Validated: 1 record")
    expect(row.locator("span.badge")).to_have_text("Validated")
    row.get_by_role("checkbox").check()
    page.get_by_label("Action").select_option("publish")
    page.get_by_role("button", name="Apply to the chosen records").click()
    expect(page.locator("ul.messages")).to_contain_text("Published: 1 record")
    # Published data has left the inbox.
    expect(row).to_have_count(0)

    # The measurement's page: published, and the audit trail names the reviewer.
    page.goto(measurement.get_absolute_url())
    expect(page.locator("dl.facts span.badge")).to_have_text("Published")
    history = page.locator("h2:has-text('History') + table tbody tr")
    by_reviewer = history.filter(has_text="reviewer-anna")
    expect(by_reviewer).to_have_count(2)
    expect(by_reviewer.nth(0)).to_contain_text(re.compile(r"status: validated → published"))
    expect(by_reviewer.nth(1)).to_contain_text(re.compile(r"status: submitted → validated"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_secretariat_renews_an_ending_mandate_and_is_told_why_a_third_term_is_refused(page):
    from datetime import timedelta

    from governance.models import Mandate, Position

    clerk = UserFactory.secretariat(username="clerk-omar")
    clerk.set_password(PASSWORD)
    clerk.save()
    position = Position.objects.get(body__code="secretariat", title="Deputy Secretary General")
    today = date.today()
    first = Mandate(
        position=position,
        holder="Ines Varga",
        start=today - timedelta(days=1700),
        end=today + timedelta(days=90),
    )
    first.full_clean()
    first.save()

    log_in(page, "clerk-omar", PASSWORD)

    # The area page lists the mandate among those ending within 180 days, with a Renew button.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Governance").click()
    ending = page.locator("#ending + .table-wrap tbody tr").filter(has_text="Ines Varga")
    expect(ending).to_contain_text("1 of 2")
    ending.get_by_role("button", name="Renew").click()
    expect(page.locator("ul.messages")).to_contain_text("Ines Varga")
    expect(ending.locator("td").last).to_contain_text("renewed")
    second = Mandate.objects.get(previous=first)
    assert (second.term_number, second.start) == (2, first.end + timedelta(days=1))

    # A third consecutive term, typed into the form, is refused with the reason on the form.
    page.goto("/governance/mandates/new/")
    page.select_option("#id_position", str(position.pk))
    page.fill("#id_holder", "Ines Varga")
    third_start = second.end + timedelta(days=1)
    page.fill("#id_start", third_start.isoformat())
    page.fill("#id_end", position.longest_term_end(third_start).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist")).to_contain_text("third consecutive term")
    assert Mandate.objects.filter(position=position).count() == 2
    page.screenshot(path="/tmp/governance-refused.png", full_page=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_notifies_a_tfa_measure_and_is_told_what_category_c_needs(page):
    from facilitation.models import TFAMeasure, TFANotification

    member = MemberFactory(code="QZB", name="Customs of Borduria")
    officer = UserFactory.for_member(member, username="officer-qzb")
    officer.set_password(PASSWORD)
    officer.save()
    risk_management = TFAMeasure.objects.get(code="7.4")

    page.goto("/accounts/login/")
    page.fill("#id_username", "officer-qzb")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("header .who")).to_contain_text("officer-qzb · member")

    # Category C without the assistance it needs: the form says so and nothing is saved.
    page.goto("/facilitation/notifications/new/")
    page.select_option("#id_measure", str(risk_management.pk))
    page.check("#id_category input[value=C]")
    page.fill("#id_definitive_date", "2028-06-30")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist")).to_contain_text("assistance and support it needs")
    assert not TFANotification.objects.exists()

    # With the assistance named, it is saved as the member's draft, then submitted.
    page.fill("#id_assistance_needed", "Training of targeting officers; a risk engine.")
    page.get_by_role("button", name="Save").click()
    notification = TFANotification.objects.get()
    assert (notification.member, notification.category) == (member, "C")
    expect(page).to_have_url(re.compile(rf"/facilitation/notifications/{notification.pk}/$"))
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator("ul.messages")).to_contain_text("QZB 7.4 (C): submitted")
    notification.refresh_from_db()
    assert notification.status == WorkflowStatus.SUBMITTED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reporting_cycle_from_an_overdue_item_to_a_published_record(page, tmp_path):
    """A member sees an overdue record, reports it with evidence and submits it; the secretariat
    validates and publishes it from the inbox in bulk; the member's record is then done and
    completeness moves."""
    from security.models import AEOProgramme

    member = MemberFactory(code="QZC", name="Customs of Carpania")
    officer = UserFactory.for_member(member, username="officer-qzc")
    officer.set_password(PASSWORD)
    officer.save()
    reviewer = UserFactory.secretariat(username="reviewer-ben")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    certificate = tmp_path / "aeo-law.pdf"
    certificate.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    log_in(page, "officer-qzc", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="What is due").click()
    row = page.locator("tbody tr").filter(has_text="Authorized Economic Operator programmes")
    expect(row.locator("span.badge")).to_have_text("Overdue")
    row.get_by_role("link", name="Report").click()

    page.select_option("#id_programme_status", "operational")
    page.fill("#id_launched_on", "2019-05-01")
    page.select_option("#id_covers", index=1)
    page.fill("#id_certified_operators", "42")
    page.fill("#id_counted_on", "2026-06-30")
    page.get_by_role("button", name="Save").click()
    programme = AEOProgramme.objects.get(member=member)
    expect(page).to_have_url(re.compile(rf"/security/aeo/{programme.pk}/$"))
    page.set_input_files("input[type=file][name=file]", str(certificate))
    page.get_by_role("button", name="Attach").click()
    expect(page.locator("ul.messages")).to_contain_text("aeo-law.pdf is attached")
    expect(page.locator("ul.evidence")).to_contain_text("aeo-law.pdf")
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator("dl.facts")).to_contain_text("Submitted")

    page.context.clear_cookies()
    log_in(page, "reviewer-ben", PASSWORD)
    page.goto("/completeness/?register=security/aeo-programmes")
    before = page.locator(".figures .figure").first.inner_text()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").click()
    inbox_row = page.locator("tbody tr").filter(has_text="Customs of Carpania")
    for action in ("validate", "publish"):
        inbox_row.get_by_role("checkbox").check()
        page.get_by_label("Action").select_option(action)
        page.get_by_role("button", name="Apply to the chosen records").click()
    expect(page.locator("ul.messages")).to_contain_text("Published: 1 record")
    expect(inbox_row).to_have_count(0)
    page.goto("/completeness/?register=security/aeo-programmes")
    assert page.locator(".figures .figure").first.inner_text() != before

    page.context.clear_cookies()
    log_in(page, "officer-qzc", PASSWORD)
    page.goto("/obligations/?register=security/aeo-programmes")
    expect(page.locator("tbody tr span.badge").first).to_have_text("Done")
