"""Who lists, downloads and asks for reports, in the API and the browser."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from reports.choices import Audience, ReportStatus
from reports.models import Report
from reports.tests.factories import ReportScheduleFactory

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/reports/"


@pytest.fixture
def council_report(monthly):
    report = Report.objects.create(
        schedule=monthly,
        period_start=date(2026, 9, 1),
        period_end=date(2026, 9, 30),
        status=ReportStatus.SUCCEEDED,
        sha256="a" * 64,
        pages=9,
        bytes=7,
    )
    report.file.save("council.pdf", ContentFile(b"%PDF-1 council"))
    return report


@pytest.fixture
def public_report(db):
    schedule = ReportScheduleFactory(audience=Audience.PUBLIC)
    report = Report.objects.create(
        schedule=schedule,
        period_start=date(2026, 9, 1),
        period_end=date(2026, 9, 30),
        status=ReportStatus.SUCCEEDED,
        sha256="b" * 64,
        pages=9,
        bytes=7,
    )
    report.file.save("public.pdf", ContentFile(b"%PDF-1 public"))
    return report


@pytest.mark.parametrize(
    ("who", "sees_council_report"),
    [("secretariat", True), ("council", True), ("member", False), ("anonymous", False)],
)
def test_council_reports_are_for_the_council_and_public_ones_for_all(
    api,
    client,
    council_report,
    public_report,
    secretariat_user,
    council_user,
    fra_user,
    who,
    sees_council_report,
):
    user = {
        "secretariat": secretariat_user,
        "council": council_user,
        "member": fra_user,
        "anonymous": None,
    }[who]
    listed = {row["id"] for row in api(user).get(REPORTS).json()["results"]}
    assert (council_report.pk in listed) == sees_council_report
    assert public_report.pk in listed
    detail = api(user).get(f"{REPORTS}{council_report.pk}/")
    assert detail.status_code == (200 if sees_council_report else 404)
    if user:
        client.force_login(user)
    download = client.get(f"/reports/{council_report.pk}/download/")
    assert download.status_code == (200 if sees_council_report else 404)
    assert client.get(f"/reports/{public_report.pk}/download/").status_code == 200


def test_the_report_fields_clients_rely_on(api, council_user, council_report):
    body = api(council_user).get(f"{REPORTS}{council_report.pk}/").json()
    for field in (
        "id",
        "period_start",
        "period_end",
        "status",
        "sha256",
        "pages",
        "bytes",
        "download",
    ):
        assert field in body
    assert body["status"] == "succeeded"
    assert body["download"].endswith(f"/reports/{council_report.pk}/download/")


def test_the_secretariat_asks_for_a_report_now_and_gets_it_once(api, secretariat_user, monthly):
    client = api(secretariat_user)
    body = {"period_start": "2026-08-01", "period_end": "2026-08-31"}
    first = client.post(REPORTS, body)
    assert first.status_code == 201, first.content
    second = client.post(REPORTS, body)
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    assert Report.objects.count() == 1


def test_without_a_period_the_last_complete_one_is_made(api, secretariat_user, monthly):
    response = api(secretariat_user).post(REPORTS, {})
    assert response.status_code == 201
    start, end = monthly.last_complete_period()
    assert response.json()["period_start"] == start.isoformat()


@pytest.mark.parametrize(
    "body",
    [
        {"period_start": "2026-08-31", "period_end": "2026-08-01"},
        {"period_start": "2099-01-01", "period_end": "2099-01-31"},
        {"period_start": "2026-08-01"},
        {"period_start": "someday", "period_end": "2026-08-31"},
        {"schedule": 999999},
    ],
)
def test_a_bad_report_request_is_400(api, secretariat_user, monthly, body):
    response = api(secretariat_user).post(REPORTS, body)
    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["council", "member"])
def test_only_the_secretariat_asks_for_reports(api, council_user, fra_user, monthly, who):
    user = {"council": council_user, "member": fra_user}[who]
    assert api(user).post(REPORTS, {}).status_code == 403
    assert api().post(REPORTS, {}).status_code == 401


def test_anyone_verifies_any_report_by_its_checksum(client, public_report, council_report):
    page = client.get(f"/reports/?sha256={'b' * 64}").content.decode()
    assert "is the checksum of" in page and public_report.schedule.name in page
    # A council report can be verified by the public too, without being downloadable.
    page = client.get(f"/reports/?sha256={'A' * 64}").content.decode()
    assert "is the checksum of" in page and "Monthly programme transparency report" in page
    assert f"/reports/{council_report.pk}/download/" not in page
    page = client.get(f"/reports/?sha256={'c' * 64}").content.decode()
    assert "No report has this checksum" in page


def test_the_secretariat_asks_for_a_report_in_the_browser(
    client, django_capture_on_commit_callbacks, secretariat_user, monthly
):
    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/reports/request/",
            {
                "schedule": monthly.pk,
                "period_start": "2026-08-01",
                "period_end": "2026-08-31",
            },
        )
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == f"/reports/{report.pk}/"
    assert report.status == ReportStatus.SUCCEEDED  # in-process, as `make run` does
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert report.sha256 in page and "Download the PDF" in page


def test_a_bad_period_in_the_browser_is_a_form_error(client, secretariat_user, monthly):
    client.force_login(secretariat_user)
    response = client.post(
        "/reports/request/",
        {
            "schedule": monthly.pk,
            "period_start": "2026-08-31",
            "period_end": "2026-08-01",
        },
    )
    assert response.status_code == 200
    assert "The period cannot end before it starts." in response.content.decode()
    assert not Report.objects.exists()
