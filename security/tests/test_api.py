"""The security API: the contract's fields, the rules as 400s, the permission
matrix with restricted records and grants, the workflow, bulk creation, CSV and query counts."""

from datetime import date

import pytest

from core.choices import WorkflowStatus
from core.tests.factories import MemberFactory
from security.models import (
    AEOOperatorCount,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SecurityStrategyRole,
)
from security.tests.factories import (
    AEOOperatorCountFactory,
    AEOProgrammeFactory,
    CustomsUnionFactory,
    MutualRecognitionFactory,
    PassengerDataReadinessFactory,
    RiskManagementAssessmentFactory,
    SecurityStrategyRoleFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/security"


# --- the contract ---------------------------------------------------------------------------


def test_an_aeo_programme_carries_the_contracts_fields(api, fra_user, fra):
    response = api(fra_user).post(
        f"{API}/aeo-programmes/",
        {
            "status": "operational",
            "launched_on": "2012-05-01",
            "covers": "both",
            "certified_operators": 1450,
            "counted_on": "2025-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["member"], data["status"], data["launched_on"], data["certified_operators"]) == (
        "FRA",
        "operational",
        "2012-05-01",
        1450,
    )
    assert data["submission_status"] == "draft"
    assert api(fra_user).get(f"{API}/aeo-programmes/?status=operational").json()["count"] == 1


def test_passenger_data_readiness_carries_the_contracts_fields(api, fra_user, fra):
    record = PassengerDataReadinessFactory(member=fra)
    data = api(fra_user).get(f"{API}/passenger-data-readiness/{record.pk}/").json()
    assert (data["member"], data["api_status"], data["pnr_status"], data["go_live"]) == (
        "FRA",
        "operational",
        "planned",
        "2019-04-01",
    )
    assert data["confidentiality"] == "restricted"


def test_the_secretariat_records_an_arrangement_by_party_codes(api, secretariat_user):
    jpn, kor = MemberFactory(code="JPN"), MemberFactory(code="KOR")
    AEOProgrammeFactory(member=jpn)
    AEOProgrammeFactory(member=kor)
    response = api(secretariat_user).post(
        f"{API}/mutual-recognitions/",
        {
            "parties": ["kor", "JPN"],
            "status": "implemented",
            "signed_on": "2010-05-25",
            "implemented_on": "2011-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["parties"] == ["JPN", "KOR"]
    assert MutualRecognition.objects.get().party_key == "JPN|KOR"
    again = api(secretariat_user).post(
        f"{API}/mutual-recognitions/",
        {"parties": ["JPN", "KOR"], "status": "negotiating"},
        format="json",
    )
    assert again.status_code == 400
    assert "live arrangement" in again.json()["parties"][0]


@pytest.mark.parametrize(
    ("parties", "message"),
    [
        (["JPN"], "at least two parties"),
        (["JPN", "JPN"], "never recognises itself"),
        (["JPN", "XXX"], "Unknown parties: XXX"),
        (["JPN", "FRA"], "not yet for FRA"),
        (["FRA", "EU"], "FRA belongs to EU"),
    ],
)
def test_an_arrangement_against_the_rules_is_a_400(api, secretariat_user, parties, message):
    jpn, fra = MemberFactory(code="JPN"), MemberFactory(code="FRA")
    AEOProgrammeFactory(member=jpn)
    AEOProgrammeFactory(member=fra, programme_status="pilot")
    CustomsUnionFactory().members.add(fra)
    response = api(secretariat_user).post(
        f"{API}/mutual-recognitions/",
        {
            "parties": parties,
            "status": "implemented",
            "signed_on": "2020-01-01",
            "implemented_on": "2020-06-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["parties"])
    assert not MutualRecognition.objects.exists()


def test_the_network_lists_arrangements_in_force_with_regions(api):
    MutualRecognitionFactory(status="implemented", implemented_on=date(2021, 1, 1))
    MutualRecognitionFactory(status="negotiating", signed_on=None)
    data = api().get(f"{API}/mutual-recognitions/network/").json()
    assert len(data) == 1 and data[0]["regions"] == ["EUR"]


# --- rules through the API ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("aeo-programmes/", {"status": "pilot"}, "launched_on"),
        ("aeo-programmes/", {"status": "paused"}, "status"),
        ("safe-adoptions/", {"letter_of_intent_on": "2001-01-01"}, "letter_of_intent_on"),
        ("safe-adoptions/", {"pillars": [9]}, "pillars"),
        (
            "security-strategy-roles/",
            {"involvement": "not", "seat_on_security_body": True},
            "seat_on_security_body",
        ),
        ("passenger-data-readiness/", {"pnr_status": "operational"}, "pnr_legal_basis"),
        (
            "risk-assessments/",
            {
                "assessed_on": "2025-01-01",
                "strategy": 7,
                "data_intelligence": 3,
                "targeting": 3,
                "post_clearance": 3,
                "performance": 3,
                "assessor": "x",
            },
            "strategy",
        ),
    ],
)
def test_a_record_against_the_rules_is_a_400(api, fra_user, fra, path, body, field):
    response = api(fra_user).post(f"{API}/{path}", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_a_member_cannot_report_for_another_member(api, fra_user, deu):
    response = api(fra_user).post(
        f"{API}/security-strategy-roles/",
        {"member": "DEU", "involvement": "fully"},
        format="json",
    )
    assert response.status_code == 403
    assert not SecurityStrategyRole.objects.exists()


def test_the_aeo_workflow(api, fra_user, secretariat_user, fra):
    record = AEOProgrammeFactory(member=fra)
    url = f"{API}/aeo-programmes/{record.pk}"
    assert api(fra_user).post(f"{url}/submit/").json()["submission_status"] == "submitted"
    assert api(fra_user).post(f"{url}/validate/").status_code == 403
    assert api(secretariat_user).post(f"{url}/validate/").status_code == 200
    published = api(secretariat_user).post(f"{url}/publish/").json()
    assert (published["status"], published["submission_status"]) == ("operational", "published")


def test_a_bulk_of_assessments_is_created_all_or_none(api, fra_user, fra):
    row = {
        "strategy": 3,
        "data_intelligence": 3,
        "targeting": 3,
        "post_clearance": 3,
        "performance": 3,
        "assessor": "Self-assessment",
    }
    rows = [
        {**row, "assessed_on": "2022-01-01"},
        {**row, "assessed_on": "2025-01-01", "targeting": 0},
    ]
    client = api(fra_user)
    assert client.post(f"{API}/risk-assessments/", rows, format="json").status_code == 400
    assert not RiskManagementAssessment.objects.exists()
    rows[1]["targeting"] = 4
    assert client.post(f"{API}/risk-assessments/", rows, format="json").status_code == 201
    assert RiskManagementAssessment.objects.filter(member=fra).count() == 2


# --- certified operators per year ------------------------------------------------------------

COUNTS = f"{API}/aeo-operator-counts/"


def test_a_member_reports_its_certified_operators_year_by_year(api, fra_user, fra):
    AEOProgrammeFactory(member=fra, launched_on=date(2012, 5, 1))
    client = api(fra_user)
    response = client.post(COUNTS, {"year": 2024, "certified_operators": 1450}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["member"], data["year"], data["certified_operators"], data["status"]) == (
        "FRA",
        2024,
        1450,
        "draft",
    )
    again = client.post(COUNTS, {"year": 2024, "certified_operators": 1500}, format="json")
    assert again.status_code == 400
    assert again.json()["year"] == ["This member has a count for that year: update it."]
    early = client.post(COUNTS, {"year": 2010, "certified_operators": 3}, format="json")
    assert early.status_code == 400 and "launched in 2012" in early.json()["year"][0]
    negative = client.post(COUNTS, {"year": 2023, "certified_operators": -3}, format="json")
    assert negative.status_code == 400 and "certified_operators" in negative.json()
    url = f"{COUNTS}{data['id']}/"
    assert client.patch(url, {"certified_operators": 1460}, format="json").status_code == 200
    assert client.post(f"{url}submit/").json()["status"] == "submitted"
    # Submitted: no longer the member's to change.
    assert client.patch(url, {"certified_operators": 1}, format="json").status_code == 409


def test_a_count_above_zero_without_a_running_programme_is_a_400(api, fra_user, fra):
    response = api(fra_user).post(COUNTS, {"year": 2024, "certified_operators": 5}, format="json")
    assert response.status_code == 400 and "certified_operators" in response.json()
    assert not AEOOperatorCount.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 201), ("other", 403), ("council", 403), ("anonymous", 401), ("secretariat", 201)],
)
def test_who_records_a_count_for_a_member(api, users, fra, who, expected):
    AEOProgrammeFactory(member=fra)
    response = api(users[who]).post(
        COUNTS, {"member": "FRA", "year": 2024, "certified_operators": 10}, format="json"
    )
    assert response.status_code == expected
    assert AEOOperatorCount.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("owner", WorkflowStatus.DRAFT, 200),
        ("other", WorkflowStatus.DRAFT, 404),  # not seen
        ("other", WorkflowStatus.PUBLISHED, 403),  # seen, not its own
        ("council", WorkflowStatus.PUBLISHED, 403),
        ("anonymous", WorkflowStatus.PUBLISHED, 401),
        ("secretariat", WorkflowStatus.SUBMITTED, 200),
    ],
)
def test_who_changes_a_count(api, users, fra, who, status, expected):
    AEOProgrammeFactory(member=fra)
    count = AEOOperatorCountFactory(member=fra, status=status)
    response = api(users[who]).patch(
        f"{COUNTS}{count.pk}/", {"certified_operators": 111}, format="json"
    )
    assert response.status_code == expected
    count.refresh_from_db()
    assert (count.certified_operators == 111) == (expected == 200)


