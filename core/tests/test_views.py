"""The secretariat's pages, and the read-only view member users and the public get."""

from datetime import date

import pytest

from core.choices import WorkflowStatus
from core.models import Indicator
from core.tests.factories import MeasurementFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_five_areas_and_fourteen_commitments(client):
    page = client.get("/").content.decode()
    for title in ("A new vision: better governance", "Wider cooperation"):
        assert title in page
    for code in ("GOV-1", "GOV-2", "TF-3", "SEC-3", "CB-3", "COOP-3"):
        assert f'href="/commitments/{code}/"' in page
    assert page.count('aria-label="') >= 14  # a progress bar per commitment


def test_a_commitment_page_shows_milestones_indicators_and_charts(client, fra):
    published = MeasurementFactory(
        member=fra, period_start=date(2024, 1, 1), value=70, status=WorkflowStatus.PUBLISHED
    )
    assert published.indicator.commitment.code == "TF-1"
    page = client.get("/commitments/TF-1/").content.decode()
    assert "TFA implementation dashboard shared" in page  # a milestone
    codes = Indicator.objects.filter(commitment__code="TF-1").values_list("code", flat=True)
    assert len(codes) >= 3  # the reference indicators and the test's
    for code in codes:
        assert f'<section id="indicator-{code}">' in page
    section = page.split(f'<section id="indicator-{published.indicator.code}">')[1]
    section = section.split("</section>")[0]
    assert "<polyline" in section  # its published value is drawn
    assert client.get("/commitments/NOPE-9/").status_code == 404


def test_the_review_inbox_is_the_secretariats_and_the_old_queue_leads_there(
    client, fra_user, secretariat_user
):
    client.force_login(fra_user)
    assert client.get("/review/").status_code == 403
    client.force_login(secretariat_user)
    assert client.get("/review/").status_code == 200
    response = client.get("/measurements/review/")
    assert response.status_code == 302
    assert response["Location"] == "/review/?register=core/measurements"


def test_the_secretariat_validates_returns_and_publishes_from_the_browser(
    client, fra, fra_user, secretariat_user
):
    submitted = MeasurementFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    other = MeasurementFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    client.force_login(secretariat_user)
    inbox = client.get("/measurements/review/", follow=True).content.decode()
    assert f'value="core/measurements:{submitted.pk}"' in inbox

    client.post(f"/measurements/{submitted.pk}/validate/")
    client.post(f"/measurements/{submitted.pk}/publish/")
    submitted.refresh_from_db()
    assert submitted.status == WorkflowStatus.PUBLISHED

    client.post(f"/measurements/{other.pk}/return/", {"reason": "Wrong unit."})
    other.refresh_from_db()
    assert other.status == WorkflowStatus.RETURNED and other.returned_reason == "Wrong unit."


def test_a_refused_transition_in_the_browser_is_a_message_not_an_error(
    client, fra, secretariat_user
):
    draft = MeasurementFactory(member=fra)
    client.force_login(secretariat_user)
    response = client.post(f"/measurements/{draft.pk}/publish/", follow=True)
    assert response.status_code == 200
    assert "Cannot publish a record that is draft" in response.content.decode()
    response = client.post(f"/measurements/{draft.pk}/return/", {"reason": ""}, follow=True)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == WorkflowStatus.DRAFT


def test_a_member_user_cannot_publish_from_the_browser(client, fra, fra_user):
    validated = MeasurementFactory(member=fra, status=WorkflowStatus.VALIDATED)
    client.force_login(fra_user)
    client.post(f"/measurements/{validated.pk}/publish/")
    validated.refresh_from_db()
    assert validated.status == WorkflowStatus.VALIDATED


def test_another_members_draft_is_404_in_the_browser(client, fra, deu_user):
    draft = MeasurementFactory(member=fra)
    client.force_login(deu_user)
    assert client.get(f"/measurements/{draft.pk}/").status_code == 404
    assert client.post(f"/measurements/{draft.pk}/submit/").status_code == 404
    assert client.get(f"/history/core/measurement/{draft.pk}/").status_code == 404
    assert str(draft.pk) not in client.get("/measurements/").content.decode().split("<tbody")[1]


def test_the_history_page_shows_who_changed_what(client, fra, fra_user, secretariat_user):
    measurement = MeasurementFactory(member=fra)
    measurement.submit(fra_user)
    client.force_login(secretariat_user)
    page = client.get(f"/measurements/{measurement.pk}/").content.decode()
    assert "member-fra" in page and "submitted" in page
    page = client.get(f"/history/core/commitment/{measurement.indicator.commitment.pk}/")
    assert page.status_code == 200
    assert client.get("/history/auth/user/1/").status_code == 404


def test_members_are_listed_and_searchable(client, fra, deu):
    page = client.get("/members/?q=germ").content.decode()
    assert "Germany" in page and "France" not in page
    assert "Europe" in client.get("/members/FRA/").content.decode()


def test_a_bad_filter_is_a_form_error_not_a_500(client):
    response = client.get("/measurements/?period_start_after=yesterday&status=nonsense")
    assert response.status_code == 200
