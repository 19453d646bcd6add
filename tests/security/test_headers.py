"""Security headers on every answer (a page, an API answer, /healthz, a static file), and a
Content-Security-Policy that the pages keep: nothing inline runs without the request's nonce."""

import importlib
import re
from pathlib import Path

import pytest
from django.urls import reverse

from core import registry
from core.tests.factories import MemberFactory, UserFactory
from tests.security.csp import blocked, nonce_of, policy

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent


def assert_security_headers(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for kind in ("script-src", "style-src"):
        assert "'self'" in directives[kind]
        assert "'unsafe-inline'" not in directives[kind]
        assert "'unsafe-eval'" not in directives[kind]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_a_page_carries_the_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_an_api_answer_carries_the_security_headers(api, fra_user):
    response = api(fra_user).get("/api/v1/core/members/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_healthz_carries_the_security_headers(client):
    assert_security_headers(client.get("/healthz"))


def test_a_static_file_carries_the_security_headers(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert_security_headers(response)


def test_an_error_page_carries_the_security_headers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)


# --- the API documentation ------------------------------------------------------------------


def test_the_api_docs_page_runs_its_inline_code_under_the_nonce_only(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    nonce = nonce_of(response)
    assert nonce, "the Swagger UI page uses the nonce, so the policy carries it"
    directives = policy(response)
    assert f"'nonce-{nonce}'" in directives["script-src"]
    assert f"'nonce-{nonce}'" in directives["style-src"]
    html = response.content.decode()
    # Its stylesheet's icons are data: images: allowed there, and nowhere else.
    assert directives["img-src"] == ["'self'", "data:"]
    assert policy(client.get("/"))["img-src"] == ["'self'"]
    assert f'<script nonce="{nonce}">' in html
    assert f'<style nonce="{nonce}">' in html
    # Swagger UI's own files come from our static files (drf-spectacular-sidecar), no CDN.
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/drf_spectacular_sidecar/") for src in scripts)
    assert blocked(response) == []


def test_each_request_gets_a_new_nonce(client):
    assert nonce_of(client.get("/api/docs/")) != nonce_of(client.get("/api/docs/"))


def test_a_page_without_inline_code_names_no_nonce(client):
    assert nonce_of(client.get("/")) is None


# --- the pages keep the policy --------------------------------------------------------------

TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
# Rendered by WeasyPrint into the PDF reports, never served to a browser.
PDF_ONLY = {ROOT / "reports" / "templates" / "reports" / "report.html"}
INLINE = re.compile(
    r"<script(?![^>]*\b(?:src|nonce)=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style(?![^>]*nonce=)",
    re.IGNORECASE,
)


def test_no_template_has_inline_script_handlers_or_styles():
    found = []
    for directory in TEMPLATE_DIRS:
        for template in sorted(directory.rglob("*.html")):
            if template in PDF_ONLY:
                continue
            for number, line in enumerate(template.read_text().splitlines(), 1):
                if INLINE.search(line):
                    found.append(f"{template.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_no_html_written_in_python_has_inline_styles_or_handlers():
    # Table cells and columns written as HTML in the apps' code (registers.py, tables).
    found = []
    for source in sorted(ROOT.glob("*/*.py")):
        if source.parent.name in ("tests", "migrations") or source.parent == ROOT / "bench":
            continue
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if re.search(r"""<[a-z][^>]*\s(style|on[a-z]+)=""", line):
                found.append(f"{source.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def record_and_reader(declared, secretariat_user):
    """One record of the register (its app's factory, or the first of its reference data) and
    a user who reads it: the secretariat, or a party of a record of several parties."""
    module = importlib.import_module(f"{declared.app_label}.tests.factories")
    factory = getattr(module, f"{declared.model.__name__}Factory", None)
    if factory is None:
        return declared.model.objects.order_by("pk").first(), secretariat_user
    if declared.member_scoped:
        return factory(member=MemberFactory()), secretariat_user
    if hasattr(factory, "readable_by"):
        party = MemberFactory()
        return factory.readable_by(party), UserFactory.for_member(party)
    return factory(), secretariat_user


PAGES = [
    "core:dashboard",
    "core:member_list",
    "core:measurement_list",
    "core:review",
    "core:completeness",
    "accounts:account",
    "governance:area",
    "facilitation:area",
    "security:area",
    "capacity:area",
    "cooperation:area",
    "reports:report_list",
]


@pytest.mark.parametrize("name", PAGES)
def test_the_sites_pages_run_nothing_inline_that_the_policy_blocks(client, secretariat_user, name):
    client.force_login(secretariat_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert blocked(response) == []


def test_the_login_page_runs_nothing_inline_that_the_policy_blocks(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert blocked(response) == []


@pytest.mark.parametrize(
    "declared", [r for r in registry.registers() if r.has_pages], ids=lambda r: r.path
)
def test_a_registers_pages_run_nothing_inline_that_the_policy_blocks(
    client, secretariat_user, declared
):
    record, reader = record_and_reader(declared, secretariat_user)
    client.force_login(reader)
    urls = [reverse(f"{declared.app_label}:{declared.url_name}_list")]
    if record is not None and declared.detail_page and hasattr(record, "get_absolute_url"):
        urls.append(record.get_absolute_url())
    if declared.form is not None and reader == secretariat_user:
        urls.append(reverse(f"{declared.app_label}:{declared.url_name}_create"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert blocked(response) == [], url


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/core/member/", "/admin/core/member/add/", "/admin/auth/user/"]
)
def test_the_admin_runs_nothing_inline_that_the_policy_blocks(client, url):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.get(url)
    assert response.status_code == 200
    assert blocked(response) == []
