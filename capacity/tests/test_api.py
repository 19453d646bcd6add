"""The capacity API's own rules: the contract's fields, the rules as 400s, who reads
diagnostic missions and their recommendations and who shares them, the follow-up of
recommendations by their member, bulk creation, CSV imports by natural key, the figures and
what they cost. What every register does (who reads and changes a member's record, the workflow,
that only the secretariat writes its registers, the CSV round trip, the lists' queries) is tested
for every register in core/tests/test_registers.py."""

from datetime import date

import pytest

from capacity.choices import FollowUp, ProjectStatus
from capacity.models import (
    DiagnosticMission,
    Funding,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from capacity.tests.factories import (
    ActiveProjectFactory,
    DiagnosticMissionFactory,
    DonorFactory,
    EvaluationFactory,
    FundingFactory,
    InstrumentReviewFactory,
    InstrumentUptakeFactory,
    ProjectFactory,
    RecommendationFactory,
    TrainingActivityFactory,
    instrument,
)
from core.choices import Confidentiality, WorkflowStatus
from core.grants import grant
from core.tests.factories import MemberFactory
from core.tests.helpers import csv_of, publish_on
from facilitation.tests.factories import TFANotificationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/capacity"


# --- the contract ---------------------------------------------------------------------------


def test_a_project_carries_the_contracts_fields(api, fra):
    project = ActiveProjectFactory(
        code="CB-FRA-01", beneficiaries=[fra], sdgs=[16, 17], start=date(2023, 1, 1)
    )
    data = api().get(f"{API}/projects/{project.pk}/").json()
    assert {
        k: data[k] for k in ["id", "code", "beneficiaries", "sdgs", "status", "start", "end"]
    } == {
        "id": project.pk,
        "code": "CB-FRA-01",
        "beneficiaries": ["FRA"],
        "sdgs": [16, 17],
        "status": "active",
        "start": "2023-01-01",
        "end": "2026-12-31",
    }
    assert data["areas"] == ["facilitation"] and data["commitments"] == ["TF-1"]
    assert data["funders"] == [project.fundings.get().donor_id]


def test_a_funding_carries_the_contracts_fields(api):
    funding = FundingFactory(project=ProjectFactory(currency="USD"))
    data = api().get(f"{API}/fundings/{funding.pk}/").json()
    assert {
        k: data[k] for k in ["id", "project", "donor", "committed", "disbursed", "currency"]
    } == {
        "id": funding.pk,
        "project": funding.project_id,
        "donor": funding.donor_id,
        "committed": "100000.00",
        "disbursed": "40000.00",
        "currency": "USD",
    }


def test_the_secretariat_runs_a_project_from_pipeline_to_closure(api, secretariat_user, fra):
    client = api(secretariat_user)
    donor = DonorFactory()
    created = client.post(
        f"{API}/projects/",
        {
            "code": "CB-2024-07",
            "title": "Risk management for Customs of France",
            "beneficiaries": ["fra"],
            "commitments": ["TF-1", "CB-2"],
            "sdgs": [16],
            "start": "2024-01-01",
            "end": "2025-06-30",
            "currency": "EUR",
            "budget": "750000.00",
            "strategic_plan": "Customs strategic plan 2023-2027",
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "pipeline"
    assert created.json()["areas"] == ["capacity", "facilitation"]
    url = f"{API}/projects/{created.json()['id']}/"
    # No funder yet: it cannot become active, and nothing changes.
    refused = client.patch(url, {"status": "active"})
    assert refused.status_code == 400 and "funder" in refused.json()["status"][0]
    assert Project.objects.get().status == ProjectStatus.PIPELINE
    funding = client.post(
        f"{API}/fundings/",
        {
            "project": created.json()["id"],
            "donor": donor.pk,
            "year": 2024,
            "committed": "500000",
            "disbursed": "200000",
        },
    )
    assert funding.status_code == 201, funding.json()
    assert funding.json()["committed_eur"] == "500000.00"  # a project in euros
    assert client.patch(url, {"status": "active"}).status_code == 200
    # An active project keeps a beneficiary and a funder.
    emptied = client.patch(url, {"beneficiaries": []})
    assert emptied.status_code == 400 and "beneficiaries" in emptied.json()
    assert client.delete(f"{API}/fundings/{funding.json()['id']}/").status_code == 400
    assert Funding.objects.count() == 1
    # It closes only once evaluated.
    assert "status" in client.patch(url, {"status": "closed"}).json()
    evaluation = client.post(
        f"{API}/evaluations/",
        {
            "project": created.json()["id"],
            "evaluated_on": "2025-06-15",
            "evaluator": "Independent evaluation office",
            "relevance": 4,
            "coherence": 3,
            "effectiveness": 3,
            "efficiency": 3,
            "impact": 2,
            "sustainability": 3,
            "evidence": "Release-time study before and after; interviews.",
        },
    )
    assert evaluation.status_code == 201, evaluation.json()
    assert evaluation.json()["mean_score"] == 3.0
    assert client.patch(url, {"status": "closed"}).status_code == 200
    assert client.delete(f"{API}/evaluations/{evaluation.json()['id']}/").status_code == 400
    history = client.get(f"{url}history/").json()
    assert [entry["action"] for entry in history][-1] == "created"
    assert any(c["field"] == "status" for entry in history for c in entry["changes"])


# --- rules through the API ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("donors/", {"name": "Japan", "kind": "bilateral"}, "country"),
        (
            "projects/",
            {"code": "X", "title": "X", "start": "2024-01-01", "end": "2023-01-01"},
            "end",
        ),
        ("projects/", {"code": "X", "title": "X", "start": "2024-01-01", "sdgs": [18]}, "sdgs"),
        (
            "projects/",
            {"code": "X", "title": "X", "start": "2024-01-01", "currency": "EURO"},
            "currency",
        ),
        (
            "projects/",
            {"code": "X", "title": "X", "start": "2024-01-01", "status": "active"},
            "strategic_plan",
        ),
        (
            "projects/",
            {"code": "X", "title": "X", "start": "2024-01-01", "status": "closed"},
            "end",
        ),
        (
            "instrument-reviews/",
            {
                "instrument": "RKC",
                "reviewed_on": "2024-01-01",
                "relevance": 5,
                "impact": 3,
                "evidence": "Survey",
                "reviewer": "Committee",
            },
            "relevance",
        ),
    ],
)
def test_a_secretariat_record_against_the_rules_is_a_400(api, secretariat_user, path, body, field):
    response = api(secretariat_user).post(f"{API}/{path}", body)
    assert response.status_code == 400
    assert field in response.json()


def test_funding_disbursed_above_committed_is_a_400(api, secretariat_user):
    project, donor = ProjectFactory(currency="USD"), DonorFactory()
    body = {"project": project.pk, "donor": donor.pk, "year": 2024, "committed": "10"}
    client = api(secretariat_user)
    response = client.post(f"{API}/fundings/", {**body, "disbursed": "11", "committed_eur": "9"})
    assert response.status_code == 400 and "disbursed" in response.json()
    response = client.post(f"{API}/fundings/", {**body, "disbursed": "5"})
    assert response.status_code == 400 and "committed_eur" in response.json()
    FundingFactory(project=project, donor=donor, year=2024)
    response = client.post(f"{API}/fundings/", {**body, "committed_eur": "9"})
    assert response.status_code == 400 and "year" in response.json()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "instrument-uptakes/",
            {"instrument": "PMM", "uptake": "acceded", "since": "2020-01-01"},
            "uptake",
        ),
        ("instrument-uptakes/", {"instrument": "RKC", "uptake": "applied"}, "since"),
        ("instrument-uptakes/", {"instrument": "XYZ", "uptake": "in_progress"}, "instrument"),
        (
            "training-activities/",
            {
                "title": "Workshop",
                "area": "facilitation",
                "commitment": "GOV-1",
                "modality": "blended",
                "start": "2024-01-01",
                "end": "2024-01-02",
                "participants": 10,
                "hours": "12",
            },
            "commitment",
        ),
        (
            "training-activities/",
            {
                "title": "Workshop",
                "area": "facilitation",
                "modality": "online",
                "start": "2024-01-01",
                "end": "2024-01-02",
                "participants": 10,
                "hours": "12",
            },
            "modality",
        ),
    ],
)
def test_a_member_record_against_the_rules_is_a_400(api, fra_user, fra, path, body, field):
    response = api(fra_user).post(f"{API}/{path}", body)
    assert response.status_code == 400
    assert field in response.json()


