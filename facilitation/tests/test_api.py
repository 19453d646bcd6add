"""The facilitation API: the contract's fields, the registers' rules as 400s, measures by code,
bulk creation, CSV by each register's key, revising a standard and the figures. What every
register does (who reads and changes a record, the workflow, the CSV round trip, lists of a
fixed number of queries) is tested for every register in core/tests/test_registers.py."""

from datetime import date

import pytest

from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import MemberFactory
from core.tests.helpers import csv_of
from facilitation.models import TFANotification
from facilitation.tests.factories import (
    EcommerceAdoptionFactory,
    JointActivityFactory,
    ReleaseTimeStudyFactory,
    RevenueReportFactory,
    TFANotificationFactory,
    measure,
    standard,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/facilitation"


# --- the contract ---------------------------------------------------------------------------


def test_tfa_measures_are_read_by_code(api):
    data = api().get(f"{API}/tfa-measures/7.4/").json()
    assert data["code"] == "7.4" and data["article"] == 7 and data["title"]
    assert api().get(f"{API}/tfa-measures/?page_size=100").json()["count"] == 36


def test_a_member_notifies_a_measure(api, fra_user, fra):
    response = api(fra_user).post(
        f"{API}/tfa-notifications/",
        {
            "measure": "7.4",
            "category": "C",
            "indicative_date": "2027-06-30",
            "assistance_needed": "Training in risk management.",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["member"], data["measure"], data["category"], data["status"]) == (
        "FRA",
        "7.4",
        "C",
        "draft",
    )
    assert set(data) >= {
        "id",
        "indicative_date",
        "definitive_date",
        "implemented_on",
        "assistance_needed",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "C", "definitive_date": "2027-01-01"}, "assistance_needed"),
        ({"category": "B", "definitive_date": "2016-12-31"}, "definitive_date"),
        ({"category": "B"}, "indicative_date"),
        ({"category": "D", "definitive_date": "2027-01-01"}, "category"),
        ({"category": "B", "definitive_date": "soon"}, "definitive_date"),
        ({"category": "A", "measure": "99.9"}, "measure"),
    ],
)
def test_a_notification_against_the_rules_is_a_400(api, fra_user, fra, body, field):
    response = api(fra_user).post(
        f"{API}/tfa-notifications/", {"measure": "7.4", **body}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not TFANotification.objects.exists()


def test_a_second_notification_of_a_measure_is_a_400(api, fra_user, fra):
    TFANotificationFactory(member=fra)
    response = api(fra_user).post(
        f"{API}/tfa-notifications/",
        {"measure": "7.4", "category": "A"},
        format="json",
    )
    assert response.status_code == 400 and "measure" in response.json()


def test_a_member_cannot_notify_for_another_member(api, fra_user, deu):
    response = api(fra_user).post(
        f"{API}/tfa-notifications/",
        {"member": "DEU", "measure": "7.4", "category": "A"},
        format="json",
    )
    assert response.status_code == 403


def test_the_notification_workflow(api, fra_user, secretariat_user, fra):
    record = TFANotificationFactory(member=fra)
    url = f"{API}/tfa-notifications/{record.pk}"
    assert api(fra_user).post(f"{url}/submit/").json()["status"] == "submitted"
    assert api(fra_user).post(f"{url}/publish/").status_code == 403
    assert api(secretariat_user).post(f"{url}/validate/").status_code == 200
    assert api(secretariat_user).post(f"{url}/publish/").json()["status"] == "published"
    edit = api(fra_user).patch(f"{url}/", {"definitive_date": "2025-01-01"}, format="json")
    assert edit.status_code == 409


def test_a_bulk_of_notifications_is_created_all_or_none(api, fra_user, fra):
    rows = [
        {"measure": "1.1", "category": "A"},
        {"measure": "1.2", "category": "B", "definitive_date": "2026-01-01"},
        {"measure": "1.3", "category": "C", "definitive_date": "2028-01-01"},  # no assistance
    ]
    client = api(fra_user)
    response = client.post(f"{API}/tfa-notifications/", rows, format="json")
    assert response.status_code == 400
    assert "assistance_needed" in response.json()["2"]
    assert not TFANotification.objects.exists()
    rows[2]["assistance_needed"] = "A national single window."
    assert client.post(f"{API}/tfa-notifications/", rows, format="json").status_code == 201
    assert TFANotification.objects.filter(member=fra).count() == 3


# --- who reads revenue ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "confidentiality", "expected"),
    [
        ("other", Confidentiality.PUBLIC, 200),
        ("anonymous", Confidentiality.PUBLIC, 200),
        ("anonymous", Confidentiality.MEMBERS, 404),
        ("other", Confidentiality.RESTRICTED, 404),
        ("other", Confidentiality.CONFIDENTIAL, 404),
        ("council", Confidentiality.RESTRICTED, 404),
        ("owner", Confidentiality.CONFIDENTIAL, 200),
    ],
)
def test_revenue_follows_its_confidentiality(api, users, fra, who, confidentiality, expected):
    record = RevenueReportFactory(
        member=fra, status=WorkflowStatus.PUBLISHED, confidentiality=confidentiality
    )
    assert api(users[who]).get(f"{API}/revenue-reports/{record.pk}/").status_code == expected


