"""The REST contract for programme data and measurements, with the
three-user permission matrix: the owner member, another member, the secretariat, plus council
and anonymous."""

from datetime import date

import pytest

from accounts.models import ApiToken
from core.choices import IndicatorScope, WorkflowStatus
from core.models import Measurement
from core.tests.factories import ManualIndicatorFactory, MeasurementFactory, UserFactory

pytestmark = pytest.mark.django_db

MEASUREMENTS = "/api/v1/core/measurements/"


def new_measurement(**overrides):
    body = {
        "indicator": ManualIndicatorFactory().code,
        "period_start": "2025-04-01",
        "period_end": "2025-06-30",
        "value": "72.5",
        "note": "From the national TFA committee.",
    }
    body.update(overrides)
    return body


# --- authentication -------------------------------------------------------------------------


def test_a_member_user_gets_a_token_and_uses_it(client, fra_user):
    response = client.post("/api/v1/auth/token/", {"username": "member-fra", "password": "pw"})
    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiToken.objects.get(user=fra_user).digest != token  # kept hashed
    listed = client.get(MEASUREMENTS, HTTP_AUTHORIZATION=f"Token {token}")
    assert listed.status_code == 200


def test_a_wrong_password_gets_no_token(client, fra_user):
    response = client.post("/api/v1/auth/token/", {"username": "member-fra", "password": "no"})
    assert response.status_code == 400


def test_a_bad_token_is_401(client):
    response = client.get(MEASUREMENTS, HTTP_AUTHORIZATION="Token not-a-token")
    assert response.status_code == 401


# --- programme data -------------------------------------------------------------------------


def test_anyone_reads_members_by_their_iso_code(api, fra):
    response = api().get("/api/v1/core/members/FRA/")
    assert response.status_code == 200
    assert response.json() == {
        "code": "FRA",
        "name": "France",
        "region": "EUR",
        "region_name": "Europe",
        "joined_on": "1990-01-01",
        "is_active": True,
    }
    assert api().get("/api/v1/core/members/fra/").status_code == 200
    assert api().get("/api/v1/core/members/XYZ/").status_code == 404


def test_members_filter_by_region(api, fra):
    codes = {m["code"] for m in api().get("/api/v1/core/members/?region=EUR").json()["results"]}
    assert "FRA" in codes
    assert api().get("/api/v1/core/members/?region=AMC").json()["count"] == 0


def test_commitments_carry_area_status_and_progress(api):
    response = api().get("/api/v1/core/commitments/GOV-1/")
    body = response.json()
    assert body["code"] == "GOV-1" and body["area"] == "governance"
    assert body["status"] in {"not_started", "on_track", "at_risk", "off_track", "done"}
    assert 0 <= body["progress"] <= 1
    assert api().get("/api/v1/core/commitments/").json()["count"] == 14


def test_indicators_are_read_by_code(api):
    ManualIndicatorFactory()
    body = api().get("/api/v1/core/indicators/TF-9.1/").json()
    assert {k: body[k] for k in ("code", "commitment", "scope", "source")} == {
        "code": "TF-9.1",
        "commitment": "TF-1",
        "scope": "member",
        "source": "manual",
    }
    assert "baseline_value" in body and "target_value" in body and "unit" in body


def test_programme_data_is_read_only_in_the_api(api, secretariat_user, fra_user):
    for user in (secretariat_user, fra_user):
        response = api(user).patch("/api/v1/core/commitments/GOV-1/", {"title": "x"})
        assert response.status_code == 405


# --- measurements: writes -------------------------------------------------------------------


def test_a_member_user_creates_a_measurement_for_its_own_member(api, fra_user):
    response = api(fra_user).post(MEASUREMENTS, new_measurement())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["member"] == "FRA" and body["status"] == "draft" and body["indicator"] == "TF-9.1"
    assert Measurement.objects.get(pk=body["id"]).created_by == fra_user


def test_writing_for_another_member_is_403(api, fra_user, deu):
    response = api(fra_user).post(MEASUREMENTS, new_measurement(member="DEU"))
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_the_status_cannot_be_set_by_the_client(api, fra_user):
    response = api(fra_user).post(MEASUREMENTS, new_measurement(status="published"))
    assert response.status_code == 201
    assert response.json()["status"] == "draft"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"indicator": "NOPE-1"}, "indicator"),
        ({"value": "many"}, "value"),
        ({"period_start": "2025-13-01"}, "period_start"),
        ({"period_end": "2025-03-01"}, "period_end"),
        ({"member": "ZZZ"}, "member"),
    ],
)
def test_bad_input_is_400_with_field_errors(api, fra_user, change, field):
    response = api(fra_user).post(MEASUREMENTS, new_measurement(**change))
    assert response.status_code == 400
    assert field in response.json()