def test_a_member_cannot_report_for_another_member(api, fra_user, deu):
    response = api(fra_user).post(
        f"{API}/instrument-uptakes/", {"member": "DEU", "instrument": "HS", "uptake": "in_progress"}
    )
    assert response.status_code == 403
    assert not InstrumentUptake.objects.exists()


def test_a_bulk_of_training_activities_is_created_all_or_none(api, fra_user, fra):
    row = {
        "area": "facilitation",
        "modality": "e_learning",
        "start": "2024-02-01",
        "end": "2024-03-01",
        "participants": 120,
        "hours": "8",
    }
    rows = [{**row, "title": "Risk management e-learning"}, {**row, "title": "HS", "hours": "0"}]
    client = api(fra_user)
    assert client.post(f"{API}/training-activities/", rows).status_code == 400
    assert not TrainingActivity.objects.exists()
    rows[1]["hours"] = "6"
    assert client.post(f"{API}/training-activities/", rows).status_code == 201
    assert TrainingActivity.objects.filter(member=fra).count() == 2


def test_a_bulk_of_fundings_is_created_all_or_none(api, secretariat_user):
    project, donor = ProjectFactory(), DonorFactory()
    row = {"project": project.pk, "donor": donor.pk, "committed": "100", "disbursed": "50"}
    rows = [{**row, "year": 2023}, {**row, "year": 2024, "disbursed": "150"}]
    client = api(secretariat_user)
    assert client.post(f"{API}/fundings/", rows).status_code == 400
    assert not Funding.objects.exists()
    rows[1]["disbursed"] = "100"
    assert client.post(f"{API}/fundings/", rows).status_code == 201
    assert Funding.objects.count() == 2