def test_a_bulk_of_counts_is_created_all_or_none(api, fra_user, fra):
    AEOProgrammeFactory(member=fra, launched_on=date(2015, 1, 1))
    rows = [
        {"year": 2016, "certified_operators": 20},
        {"year": 2017, "certified_operators": 35},
        {"year": 2014, "certified_operators": 50},  # before the launch
    ]
    client = api(fra_user)
    assert client.post(COUNTS, rows, format="json").status_code == 400
    assert not AEOOperatorCount.objects.exists()
    rows[2]["year"] = 2018
    assert client.post(COUNTS, rows, format="json").status_code == 201
    assert list(AEOOperatorCount.objects.order_by("year").values_list("year", flat=True)) == [
        2016,
        2017,
        2018,
    ]


def test_a_bulk_naming_another_member_is_refused_whole(api, fra_user, fra, deu):
    AEOProgrammeFactory(member=fra)
    AEOProgrammeFactory(member=deu)
    rows = [
        {"member": "FRA", "year": 2020, "certified_operators": 1},
        {"member": "DEU", "year": 2020, "certified_operators": 1},
    ]
    assert api(fra_user).post(COUNTS, rows, format="json").status_code == 403
    assert not AEOOperatorCount.objects.exists()


def test_counts_filter_by_member_region_years_and_review_status(api, fra, deu):
    for member in (fra, deu):
        for year in (2020, 2022, 2024):
            AEOOperatorCountFactory(member=member, year=year, status=WorkflowStatus.PUBLISHED)
    client = api()

    def rows(query):
        results = client.get(f"{COUNTS}?{query}").json()["results"]
        return [(r["member"], r["year"]) for r in results]

    # Ordered by member, the latest year first.
    assert rows("") == [(code, y) for code in ("DEU", "FRA") for y in (2024, 2022, 2020)]
    assert rows("member=fra&year_from=2021") == [("FRA", 2024), ("FRA", 2022)]
    assert rows("year_to=2021") == [("DEU", 2020), ("FRA", 2020)]
    assert rows("year=2022&region=EUR") == [("DEU", 2022), ("FRA", 2022)]
    assert rows("submission_status=draft") == []
    assert client.get(f"{COUNTS}?year_from=soon").status_code == 400


