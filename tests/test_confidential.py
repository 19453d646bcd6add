"""A `confidential` record is read, in the secretariat, only by the staff named on it
(docs/architecture.md): the same rule for every register that carries confidentiality, in the
API and on the pages, from the next request after a grant or a revocation."""

import pytest
from django.apps import apps
from django.urls import reverse

from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import UserFactory
from core.tests.helpers import csv_of
from facilitation.tests.factories import RevenueReportFactory
from governance.tests.factories import ConsultationResponseFactory
from security.tests.factories import PassengerDataReadinessFactory, RiskManagementAssessmentFactory

# register -> (factory, API collection, detail page URL name)
REGISTERS = {
    "consultation responses": (
        ConsultationResponseFactory,
        "/api/v1/governance/consultation-responses/",
        "governance:response_detail",
    ),
    "revenue reports": (
        RevenueReportFactory,
        "/api/v1/facilitation/revenue-reports/",
        "facilitation:revenue_detail",
    ),
    "passenger data readiness": (
        PassengerDataReadinessFactory,
        "/api/v1/security/passenger-data-readiness/",
        "security:passenger_detail",
    ),
    "risk assessments": (
        RiskManagementAssessmentFactory,
        "/api/v1/security/risk-assessments/",
        "security:assessment_detail",
    ),
}


@pytest.fixture(params=REGISTERS, ids=list(REGISTERS))
def register(request):
    return REGISTERS[request.param]


@pytest.fixture
def confidential(register, fra):
    """FRA's confidential record, submitted for review."""
    make, _, _ = register
    return make(
        member=fra, confidentiality=Confidentiality.CONFIDENTIAL, status=WorkflowStatus.SUBMITTED
    )


@pytest.fixture
def reviewer(db):
    return UserFactory.secretariat(username="reviewer")


def ids_listed(client, collection):
    response = client.get(collection)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_every_register_with_confidentiality_names_the_staff_who_read_it():
    confidential_registers = [
        model
        for model in apps.get_models()
        if any(field.name == "confidentiality" for field in model._meta.fields)
        and not model.__name__.startswith("Historical")
    ]
    assert confidential_registers
    assert [m for m in confidential_registers if not hasattr(m, "staff_grants")] == []


def test_the_secretariat_does_not_read_a_confidential_record_it_was_not_granted(
    api, register, confidential, secretariat_user
):
    _, collection, _ = register
    client = api(secretariat_user)
    assert confidential.id not in ids_listed(client, collection)
    assert client.get(f"{collection}{confidential.id}/").status_code == 404
    assert client.get(f"{collection}{confidential.id}/history/").status_code == 404
    assert client.post(f"{collection}{confidential.id}/validate/").status_code == 404
    assert f"\n{confidential.id}," not in csv_of(client.get(f"{collection}export/"))


def test_the_member_names_its_reviewer_who_then_reads_and_validates_it(
    api, register, confidential, fra_user, secretariat_user, reviewer
):
    _, collection, _ = register
    response = api(fra_user).post(
        f"{collection}{confidential.id}/grant/", {"staff": "reviewer"}, format="json"
    )
    assert response.status_code == 200
    assert {"staff": "reviewer"} in response.json()

    assert confidential.id in ids_listed(api(reviewer), collection)
    assert api(reviewer).post(f"{collection}{confidential.id}/validate/").status_code == 200
    # Another secretariat user still does not.
    assert api(secretariat_user).get(f"{collection}{confidential.id}/").status_code == 404


def test_revoking_takes_effect_on_the_next_request(api, register, confidential, fra_user, reviewer):
    _, collection, _ = register
    owner = api(fra_user)
    owner.post(f"{collection}{confidential.id}/grant/", {"staff": "reviewer"}, format="json")
    assert api(reviewer).get(f"{collection}{confidential.id}/").status_code == 200

    response = owner.post(
        f"{collection}{confidential.id}/revoke/", {"staff": "reviewer"}, format="json"
    )
    assert response.status_code == 200
    assert {"staff": "reviewer"} not in response.json()
    assert api(reviewer).get(f"{collection}{confidential.id}/").status_code == 404
    assert confidential.id not in ids_listed(api(reviewer), collection)


def test_every_grant_and_revocation_is_kept_with_who_made_it(
    api, register, confidential, fra_user, reviewer
):
    _, collection, _ = register
    owner = api(fra_user)
    owner.post(f"{collection}{confidential.id}/grant/", {"staff": "reviewer"}, format="json")
    owner.post(f"{collection}{confidential.id}/revoke/", {"staff": "reviewer"}, format="json")

    grants = type(confidential).staff_grants().history.filter(content_object_id=confidential.id)
    assert [(h.history_type, h.user.username, h.history_user) for h in grants.order_by("pk")] == [
        ("+", "reviewer", fra_user),
        ("-", "reviewer", fra_user),
    ]