# --- who reads -------------------------------------------------------------------------------
# (That only the secretariat writes its registers, and who reads and changes a member's record,
# is tested for every register in core/tests/test_registers.py.)

SECRETARIAT_REGISTERS = {
    "donors": (DonorFactory, {"name": "Norad", "kind": "bilateral", "country": "NOR"}),
    "projects": (ProjectFactory, {"code": "N-1", "title": "New", "start": "2024-01-01"}),
    "fundings": (FundingFactory, None),
    "evaluations": (EvaluationFactory, None),
    "instrument-reviews": (InstrumentReviewFactory, None),
}


@pytest.mark.parametrize("register", sorted(SECRETARIAT_REGISTERS))
@pytest.mark.parametrize("who", ["owner", "other", "council", "anonymous", "secretariat"])
def test_everyone_reads_programme_data_and_the_secretariat_records_it(api, users, register, who):
    factory, body = SECRETARIAT_REGISTERS[register]
    record = factory()
    client = api(users[who])
    assert client.get(f"{API}/{register}/").json()["count"] >= 1
    assert client.get(f"{API}/{register}/{record.pk}/").status_code == 200
    assert client.get(f"{API}/{register}/{record.pk}/history/").status_code == 200
    if who == "secretariat" and body is not None:
        assert client.post(f"{API}/{register}/", body).status_code == 201


@pytest.mark.parametrize("who", ["owner", "council", "anonymous", "secretariat"])
def test_sdgs_and_instruments_are_read_by_all(api, users, who):
    client = api(users[who])
    assert client.get(f"{API}/sdgs/16/").json()["title"].startswith("Peace")
    assert client.get(f"{API}/sdgs/").json()["count"] == 17
    assert client.get(f"{API}/instruments/RKC/").json()["kind"] == "convention"
    # The goals are the UN's: nobody changes them through the API.
    assert client.post(f"{API}/sdgs/", {"number": 18}).status_code in (401, 403, 405)
    expected = {"owner": 403, "council": 403, "anonymous": 401, "secretariat": 200}[who]
    assert client.patch(f"{API}/instruments/RKC/", {"title": "Revised Kyoto"}).status_code == (
        expected
    )


MEMBER_REGISTERS = {
    "instrument-uptakes": InstrumentUptakeFactory,
    "training-activities": TrainingActivityFactory,
}


@pytest.mark.parametrize("register", sorted(MEMBER_REGISTERS))
def test_council_reads_a_validated_record_only_once_it_is_published(api, users, fra, register):
    record = MEMBER_REGISTERS[register](member=fra, status=WorkflowStatus.VALIDATED)
    client = api(users["council"])
    assert client.get(f"{API}/{register}/{record.pk}/").status_code == 404
    assert client.get(f"{API}/{register}/").json()["count"] == 0
    assert client.get(f"{API}/{register}/{record.pk}/history/").status_code == 404
    exported = csv_of(client.get(f"{API}/{register}/export/"))
    assert len(exported.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("who", "confidentiality", "expected"),
    [
        ("owner", Confidentiality.RESTRICTED, 200),
        ("other", Confidentiality.RESTRICTED, 404),
        ("other", Confidentiality.CONFIDENTIAL, 404),
        ("other", Confidentiality.MEMBERS, 200),
        ("council", Confidentiality.RESTRICTED, 404),
        ("council", Confidentiality.MEMBERS, 200),
        ("anonymous", Confidentiality.MEMBERS, 404),
        ("anonymous", Confidentiality.PUBLIC, 200),
        ("secretariat", Confidentiality.RESTRICTED, 200),
    ],
)
def test_who_reads_a_diagnostic_and_its_recommendations(
    api, users, fra, who, confidentiality, expected
):
    mission = DiagnosticMissionFactory(member=fra, confidentiality=confidentiality)
    recommendation = RecommendationFactory(mission=mission)
    client = api(users[who])
    assert client.get(f"{API}/diagnostic-missions/{mission.pk}/").status_code == expected
    assert client.get(f"{API}/diagnostic-missions/").json()["count"] == (expected == 200)
    assert client.get(f"{API}/recommendations/{recommendation.pk}/").status_code == expected
    assert client.get(f"{API}/recommendations/").json()["count"] == (expected == 200)
    history = client.get(f"{API}/recommendations/{recommendation.pk}/history/")
    assert history.status_code == expected