def test_a_csv_row_is_refused_with_its_reason_and_nothing_imported(api, fra_user, fra):
    AEOProgrammeFactory(member=fra, launched_on=date(2015, 1, 1))
    text = "member,year,certified_operators,note\nFRA,2016,10,\nFRA,2013,12,too early\n"
    response = api(fra_user).generic("POST", f"{COUNTS}import/", text, "text/csv")
    assert response.status_code == 400
    assert [row["row"] for row in response.json()["rows"]] == [3]
    assert "launched in 2015" in response.json()["rows"][0]["errors"]["year"][0]
    assert not AEOOperatorCount.objects.exists()


def test_a_csv_import_updates_the_count_of_a_year(api, fra_user, fra):
    AEOProgrammeFactory(member=fra)
    AEOOperatorCountFactory(member=fra, year=2024, certified_operators=90)
    text = "member,year,certified_operators,note\nFRA,2024,95,corrected\nFRA,2025,120,\n"
    response = api(fra_user).generic("POST", f"{COUNTS}import/", text, "text/csv")
    assert response.json() == {"created": 1, "updated": 1}
    assert list(
        AEOOperatorCount.objects.order_by("year").values_list("year", "certified_operators")
    ) == [(2024, 95), (2025, 120)]


# --- the permission matrix ------------------------------------------------------------------

RESTRICTED_REGISTERS = {
    "passenger-data-readiness": PassengerDataReadinessFactory,
    "risk-assessments": RiskManagementAssessmentFactory,
}


