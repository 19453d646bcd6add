"""Restricted and confidential security records never reach a user without access.

A unique marker is planted in every restricted text field (passenger-data safeguards, the
assessor of a risk-management assessment) of published records, restricted and confidential,
then looked for everywhere a user could read it: every API endpoint of the registers (list,
detail, CSV export, filters and searches, audit history, grants), the summary, the report's PDF
and the browser pages. It never reaches another member, the council or an anonymous user; it
does reach the record's own member, the secretariat, and another member once granted, no longer
once the grant is revoked."""

from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate

from core.choices import Confidentiality, WorkflowStatus
from core.registry import Period
from core.tests.factories import MemberFactory, UserFactory
from core.tests.helpers import pdf_text
from reports import rendering
from reports.models import Report, ReportSchedule
from security import urls as page_urls
from security.api.views import SummaryView
from security.choices import Readiness
from security.tests.factories import (
    PassengerDataReadinessFactory,
    RiskManagementAssessmentFactory,
)

pytestmark = pytest.mark.django_db

MARK = "Zq7Marker"
# Searches look for part of the marker: a page that repeats the search does not leak it.
SEARCH = MARK[:3]
PASSENGERS = "/api/v1/security/passenger-data-readiness/"
ASSESSMENTS = "/api/v1/security/risk-assessments/"
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


def published(day=date(2026, 2, 1)):
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return {"status": WorkflowStatus.PUBLISHED, "published_at": moment, "status_changed_at": moment}


@pytest.fixture
def esp(db):
    return MemberFactory(code="ESP", name="Spain")


@pytest.fixture
def esp_user(esp):
    return UserFactory.for_member(esp, username="member-esp")


@pytest.fixture
def secrets(fra, esp):
    """France's restricted readiness and assessments (one restricted, one confidential) and
    Spain's confidential readiness, all published, each with its own marker; and three more
    members' plain published records, so that the aggregates cover five members."""
    records = {
        "fra-passengers": PassengerDataReadinessFactory(
            member=fra,
            confidentiality=Confidentiality.RESTRICTED,
            pnr_legal_basis=True,
            pnr_status=Readiness.PILOT,
            safeguards=f"{MARK}-safeguards-restricted",
            **published(),
        ),
        "esp-passengers": PassengerDataReadinessFactory(
            member=esp,
            confidentiality=Confidentiality.CONFIDENTIAL,
            pnr_legal_basis=True,
            pnr_status=Readiness.PILOT,
            safeguards=f"{MARK}-safeguards-confidential",
            **published(),
        ),
        "fra-assessment": RiskManagementAssessmentFactory(
            member=fra,
            assessed_on=date(2025, 10, 1),
            confidentiality=Confidentiality.RESTRICTED,
            assessor=f"{MARK}-assessor-restricted",
            **published(),
        ),
        "fra-old-assessment": RiskManagementAssessmentFactory(
            member=fra,
            assessed_on=date(2023, 10, 1),
            confidentiality=Confidentiality.CONFIDENTIAL,
            assessor=f"{MARK}-assessor-confidential",
            **published(),
        ),
    }
    for code in ("ITA", "PRT", "BEL"):
        member = MemberFactory(code=code)
        PassengerDataReadinessFactory(member=member, **published())
        RiskManagementAssessmentFactory(member=member, **published())
    return records


def endpoints(records):
    """Every API address a user could read a record at: lists, exports, filters and searches of
    both registers, and each record's detail, history and grants."""
    addresses = []
    for base in (PASSENGERS, ASSESSMENTS):
        addresses += [
            base,
            f"{base}export/",
            f"{base}?q={SEARCH}",
            f"{base}?search={SEARCH}",
            f"{base}?member=FRA",
            f"{base}?member=ESP",
            f"{base}?region={records['fra-passengers'].member.region.code}",
            f"{base}?confidentiality=restricted&confidentiality=confidential",
            f"{base}?submission_status=published",
            f"{base}?page_size=1000",
        ]
    for name, record in records.items():
        base = PASSENGERS if "passengers" in name else ASSESSMENTS
        addresses += [f"{base}{record.pk}/", f"{base}{record.pk}/history/"]
        addresses += [f"{base}{record.pk}/grants/", f"{base}{record.pk}/?format=json"]
    return addresses


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def read(client, address):
    response = client.get(address)
    assert response.status_code < 500, (address, response.status_code)
    return body(response)


def leaks(client, addresses, mark=MARK):
    return [address for address in addresses if mark in read(client, address)]


@pytest.fixture
def outsiders(deu_user, council_user):
    return {"another member": deu_user, "council": council_user, "anonymous": None}


def test_no_api_endpoint_gives_the_marker_to_a_user_without_access(api, secrets, outsiders):
    addresses = endpoints(secrets)
    for who, user in outsiders.items():
        assert leaks(api(user), addresses) == [], who
    # Not in the summary either: aggregates only.
    for user in outsiders.values():
        request = APIRequestFactory().get("/api/v1/security/summary/", {"end": "2026-06-30"})
        if user is not None:
            force_authenticate(request, user)
        response = SummaryView.as_view()(request)
        response.render()
        assert response.status_code == 200
        assert MARK not in response.content.decode()