def test_the_secretariat_records_a_mission_restricted_by_default(api, secretariat_user, fra):
    body = {"member": "FRA", "tool": "pmm", "start": "2024-01-01", "end": "2024-01-05"}
    created = api(secretariat_user).post(f"{API}/diagnostic-missions/", body)
    assert created.status_code == 201 and created.json()["confidentiality"] == "restricted"


def test_a_member_shares_its_diagnostic_and_its_recommendations(api, fra_user, deu_user, fra, deu):
    mission = DiagnosticMissionFactory(member=fra)
    recommendation = RecommendationFactory(mission=mission)
    other = api(deu_user)
    assert other.get(f"{API}/recommendations/{recommendation.pk}/").status_code == 404
    url = f"{API}/diagnostic-missions/{mission.pk}/"
    assert other.post(f"{url}grant/", {"member": "DEU"}).status_code == 404
    granted = api(fra_user).post(f"{url}grant/", {"member": "DEU"})
    assert granted.status_code == 200 and granted.json() == [{"member": "DEU"}]
    assert other.get(url).status_code == 200
    assert other.get(f"{API}/recommendations/{recommendation.pk}/").status_code == 200
    # Reading is not changing.
    assert other.patch(f"{API}/recommendations/{recommendation.pk}/", {}).status_code == 403
    assert api(fra_user).post(f"{url}revoke/", {"member": "DEU"}).json() == []
    assert other.get(url).status_code == 404
    history = DiagnosticMission.read_grants().history.order_by("history_id")
    assert [h.history_type for h in history] == ["+", "-"]


def test_a_member_updates_the_follow_up_of_its_recommendations_only(api, fra_user, fra):
    recommendation = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    url = f"{API}/recommendations/{recommendation.pk}/"
    client = api(fra_user)
    done = client.patch(
        url, {"follow_up": "done", "done_on": "2024-05-02", "follow_up_note": "Unit set up"}
    )
    assert done.status_code == 200, done.json()
    assert (done.json()["follow_up"], done.json()["overdue"]) == ("done", False)
    assert client.patch(url, {"text": "Something easier"}).status_code == 403
    assert client.patch(url, {"follow_up": "open"}).status_code == 400  # done_on left
    assert Recommendation.objects.get().follow_up == FollowUp.DONE
    body = {"mission": recommendation.mission_id, "text": "x", "area": "capacity"}
    assert (
        client.post(
            f"{API}/recommendations/", {**body, "owner": "x", "due": "2024-09-01"}
        ).status_code
        == 403
    )
    assert client.delete(url).status_code == 403


def test_a_members_change_of_a_recommendation_is_an_update_of_its_follow_up(api, fra_user, fra):
    recommendation = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    url = f"{API}/recommendations/{recommendation.pk}/"
    client = api(fra_user)
    # A change naming none of the follow-up's fields is the secretariat's, an empty one too.
    assert client.patch(url, {}).status_code == 403
    assert client.patch(url, {"owner": recommendation.owner}).status_code == 403
    assert client.patch(url, {"follow_up_note": "Started"}).status_code == 200


def test_the_secretariat_records_recommendations_with_the_missions_member(
    api, secretariat_user, fra
):
    mission = DiagnosticMissionFactory(member=fra, start=date(2024, 3, 4))
    client = api(secretariat_user)
    body = {
        "mission": mission.pk,
        "text": "Publish advance rulings online",
        "area": "facilitation",
        "priority": "high",
        "owner": "Tariff directorate",
        "due": "2025-03-31",
    }
    created = client.post(f"{API}/recommendations/", body)
    assert created.status_code == 201, created.json()
    assert created.json()["member"] == "FRA"
    early = client.post(f"{API}/recommendations/", {**body, "due": "2024-01-01"})
    assert early.status_code == 400 and "due" in early.json()


# --- CSV imports by natural key ---------------------------------------------------------------
# (The round trip, export then import into an empty register, is tested for every register in
# core/tests/test_registers.py.)


@pytest.mark.parametrize(
    ("register", "make", "fields"),
    [
        (
            "instrument-uptakes",
            lambda fra: [
                InstrumentUptakeFactory(member=fra),
                InstrumentUptakeFactory(member=fra, instrument=instrument("PMM"), uptake="applied"),
            ],
            ["member", "instrument", "uptake", "since", "note"],
        ),
        (
            "training-activities",
            lambda fra: [
                TrainingActivityFactory(member=fra, commitment=None),
                TrainingActivityFactory(
                    member=fra,
                    modality="e_learning",
                    project=ActiveProjectFactory(beneficiaries=[fra]),
                ),
            ],
            ["member", "title", "area", "project", "modality", "start", "participants", "hours"],
        ),
    ],
)
def test_a_csv_imported_again_updates_the_records_it_names(
    api, fra_user, fra, register, make, fields
):
    make(fra)
    client = api(fra_user)
    before = client.get(f"{API}/{register}/?page_size=100").json()["results"]
    exported = csv_of(client.get(f"{API}/{register}/export/"))
    again = client.generic("POST", f"{API}/{register}/import/", exported, "text/csv")
    assert again.status_code == 200, again.json()
    assert again.json() == {"created": 0, "updated": len(before)}
    after = client.get(f"{API}/{register}/?page_size=100").json()["results"]
    assert [{f: r[f] for f in fields} for r in after] == [{f: r[f] for f in fields} for r in before]