def test_the_secretariat_records_a_joint_activity_serving_tf2(api, secretariat_user):
    response = api(secretariat_user).post(
        f"{API}/joint-activities/",
        {
            "held_on": "2026-10-15",
            "partner": "WTO Committee on Trade Facilitation",
            "kind": "meeting",
            "title": "Thematic session on border agency cooperation",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["commitment"] == "TF-2"


def test_the_secretariat_revises_a_standard(api, secretariat_user, fra):
    EcommerceAdoptionFactory(member=fra, standard=standard(5))
    client = api(secretariat_user)
    response = client.post(
        f"{API}/ecommerce-standards/{standard(5).pk}/revise/", {"revised_on": "2025-09-01"}
    )
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["revised_on"]) == (2, "2025-09-01")
    behind = client.get(f"{API}/ecommerce-adoptions/?behind=true").json()
    assert [a["member"] for a in behind["results"]] == ["FRA"]
    assert behind["results"][0]["is_current"] is False
    again = client.post(
        f"{API}/ecommerce-standards/{standard(5).pk}/revise/", {"revised_on": "2025-01-01"}
    )
    assert again.status_code == 400 and "revised_on" in again.json()


@pytest.mark.parametrize("who", ["owner", "council"])
def test_others_cannot_revise_a_standard(api, users, who):
    response = api(users[who]).post(
        f"{API}/ecommerce-standards/{standard(5).pk}/revise/", {"revised_on": "2025-09-01"}
    )
    assert response.status_code == 403
    assert standard(5).version == 1


# --- CSV by each register's key ------------------------------------------------------------


@pytest.mark.parametrize(
    ("register", "make"),
    [
        (
            "tfa-notifications",
            lambda fra: [
                TFANotificationFactory(member=fra, measure=measure(code))
                for code in ("1.1", "7.4", "10.4")
            ],
        ),
        (
            "release-time-studies",
            lambda fra: [ReleaseTimeStudyFactory(member=fra, year=y) for y in (2022, 2023)],
        ),
        (
            "ecommerce-adoptions",
            lambda fra: [
                EcommerceAdoptionFactory(member=fra, standard=standard(n)) for n in (1, 2)
            ],
        ),
        (
            "revenue-reports",
            lambda fra: [
                RevenueReportFactory(member=fra, year=y, confidentiality="restricted")
                for y in (2023, 2024)
            ],
        ),
    ],
)
def test_importing_an_export_again_updates_each_record_by_its_key(
    api, fra_user, fra, register, make
):
    """The register's CSV key (member and measure, member, year and mode...) tells its records
    apart: the same file imported again updates each of them and creates none."""
    records = make(fra)
    client = api(fra_user)
    exported = csv_of(client.get(f"{API}/{register}/export/"))
    response = client.generic("POST", f"{API}/{register}/import/", exported, "text/csv")
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 0, "updated": len(records)}