def test_the_record_s_member_and_the_secretariat_read_the_marker(
    api, secrets, fra_user, esp_user, secretariat_user
):
    fra_passengers, esp_passengers = secrets["fra-passengers"], secrets["esp-passengers"]
    assessment, old = secrets["fra-assessment"], secrets["fra-old-assessment"]
    owner = api(fra_user)
    for address in (PASSENGERS, f"{PASSENGERS}export/", f"{PASSENGERS}{fra_passengers.pk}/"):
        assert f"{MARK}-safeguards-restricted" in read(owner, address), address
    for address in (ASSESSMENTS, f"{ASSESSMENTS}export/", f"{ASSESSMENTS}{old.pk}/"):
        assert f"{MARK}-assessor-confidential" in read(owner, address), address
    assert f"{MARK}-assessor-restricted" in read(owner, f"{ASSESSMENTS}{assessment.pk}/history/")
    # France never reads Spain's confidential record, nor Spain France's.
    assert f"{MARK}-safeguards-confidential" not in read(owner, PASSENGERS)
    spain = api(esp_user)
    assert f"{MARK}-safeguards-confidential" in read(spain, f"{PASSENGERS}{esp_passengers.pk}/")
    france = {name: record for name, record in secrets.items() if name.startswith("fra")}
    for mark in ("safeguards-restricted", "assessor-restricted", "assessor-confidential"):
        assert leaks(spain, endpoints(france), f"{MARK}-{mark}") == [], mark
    # The secretariat reads restricted records.
    secretariat = api(secretariat_user)
    assert f"{MARK}-safeguards-restricted" in read(secretariat, PASSENGERS)
    assert f"{MARK}-assessor-restricted" in read(secretariat, f"{ASSESSMENTS}{assessment.pk}/")


@pytest.mark.parametrize(
    ("base", "name", "marker"),
    [
        (PASSENGERS, "fra-passengers", "safeguards-restricted"),
        (ASSESSMENTS, "fra-assessment", "assessor-restricted"),
    ],
)
def test_a_granted_member_reads_the_marker_until_the_grant_is_revoked(
    api, secrets, fra_user, deu_user, base, name, marker
):
    # Member grants are for restricted records (a confidential one is refused: core.grants).
    record, mark = secrets[name], f"{MARK}-{marker}"
    owner, germany = api(fra_user), api(deu_user)
    detail = f"{base}{record.pk}/"
    assert germany.get(detail).status_code == 404

    granted = owner.post(f"{detail}grant/", {"member": "DEU"}, format="json")
    assert granted.status_code == 200 and granted.json() == [{"member": "DEU"}]
    assert mark in read(germany, detail)
    assert mark in read(germany, base)
    # Only that record: France's other records stay out of reach.
    others = {k: v for k, v in secrets.items() if k.startswith("fra") and k != name}
    for other in others.values():
        other_base = PASSENGERS if other._meta.model_name.startswith("passenger") else ASSESSMENTS
        assert germany.get(f"{other_base}{other.pk}/").status_code == 404

    revoked = owner.post(f"{detail}revoke/", {"member": "DEU"}, format="json")
    assert revoked.status_code == 200 and revoked.json() == []
    assert germany.get(detail).status_code == 404
    assert leaks(germany, endpoints(secrets)) == []


def test_a_confidential_record_is_never_granted_to_a_member(api, secrets, fra_user, deu_user):
    record = secrets["fra-old-assessment"]
    detail = f"{ASSESSMENTS}{record.pk}/"
    refused = api(fra_user).post(f"{detail}grant/", {"member": "DEU"}, format="json")
    assert refused.status_code == 400 and "member" in refused.json()
    assert api(deu_user).get(detail).status_code == 404


def test_an_unpublished_record_is_not_read_even_when_granted(api, secrets, fra_user, deu_user):
    record = secrets["fra-passengers"]
    api(fra_user).post(f"{PASSENGERS}{record.pk}/grant/", {"member": "DEU"}, format="json")
    type(record).objects.filter(pk=record.pk).update(status=WorkflowStatus.SUBMITTED)
    assert leaks(api(deu_user), endpoints(secrets)) == []


def test_the_report_pdf_never_prints_the_marker(secrets):
    schedule = ReportSchedule.objects.get(name="Monthly programme transparency report")
    report = Report(schedule=schedule, period_start=PERIOD.start, period_end=PERIOD.end)
    pdf, _ = rendering.render_pdf(rendering.gather(report))
    text = pdf_text(pdf)
    assert "Security registers" in text  # the chapter is there, with its aggregates
    assert "Access to passenger data" in text
    assert MARK not in text


def page_addresses(records):
    """Every browser page of the security area a user could read: the lists (with a search),
    and each marked record's detail and edit pages."""
    addresses = []
    for pattern in page_urls.urlpatterns:
        listing = isinstance(pattern, URLPattern) and not pattern.pattern.converters
        if listing and not pattern.name.endswith("_create"):
            address = reverse(f"security:{pattern.name}")
            addresses += [address, f"{address}?q={SEARCH}"]
    for record in records.values():
        detail = record.get_absolute_url()
        addresses += [detail, f"{detail}edit/"]
    return addresses


def test_no_browser_page_gives_the_marker_to_a_user_without_access(secrets, outsiders):
    addresses = page_addresses(secrets)
    for who, user in outsiders.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert leaks(client, addresses) == [], who


def test_the_browser_pages_give_the_marker_to_the_record_s_member(secrets, fra_user):
    client = Client()
    client.force_login(fra_user)
    record = secrets["fra-passengers"]
    assert f"{MARK}-safeguards-restricted" in read(client, record.get_absolute_url())