def test_a_csv_with_a_wrong_row_imports_nothing(api, fra_user, fra):
    text = "instrument,uptake,since\nRKC,acceded,2015-05-01\nPMM,acceded,2018-01-01\n"
    response = api(fra_user).generic("POST", f"{API}/instrument-uptakes/import/", text, "text/csv")
    assert response.status_code == 400
    assert (
        response.json()["rows"][0]["row"] == 3 and "uptake" in response.json()["rows"][0]["errors"]
    )
    assert not InstrumentUptake.objects.exists()


# --- figures --------------------------------------------------------------------------------


def test_follow_up_per_member_shows_only_what_the_user_reads(api, users, fra, deu):
    RecommendationFactory(mission=DiagnosticMissionFactory(member=fra), due=date(2024, 1, 1))
    RecommendationFactory(
        mission=DiagnosticMissionFactory(member=deu, confidentiality=Confidentiality.PUBLIC),
        due=date(2024, 1, 1),
        follow_up=FollowUp.DONE,
        done_on=date(2024, 2, 1),
    )
    members = {
        who: [
            row["member"]
            for row in api(users[who]).get(f"{API}/follow-up/?on=2024-06-01").json()["members"]
        ]
        for who in users
    }
    assert members == {
        "owner": ["FRA", "DEU"],  # by name: France, Germany
        "other": ["DEU"],
        "secretariat": ["FRA", "DEU"],
        "council": ["DEU"],
        "anonymous": ["DEU"],
    }
    overall = api().get(f"{API}/follow-up/?on=2024-06-01").json()["overall"]
    assert overall == {"due": 2, "done": 1, "overdue": 1, "rate": 50.0}
    assert api().get(f"{API}/follow-up/?on=0001-01-01").status_code == 400


def test_gaps_show_a_need_only_to_those_who_read_it_and_count_the_others(api, users, fra):
    recommendation = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    publish_on(
        TFANotificationFactory(
            member=fra, category="C", definitive_date=date(2027, 1, 1), assistance_needed="Scanners"
        ),
        date(2023, 1, 1),
    )
    for who, sees in [
        ("owner", True),
        ("secretariat", True),
        ("other", False),
        ("anonymous", False),
    ]:
        data = api(users[who]).get(f"{API}/coordination/gaps/?on=2024-06-01").json()
        [row] = data["members"]
        by_kind = {need["kind"]: need for need in row["needs"]}
        assert by_kind["tfa_category_c"]["label"].endswith("Scanners")
        if sees:
            assert by_kind["recommendation"] == {
                "area": "facilitation",
                "kind": "recommendation",
                "priority": "high",
                "reference": str(recommendation.pk),
                "label": recommendation.text,
            }
        else:
            # Not even its area, kind or priority: only that one need is withheld.
            assert "recommendation" not in by_kind
        assert (data["hidden_needs"], data["hidden_members"]) == ((0, 0) if sees else (1, 1))
    ActiveProjectFactory(beneficiaries=[fra], start=date(2024, 1, 1))
    data = api().get(f"{API}/coordination/gaps/?on=2024-06-01").json()
    assert (data["members"], data["hidden_needs"]) == ([], 0)


def test_gaps_do_not_name_the_member_of_a_need_the_user_may_not_read(api, users, fra):
    RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    for who in ("other", "council", "anonymous"):
        data = api(users[who]).get(f"{API}/coordination/gaps/?on=2024-06-01").json()
        assert data["members"] == [], who
        assert (data["hidden_needs"], data["hidden_members"]) == (1, 1)


def test_gaps_of_a_confidential_mission_are_withheld_from_the_secretariat_not_named(
    api, users, fra
):
    mission = DiagnosticMissionFactory(member=fra, confidentiality=Confidentiality.CONFIDENTIAL)
    recommendation = RecommendationFactory(mission=mission)
    secretariat = api(users["secretariat"])
    assert secretariat.get(f"{API}/recommendations/{recommendation.pk}/").status_code == 404
    data = secretariat.get(f"{API}/coordination/gaps/?on=2024-06-01").json()
    assert recommendation.text not in str(data)
    assert (data["members"], data["hidden_needs"]) == ([], 1)
    grant(mission, staff=users["secretariat"])
    data = secretariat.get(f"{API}/coordination/gaps/?on=2024-06-01").json()
    assert data["members"][0]["needs"][0]["label"] == recommendation.text
    # Its own member reads it.
    data = api(users["owner"]).get(f"{API}/coordination/gaps/?on=2024-06-01").json()
    assert data["members"][0]["needs"][0]["reference"] == str(recommendation.pk)