def test_a_notification_csv_with_bad_rows_imports_nothing(api, fra_user, fra):
    csv = (
        "measure,category,indicative_date,definitive_date,assistance_needed\n"
        "1.1,A,,,\n"
        "7.4,C,,2028-01-01,\n"
        "10.4,B,,2016-01-01,\n"
    )
    response = api(fra_user).generic("POST", f"{API}/tfa-notifications/import/", csv, "text/csv")
    assert response.status_code == 400
    rows = {row["row"]: row["errors"] for row in response.json()["rows"]}
    assert set(rows) == {3, 4}
    assert "assistance_needed" in rows[3] and "definitive_date" in rows[4]
    assert not TFANotification.objects.exists()


# --- figures --------------------------------------------------------------------------------


def published(record):
    record.status = WorkflowStatus.PUBLISHED
    record.published_at = record.created_at.replace(year=2020)
    record.save()


def test_the_implementation_rate_endpoint(api, fra, deu):
    published(TFANotificationFactory(member=fra, category="A", definitive_date=None))
    published(TFANotificationFactory(member=deu, definitive_date=date(2028, 1, 1)))
    data = api().get(f"{API}/implementation/?at=2026-11-23").json()
    assert data["measures"] == 36
    assert data["rate"] == round(100 / 72, 1)
    assert {m["member"]: m["implemented"] for m in data["members"]} == {"DEU": 0, "FRA": 1}
    assert data["schedule"] == [{"year": 2028, "measures": 1}]
    future = api().get(f"{API}/implementation/?at=2028-06-30&region=eur").json()
    assert future["rate"] == round(100 * 2 / 72, 1)
    assert api().get(f"{API}/implementation/?at=tomorrow").status_code == 400
    assert api().get(f"{API}/implementation/?region=XXX").status_code == 400
    measures = api().get(f"{API}/implementation/measures/?at=2026-11-23").json()
    assert next(m for m in measures if m["measure"] == "7.4")["members"] == 1


def test_release_trends_endpoint(api, fra):
    published(ReleaseTimeStudyFactory(member=fra, year=2021, average_release_hours=40))
    published(ReleaseTimeStudyFactory(member=fra, year=2024, average_release_hours=50))
    data = api().get(f"{API}/release-times/trends/?grew=true").json()
    assert data["median_reduction"] == -25.0
    assert [t["member"] for t in data["trends"]] == ["FRA"]


# --- query counts ---------------------------------------------------------------------------


def add_rows(count, fra):
    """Members with published notifications, studies over two years, adoptions and revenue."""
    members = [fra] + [MemberFactory() for _ in range(count - 1)]
    for member in members:
        published(TFANotificationFactory(member=member))
        published(ReleaseTimeStudyFactory(member=member, year=2021))
        published(ReleaseTimeStudyFactory(member=member, year=2024))
        published(EcommerceAdoptionFactory(member=member))
        published(RevenueReportFactory(member=member))
        JointActivityFactory()


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(
    ("path", "ceiling"),
    [
        # transaction savepoint + release, groups, member grants; then measures count,
        # notifications, schedule, members and regions
        ("implementation/", 10),
        ("implementation/measures/", 8),
        ("release-times/trends/", 8),
        ("summary/", 20),
    ],
)
def test_figures_cost_a_fixed_number_of_queries(
    api, fra_user, fra, django_assert_max_num_queries, path, ceiling, rows
):
    add_rows(rows, fra)
    client = api(fra_user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(f"{API}/{path}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "implementation/?at=9999-12-31",
        "implementation/measures/?at=0001-01-01",
        "release-times/trends/?at=9999-12-31",
        "summary/?end=9999-12-31",
    ],
)
def test_dates_beyond_reason_are_a_400_not_a_500(api, path):
    response = api().get(f"{API}/{path}")
    assert response.status_code == 400