@pytest.mark.parametrize("register", sorted(RESTRICTED_REGISTERS))
def test_a_member_grants_another_member_read_access_and_revokes_it(
    api, fra_user, deu_user, fra, deu, register
):
    record = RESTRICTED_REGISTERS[register](member=fra, status=WorkflowStatus.PUBLISHED)
    other = api(deu_user)
    url = f"{API}/{register}/{record.pk}/"
    assert other.get(url).status_code == 404
    granted = api(fra_user).post(f"{url}grant/", {"member": "DEU"})
    assert granted.status_code == 200 and granted.json() == [{"member": "DEU"}]
    assert other.get(url).status_code == 200
    assert other.get(f"{API}/{register}/").json()["count"] == 1
    # A grant lets the other member read; it never lets it change the record.
    assert other.patch(url, {}, format="json").status_code == 403
    assert other.post(f"{url}grant/", {"member": "DEU"}).status_code == 403
    assert api(fra_user).post(f"{url}revoke/", {"member": "DEU"}).json() == []
    assert other.get(url).status_code == 404


@pytest.mark.parametrize("register", sorted(RESTRICTED_REGISTERS))
def test_a_grant_shows_only_published_records(api, fra_user, deu_user, fra, deu, register):
    record = RESTRICTED_REGISTERS[register](member=fra)  # a draft
    api(fra_user).post(f"{API}/{register}/{record.pk}/grant/", {"member": "DEU"})
    assert api(deu_user).get(f"{API}/{register}/{record.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["other", "council", "anonymous"])
def test_only_the_owner_and_the_secretariat_grant(api, users, fra, deu, who):
    record = PassengerDataReadinessFactory(member=fra, status=WorkflowStatus.PUBLISHED)
    response = api(users[who]).post(
        f"{API}/passenger-data-readiness/{record.pk}/grant/", {"member": "DEU"}
    )
    # Council may not write at all (403 whatever the id); another member does not see it (404).
    assert response.status_code == {"other": 404, "council": 403, "anonymous": 401}[who]
    assert not PassengerDataReadiness.read_grants().objects.exists()


def test_grants_are_audited_and_a_member_is_not_granted_its_own_record(
    api, secretariat_user, fra, deu
):
    record = RiskManagementAssessmentFactory(member=fra)
    client = api(secretariat_user)
    url = f"{API}/risk-assessments/{record.pk}/"
    assert client.post(f"{url}grant/", {"member": "FRA"}).status_code == 400
    client.post(f"{url}grant/", {"member": "DEU"})
    client.post(f"{url}revoke/", {"member": "DEU"})
    history = RiskManagementAssessment.read_grants().history.order_by("history_id")
    assert [h.history_type for h in history] == ["+", "-"]
    assert client.get(f"{url}grants/").json() == []


# --- CSV round trips ------------------------------------------------------------------------


def counts_of_two_years(fra):
    AEOProgrammeFactory(member=fra)
    return [
        AEOOperatorCountFactory(member=fra, year=2023, certified_operators=80),
        AEOOperatorCountFactory(
            member=fra, year=2024, certified_operators=95, note="Counted on 31 December, 2024"
        ),
    ]


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("members", [3, 30])
def test_the_summary_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries, members):
    from core.tests.helpers import publish_on

    for _ in range(members):
        member = MemberFactory()
        publish_on(AEOProgrammeFactory(member=member))
        for year in (2023, 2024, 2025):
            publish_on(AEOOperatorCountFactory(member=member, year=year))
        publish_on(PassengerDataReadinessFactory(member=member))
        publish_on(RiskManagementAssessmentFactory(member=member))
        publish_on(SecurityStrategyRoleFactory(member=member))
    # Each figure is a fixed number of queries (27 in all, with the operators certified by
    # year, measured here with 3 members and with 30).
    with django_assert_max_num_queries(30):
        response = api().get(f"{API}/summary/?start=2026-01-01&end=2026-06-30")
    assert response.status_code == 200


def test_a_change_of_an_arrangements_parties_is_audited(api, secretariat_user):
    jpn, kor, usa = (MemberFactory(code=code) for code in ("JPN", "KOR", "USA"))
    for member in (jpn, kor, usa):
        AEOProgrammeFactory(member=member)
    client = api(secretariat_user)
    created = client.post(
        f"{API}/mutual-recognitions/", {"parties": ["JPN", "KOR"]}, format="json"
    ).json()
    url = f"{API}/mutual-recognitions/{created['id']}/"
    response = client.patch(url, {"parties": ["JPN", "USA"]}, format="json")
    assert response.status_code == 200, response.json()
    history = client.get(f"{url}history/").json()
    changes = [c for entry in history for c in entry["changes"] if c["field"] == "members"]
    assert changes[0]["new"] == ["Customs of JPN (JPN)", "Customs of USA (USA)"]
    assert ["Customs of JPN (JPN)", "Customs of KOR (KOR)"] in [c["old"] for c in changes]
    assert {entry["user"] for entry in history} == {"secretariat"}