def test_gaps_of_a_members_level_mission_show_to_member_users_not_to_anonymous(api, users, fra):
    recommendation = RecommendationFactory(
        mission=DiagnosticMissionFactory(member=fra, confidentiality=Confidentiality.MEMBERS)
    )
    for who, sees in [("other", True), ("council", True), ("anonymous", False)]:
        data = api(users[who]).get(f"{API}/coordination/gaps/?on=2024-06-01").json()
        labels = [need["label"] for row in data["members"] for need in row["needs"]]
        assert (labels == [recommendation.text]) == sees, who
        assert data["hidden_needs"] == (0 if sees else 1)


def test_overlaps_and_funding_endpoints(api, fra):
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[DonorFactory(name="JICA")])
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[DonorFactory(name="KOICA", country="KOR")])
    overlaps = api().get(f"{API}/coordination/overlaps/?start=2024-01-01&end=2024-12-31").json()
    assert overlaps["overlaps"][0]["donors"] == ["JICA", "KOICA"]
    assert (
        api().get(f"{API}/coordination/overlaps/?start=2025-01-01&end=2024-01-01").status_code
        == 400
    )
    funding = api().get(f"{API}/funding/?first_year=2023&last_year=2023").json()
    assert funding["committed_eur"] == 200000.0
    assert api().get(f"{API}/funding/?first_year=2024&last_year=2023").status_code == 400


def test_the_summary_matches_the_figures(api, fra):
    project = ActiveProjectFactory(beneficiaries=[fra], sdgs=[16], end=date(2024, 3, 31))
    EvaluationFactory(project=project, evaluated_on=date(2024, 5, 1))
    RecommendationFactory(mission=DiagnosticMissionFactory(member=fra), due=date(2024, 1, 1))
    publish_on(TrainingActivityFactory(member=fra), date(2024, 9, 10))
    publish_on(InstrumentUptakeFactory(member=fra), date(2020, 1, 1))
    data = api().get(f"{API}/summary/?start=2024-01-01&end=2024-12-31").json()
    assert data["evaluation"]["rate"] == 100.0
    assert data["evaluation"]["mean_scores"]["relevance"] == 4.0
    assert data["diagnostics"]["follow_up"]["due"] == 1
    assert data["sdgs"]["disbursed_eur"] == 40000.0
    assert data["training"]["participants"] == 25
    rkc = next(row for row in data["instruments"] if row["code"] == "RKC")
    assert rkc["acceded"] == 1
    assert data["coordination"]["members_with_gaps"] == 1


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(
    ("path", "ceiling"),
    [
        ("follow-up/?on=2024-06-01", 8),
        ("coordination/overlaps/?start=2024-01-01&end=2024-12-31", 4),
        ("coordination/gaps/?on=2024-06-01", 8),
        ("funding/", 12),
        ("summary/?start=2024-01-01&end=2024-12-31", 45),
    ],
)
def test_figures_cost_a_fixed_number_of_queries(
    api, deu_user, django_assert_max_num_queries, path, ceiling, rows
):
    for _ in range(rows):
        member = MemberFactory()
        ActiveProjectFactory(beneficiaries=[member], sdgs=[16])
        RecommendationFactory(mission=DiagnosticMissionFactory(member=member), due=date(2024, 1, 1))
        publish_on(
            TFANotificationFactory(
                member=member, category="C", definitive_date=date(2027, 1, 1), assistance_needed="x"
            ),
            date(2023, 1, 1),
        )
        publish_on(TrainingActivityFactory(member=member), date(2024, 9, 10))
        publish_on(InstrumentUptakeFactory(member=member), date(2020, 1, 1))
        EvaluationFactory(project=ActiveProjectFactory(end=date(2024, 3, 31)))
    with django_assert_max_num_queries(ceiling):
        response = api(deu_user).get(f"{API}/{path}")
    assert response.status_code == 200


# --- the recommendations' CSV (by mission and text) -----------------------------------------

RECOMMENDATION_FIELDS = [
    "mission",
    "member",
    "text",
    "area",
    "priority",
    "owner",
    "due",
    "follow_up",
    "done_on",
    "follow_up_note",
]


def recommendations_of(client):
    results = client.get(f"{API}/recommendations/?page_size=100").json()["results"]
    return [{f: r[f] for f in RECOMMENDATION_FIELDS} for r in results]


def import_recommendations(client, text):
    return client.generic("POST", f"{API}/recommendations/import/", text, "text/csv")