def test_a_member_measurement_of_a_programme_indicator_is_400(api, fra_user):
    ManualIndicatorFactory(code="TF-9.2", scope=IndicatorScope.PROGRAMME)
    response = api(fra_user).post(MEASUREMENTS, new_measurement(indicator="TF-9.2"))
    assert response.status_code == 400
    assert "member" in response.json()
    assert not Measurement.objects.exists()


def test_a_measurement_of_a_computed_indicator_is_400_for_anyone(api, fra_user, secretariat_user):
    # GOV-1.1 is recorded by the platform from the mandates register. The member user's
    # measurement names its member, the secretariat's none (the programme's).
    for user in (fra_user, secretariat_user):
        response = api(user).post(MEASUREMENTS, new_measurement(indicator="GOV-1.1"))
        assert response.status_code == 400, response.content
        assert response.json()["indicator"] == [
            "GOV-1.1 is computed by the platform from its registers; it cannot be entered by hand."
        ]
    assert not Measurement.objects.exists()


def test_a_second_measurement_for_the_same_period_is_400(api, fra_user):
    assert api(fra_user).post(MEASUREMENTS, new_measurement()).status_code == 201
    response = api(fra_user).post(MEASUREMENTS, new_measurement())
    assert response.status_code == 400
    assert "period_start" in response.json()


def test_a_bulk_submission_creates_all_or_none(api, fra_user):
    good = [
        new_measurement(period_start=f"2024-{m:02d}-01", period_end=end)
        for m, end in ((1, "2024-03-31"), (4, "2024-06-30"), (7, "2024-09-30"))
    ]
    response = api(fra_user).post(MEASUREMENTS, good, format="json")
    assert response.status_code == 201
    assert len(response.json()) == 3
    bad = [
        new_measurement(period_start="2023-01-01", period_end="2023-03-31"),
        new_measurement(value="not a number"),
    ]
    response = api(fra_user).post(MEASUREMENTS, bad, format="json")
    assert response.status_code == 400
    assert Measurement.objects.count() == 3


def test_a_bulk_submission_with_another_members_row_is_refused_whole(api, fra_user, deu):
    rows = [
        new_measurement(),
        new_measurement(member="DEU", period_start="2024-01-01", period_end="2024-03-31"),
    ]
    assert api(fra_user).post(MEASUREMENTS, rows, format="json").status_code == 403
    assert not Measurement.objects.exists()


def test_a_member_edits_its_draft_but_not_once_submitted(api, fra, fra_user):
    measurement = MeasurementFactory(member=fra)
    url = f"{MEASUREMENTS}{measurement.pk}/"
    assert api(fra_user).patch(url, {"value": "55"}).status_code == 200
    measurement.submit(fra_user)
    response = api(fra_user).patch(url, {"value": "56"})
    assert response.status_code == 409
    assert api(fra_user).delete(url).status_code == 409


def test_a_member_cannot_move_its_record_to_another_member(api, fra, fra_user, deu):
    measurement = MeasurementFactory(member=fra)
    response = api(fra_user).patch(f"{MEASUREMENTS}{measurement.pk}/", {"member": "DEU"})
    assert response.status_code == 403
    measurement.refresh_from_db()
    assert measurement.member == fra


# --- measurements: the permission matrix ----------------------------------------------------


@pytest.fixture
def fra_draft(fra):
    return MeasurementFactory(member=fra, period_start=date(2025, 1, 1))


@pytest.fixture
def fra_published(fra):
    return MeasurementFactory(
        member=fra, period_start=date(2024, 1, 1), status=WorkflowStatus.PUBLISHED
    )


@pytest.mark.parametrize(
    ("who", "draft_status", "published_status"),
    [
        ("owner", 200, 200),
        ("other_member", 404, 200),
        ("secretariat", 200, 200),
        ("council", 404, 200),
        ("anonymous", 404, 200),
    ],
)
def test_who_reads_which_measurement(
    api,
    fra_draft,
    fra_published,
    fra_user,
    deu_user,
    secretariat_user,
    council_user,
    who,
    draft_status,
    published_status,
):
    user = {
        "owner": fra_user,
        "other_member": deu_user,
        "secretariat": secretariat_user,
        "council": council_user,
        "anonymous": None,
    }[who]
    client = api(user)
    assert client.get(f"{MEASUREMENTS}{fra_draft.pk}/").status_code == draft_status
    assert client.get(f"{MEASUREMENTS}{fra_published.pk}/").status_code == published_status
    assert client.get(f"{MEASUREMENTS}{fra_draft.pk}/history/").status_code == draft_status
    listed = {row["id"] for row in client.get(MEASUREMENTS).json()["results"]}
    assert (fra_draft.pk in listed) == (draft_status == 200)
    assert fra_published.pk in listed