def test_only_secretariat_staff_are_named_on_a_confidential_record(
    api, register, confidential, fra_user, deu_user, council_user
):
    _, collection, _ = register
    owner = api(fra_user)
    for someone in (deu_user, council_user):
        response = owner.post(
            f"{collection}{confidential.id}/grant/", {"staff": someone.username}, format="json"
        )
        assert response.status_code == 400
        assert "staff" in response.json()
    assert owner.post(f"{collection}{confidential.id}/grant/", {}, format="json").status_code == 400


def test_another_member_cannot_name_staff_on_a_record_it_does_not_see(
    api, register, confidential, deu_user, reviewer
):
    _, collection, _ = register
    response = api(deu_user).post(
        f"{collection}{confidential.id}/grant/", {"staff": "reviewer"}, format="json"
    )
    assert response.status_code == 404


def test_staff_who_make_a_record_confidential_keep_reading_it(api, register, fra, reviewer):
    make, collection, _ = register
    record = make(member=fra, status=WorkflowStatus.DRAFT)
    client = api(reviewer)
    response = client.patch(
        f"{collection}{record.id}/",
        {"confidentiality": Confidentiality.CONFIDENTIAL},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert client.get(f"{collection}{record.id}/").status_code == 200
    assert type(record).objects.for_user(reviewer).filter(pk=record.pk).exists()


def test_a_staff_member_granted_names_a_colleague(
    api, register, confidential, fra_user, reviewer, secretariat_user
):
    _, collection, _ = register
    api(fra_user).post(
        f"{collection}{confidential.id}/grant/", {"staff": "reviewer"}, format="json"
    )
    response = api(reviewer).post(
        f"{collection}{confidential.id}/grant/", {"staff": "secretariat"}, format="json"
    )
    assert response.status_code == 200
    assert api(secretariat_user).get(f"{collection}{confidential.id}/").status_code == 200


def test_members_are_not_granted_registers_that_are_not_shared_with_members(
    api, fra, fra_user, deu
):
    record = RevenueReportFactory(member=fra, confidentiality=Confidentiality.RESTRICTED)
    response = api(fra_user).post(
        f"/api/v1/facilitation/revenue-reports/{record.id}/grant/", {"member": "DEU"}, format="json"
    )
    assert response.status_code == 400
    assert "member" in response.json()


# --- the pages --------------------------------------------------------------------------------


def test_the_page_is_404_for_staff_not_named_and_shows_to_staff_named_in_the_browser(
    client, register, confidential, fra_user, reviewer
):
    _, _, detail = register
    url = reverse(detail, args=[confidential.pk])
    client.force_login(reviewer)
    assert client.get(url).status_code == 404

    client.force_login(fra_user)
    page = client.get(url)
    assert page.status_code == 200
    assert "Secretariat staff" in page.content.decode()
    access = url + "access/grant/"
    response = client.post(access, {"staff": "reviewer"})
    assert response.status_code == 302

    client.force_login(reviewer)
    page = client.get(url)
    assert page.status_code == 200
    assert "reviewer" in page.content.decode()

    # The reviewer withdraws its own access: the record leaves its sight at once.
    response = client.post(url + "access/revoke/", {"staff": "reviewer"})
    assert response.status_code == 302
    assert client.get(url).status_code == 404


def test_a_grant_form_naming_no_one_says_so(client, register, confidential, fra_user):
    _, _, detail = register
    url = reverse(detail, args=[confidential.pk])
    client.force_login(fra_user)
    response = client.post(url + "access/grant/", {}, follow=True)
    assert response.status_code == 200
    assert "Choose either a member or a secretariat user." in response.content.decode()


# --- capacity: a confidential diagnostic mission and its recommendations ----------------------


def test_a_confidential_mission_and_its_recommendations_reach_only_the_staff_named(
    api, fra, fra_user, secretariat_user, reviewer
):
    from capacity.tests.factories import DiagnosticMissionFactory, RecommendationFactory

    mission = DiagnosticMissionFactory(member=fra, confidentiality=Confidentiality.CONFIDENTIAL)
    recommendation = RecommendationFactory(mission=mission)
    missions = "/api/v1/capacity/diagnostic-missions/"
    recommendations = "/api/v1/capacity/recommendations/"

    for staff in (secretariat_user, reviewer):
        assert mission.id not in ids_listed(api(staff), missions)
        assert recommendation.id not in ids_listed(api(staff), recommendations)
        assert api(staff).get(f"{recommendations}{recommendation.id}/").status_code == 404

    response = api(fra_user).post(
        f"{missions}{mission.id}/grant/", {"staff": "reviewer"}, format="json"
    )
    assert response.status_code == 200
    assert mission.id in ids_listed(api(reviewer), missions)
    assert recommendation.id in ids_listed(api(reviewer), recommendations)
    assert api(secretariat_user).get(f"{missions}{mission.id}/").status_code == 404