def test_recommendations_round_trip_through_csv(api, secretariat_user, fra):
    mission = DiagnosticMissionFactory(member=fra, start=date(2024, 1, 8))
    RecommendationFactory(mission=mission, text="Publish advance rulings online")
    RecommendationFactory(
        mission=mission,
        text='Train officers in "risk profiling",\nthen audit',
        priority="low",
        due=date(2025, 3, 31),
        follow_up=FollowUp.DONE,
        done_on=date(2024, 9, 2),
        follow_up_note="Done; see the report",
    )
    client = api(secretariat_user)
    before = recommendations_of(client)
    exported = csv_of(client.get(f"{API}/recommendations/export/"))
    Recommendation.objects.all().delete()
    response = import_recommendations(client, exported)
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 2, "updated": 0}
    assert recommendations_of(client) == before
    # The same file again updates the same records, by mission and text.
    again = import_recommendations(client, exported)
    assert again.json() == {"created": 0, "updated": 2}
    assert recommendations_of(client) == before


def test_a_member_updates_its_follow_up_by_csv(api, fra_user, fra):
    mission = DiagnosticMissionFactory(member=fra, start=date(2024, 1, 8))
    first = RecommendationFactory(mission=mission)
    second = RecommendationFactory(mission=mission, priority="low")
    client = api(fra_user)
    exported = csv_of(client.get(f"{API}/recommendations/export/"))
    # The member's system changes the follow-up columns only and sends the whole file back.
    edited = exported.replace(
        f"{first.text},facilitation,high,Directorate of Risk Management,2024-06-30,open,,",
        f"{first.text},facilitation,high,Directorate of Risk Management,2024-06-30,"
        "done,2024-05-02,Unit set up",
    )
    assert edited != exported
    response = import_recommendations(client, edited)
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 0, "updated": 2}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.follow_up, first.done_on, first.follow_up_note) == (
        FollowUp.DONE,
        date(2024, 5, 2),
        "Unit set up",
    )
    assert first.updated_by == fra_user
    assert (second.follow_up, second.priority) == (FollowUp.OPEN, "low")
    assert Recommendation.objects.count() == 2


def test_a_member_changing_what_the_secretariat_records_imports_nothing(api, fra_user, fra):
    mission = DiagnosticMissionFactory(member=fra, start=date(2024, 1, 8))
    first = RecommendationFactory(mission=mission, text="Publish advance rulings online")
    RecommendationFactory(mission=mission, text="Set up a risk-management unit")
    client = api(fra_user)
    header = "mission,text,priority,follow_up,done_on,follow_up_note\n"
    done = f"{mission.pk},Publish advance rulings online,high,done,2024-05-02,Online\n"
    # A changed priority: the row is refused (and so the follow-up of the other row too).
    response = import_recommendations(
        client, header + done + f"{mission.pk},Set up a risk-management unit,low,open,,\n"
    )
    assert response.status_code == 400
    [row] = response.json()["rows"]
    assert row["row"] == 3
    assert "not priority" in row["errors"]["non_field_errors"][0]
    # A changed text names no recommendation of the member's: refused, on the text.
    response = import_recommendations(
        client, header + done + f"{mission.pk},Set up a risk unit,high,open,,\n"
    )
    assert response.status_code == 400
    [row] = response.json()["rows"]
    assert row["row"] == 3 and "makes no recommendation with this text" in row["errors"]["text"][0]
    first.refresh_from_db()
    assert first.follow_up == FollowUp.OPEN  # all rows or none
    assert Recommendation.objects.count() == 2


def test_a_member_cannot_import_another_members_recommendations(api, deu_user, fra_user, fra):
    mission = DiagnosticMissionFactory(member=fra, confidentiality=Confidentiality.PUBLIC)
    recommendation = RecommendationFactory(mission=mission)
    restricted = DiagnosticMissionFactory(member=fra)
    hidden = RecommendationFactory(mission=restricted)
    header = "mission,text,follow_up,done_on,follow_up_note\n"
    rows = [
        f"{mission.pk},{recommendation.text},dropped,,Not ours\n",  # read, not changed
        f"{restricted.pk},{hidden.text},dropped,,Not ours\n",  # not even read
        f"{restricted.pk},A text it does not have,open,,\n",  # no such record
        "999999,Anything,open,,\n",  # no such mission
    ]
    response = import_recommendations(api(deu_user), header + "".join(rows))
    assert response.status_code == 400
    errors = response.json()["rows"]
    assert [e["row"] for e in errors] == [2, 3, 4, 5]
    # One and the same refusal for each: nothing tells what exists.
    assert len({str(e["errors"]) for e in errors}) == 1
    assert "your own administration" in errors[0]["errors"]["non_field_errors"][0]
    assert hidden.text not in response.content.decode()
    assert set(Recommendation.objects.values_list("follow_up", flat=True)) == {FollowUp.OPEN}
    # Nor does a member create one for its own mission.
    own = import_recommendations(
        api(fra_user),
        f"mission,text,area,owner,due\n{mission.pk},A new one,capacity,Unit,2025-01-31\n",
    )
    assert own.status_code == 400 and own.json()["rows"][0]["row"] == 2
    assert Recommendation.objects.count() == 2