@pytest.mark.parametrize(
    ("who", "on_draft", "on_published"),
    [
        ("other_member", 404, 403),
        # Council never writes: 403 for any record, so the answer confirms nothing.
        ("council", 403, 403),
        ("anonymous", 401, 401),
    ],
)
def test_who_may_not_write_a_members_measurement(
    api, fra_draft, fra_published, deu_user, council_user, who, on_draft, on_published
):
    user = {"other_member": deu_user, "council": council_user, "anonymous": None}[who]
    client = api(user)
    for record, expected in ((fra_draft, on_draft), (fra_published, on_published)):
        url = f"{MEASUREMENTS}{record.pk}/"
        assert client.patch(url, {"value": "1"}).status_code == expected
        assert client.delete(url).status_code == expected
        assert client.post(f"{url}submit/").status_code == expected
    assert client.post(MEASUREMENTS, new_measurement(member="FRA")).status_code in (401, 403)


def test_the_workflow_through_the_api(api, fra_draft, fra_user, secretariat_user):
    url = f"{MEASUREMENTS}{fra_draft.pk}/"
    assert api(fra_user).post(f"{url}submit/").json()["status"] == "submitted"
    assert api(fra_user).post(f"{url}validate/").status_code == 403
    assert api(secretariat_user).post(f"{url}publish/").status_code == 409
    returned = api(secretariat_user).post(f"{url}return/", {"reason": "Check the period."})
    assert returned.json()["status"] == "returned"
    assert returned.json()["returned_reason"] == "Check the period."
    assert api(fra_user).post(f"{url}submit/").json()["status"] == "submitted"
    assert api(secretariat_user).post(f"{url}validate/").json()["status"] == "validated"
    assert api(secretariat_user).post(f"{url}publish/").json()["status"] == "published"
    assert api(fra_user).patch(url, {"value": "1"}).status_code == 409


def test_returning_without_a_reason_is_400(api, fra_draft, fra_user, secretariat_user):
    fra_draft.submit(fra_user)
    response = api(secretariat_user).post(f"{MEASUREMENTS}{fra_draft.pk}/return/")
    assert response.status_code == 400
    assert "reason" in response.json()


def test_a_user_of_two_members_writes_for_the_one_it_names(api, fra, deu):
    regional_office = UserFactory(username="regional-office")
    regional_office.groups.add(fra.group, deu.group)
    client = api(regional_office)
    assert client.post(MEASUREMENTS, new_measurement()).status_code == 400  # which member?
    assert client.post(MEASUREMENTS, new_measurement(member="DEU")).status_code == 201
    assert client.post(MEASUREMENTS, new_measurement(member="FRA")).status_code == 201


def test_measurements_filter_by_member_region_status_and_dates(api, fra, deu, secretariat_user):
    MeasurementFactory(member=fra, period_start=date(2024, 1, 1), status=WorkflowStatus.PUBLISHED)
    MeasurementFactory(member=deu, period_start=date(2025, 1, 1))
    client = api(secretariat_user)

    def count(query):
        return client.get(f"{MEASUREMENTS}?{query}").json()["count"]

    assert count("member=FRA") == 1
    assert count("region=EUR") == 2
    assert count("status=draft") == 1
    assert count("period_start_after=2024-06-01") == 1
    assert count("page_size=1") == 2
    assert client.get(f"{MEASUREMENTS}?page_size=1").json()["next"] is not None


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/core/measurements/" in schema.content
    assert client.get("/api/docs/").status_code == 200


def test_a_client_over_its_rate_is_throttled_with_429(api, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": None})
    cache.clear()
    client = api()
    statuses = [client.get("/api/v1/core/members/").status_code for _ in range(4)]
    cache.clear()
    assert statuses == [200, 200, 200, 429]


def test_a_control_character_in_an_api_query_is_a_400_not_a_database_error(client):
    for query in ("?search=%00", "?status=draft%01", "?%00=1"):
        response = client.get(MEASUREMENTS + query)
        assert response.status_code == 400, query
        assert response.json() == {"detail": "The query string holds control characters."}