def test_the_secretariat_creates_and_updates_recommendations_by_csv(api, secretariat_user, fra):
    mission = DiagnosticMissionFactory(member=fra, start=date(2024, 1, 8))
    existing = RecommendationFactory(mission=mission, text="Publish advance rulings online")
    client = api(secretariat_user)
    header = "mission,text,area,priority,owner,due\n"
    text = (
        header
        + f"{mission.pk},Publish advance rulings online,capacity,low,Tariff unit,2025-06-30\n"
        + f"{mission.pk},Set up a national targeting centre,security,high,Risk unit,2025-03-31\n"
    )
    response = import_recommendations(client, text)
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 1, "updated": 1}
    existing.refresh_from_db()
    assert (existing.area.code, existing.priority, existing.owner) == (
        "capacity",
        "low",
        "Tariff unit",
    )
    created = Recommendation.objects.get(text="Set up a national targeting centre")
    assert (created.member, created.created_by) == (fra, secretariat_user)
    # A wrong row (due before the mission) and a missing key column: nothing is imported.
    wrong = import_recommendations(
        client,
        header
        + f"{mission.pk},Open a hotline for traders,cooperation,low,Unit,2025-01-31\n"
        + f"{mission.pk},Rotate officers,capacity,low,Unit,2023-01-31\n",
    )
    assert wrong.status_code == 400
    assert [(e["row"], list(e["errors"])) for e in wrong.json()["rows"]] == [(3, ["due"])]
    assert Recommendation.objects.count() == 2
    missing = import_recommendations(client, "text,area\nRotate officers,capacity\n")
    assert missing.status_code == 400 and "mission" in missing.json()["file"][0]


def test_a_mission_makes_a_recommendation_once(api, secretariat_user, fra):
    recommendation = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    body = {
        "mission": recommendation.mission_id,
        "text": recommendation.text,
        "area": "facilitation",
        "owner": "Unit",
        "due": "2024-09-30",
    }
    response = api(secretariat_user).post(f"{API}/recommendations/", body)
    assert response.status_code == 400
    assert response.json()["text"] == ["The mission already makes this recommendation."]
    other = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    assert other.text != recommendation.text
    renamed = api(secretariat_user).patch(
        f"{API}/recommendations/{other.pk}/", {"text": recommendation.text}
    )
    assert renamed.status_code == 200  # another mission may make it


def test_a_missions_member_cannot_be_changed_through_the_api(api, secretariat_user, fra, deu):
    mission = DiagnosticMissionFactory(member=fra)
    recommendation = RecommendationFactory(mission=mission)
    response = api(secretariat_user).patch(
        f"{API}/diagnostic-missions/{mission.pk}/", {"member": "DEU", "team_lead": "A. Lead"}
    )
    assert response.status_code == 200 and response.json()["member"] == "FRA"
    mission.refresh_from_db()
    recommendation.refresh_from_db()
    assert (mission.member, recommendation.member, mission.team_lead) == (fra, fra, "A. Lead")


def test_a_recommendation_is_attached_only_to_a_mission_its_writer_may_change(
    api, secretariat_user, deu_user, fra
):
    body = {
        "text": "Publish advance rulings online",
        "area": "facilitation",
        "owner": "Tariff directorate",
        "due": "2025-03-31",
    }
    confidential = DiagnosticMissionFactory(
        member=fra, confidentiality=Confidentiality.CONFIDENTIAL
    )
    client = api(secretariat_user)
    response = client.post(f"{API}/recommendations/", {**body, "mission": confidential.pk})
    assert response.status_code == 400
    assert "Invalid pk" in response.json()["mission"][0]
    assert not Recommendation.objects.exists()
    # Nor moved there, which would tell the mission exists as well.
    recommendation = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    moved = client.patch(
        f"{API}/recommendations/{recommendation.pk}/", {"mission": confidential.pk}
    )
    assert moved.status_code == 400 and "Invalid pk" in moved.json()["mission"][0]
    # A member may not record recommendations at all, whatever the mission (403 for any).
    assert api(deu_user).post(f"{API}/recommendations/", {**body, "mission": 0}).status_code == 403


def test_training_under_a_pipeline_project_is_a_400(api, fra_user, fra):
    body = {
        "title": "Workshop",
        "area": "facilitation",
        "project": ProjectFactory(code="CB-PIPE").code,
        "modality": "in_person",
        "start": "2024-01-01",
        "end": "2024-01-02",
        "participants": 10,
        "hours": "12",
    }
    response = api(fra_user).post(f"{API}/training-activities/", body)
    assert response.status_code == 400
    assert "has not started" in response.json()["project"][0]
    assert not TrainingActivity.objects.exists()
