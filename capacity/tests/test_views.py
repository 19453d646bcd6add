"""The capacity-building pages: the secretariat keeps donors, projects and their funding,
diagnostic missions and their recommendations, evaluations and instrument reviews; members
update the follow-up of their recommendations and report their uptake of instruments and their
training through the workflow; diagnostic missions are restricted, read only by their member,
the secretariat and the members it grants; donor coordination shows a need in words only to
those who may read it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm

from capacity.choices import FollowUp, ProjectStatus, Uptake
from capacity.models import (
    DiagnosticMission,
    Donor,
    Evaluation,
    Funding,
    InstrumentReview,
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
    area,
    instrument,
)
from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SECRET = "Risk management is manual and undocumented"


def published(factory, **kwargs):
    """A member's submission published yesterday."""
    return factory(
        status=WorkflowStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
        **kwargs,
    )


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def login(client, user):
    if user is not None:
        client.force_login(user)


@pytest.fixture
def records(fra, deu):
    """France's restricted mission with an overdue high-priority recommendation no project
    covers, its draft uptake and training; a public project with its funding and evaluation;
    an instrument review."""
    mission = DiagnosticMissionFactory(member=fra, findings=SECRET)
    recommendation = RecommendationFactory(mission=mission, text=f"{SECRET}: automate it")
    donor = DonorFactory(name="Japan International Cooperation Agency")
    project = ActiveProjectFactory(code="CB-ONE", beneficiaries=[deu], funded_by=[donor], sdgs=[16])
    evaluation = EvaluationFactory(project=project)
    return {
        "mission": mission,
        "recommendation": recommendation,
        "donor": donor,
        "project": project,
        "funding": project.fundings.get(),
        "evaluation": evaluation,
        "review": InstrumentReviewFactory(),
        "uptake": InstrumentUptakeFactory(member=fra),
        "training": TrainingActivityFactory(member=fra),
    }


# --- every page for each of the five users ---------------------------------------------------

OK, NOT_FOUND, FORBIDDEN, LOGIN = 200, 404, 403, 302
EVERYONE = {"owner": OK, "other": OK, "secretariat": OK, "council": OK, "anonymous": OK}
RESTRICTED = {
    "owner": OK,
    "other": NOT_FOUND,
    "secretariat": OK,
    "council": NOT_FOUND,
    "anonymous": NOT_FOUND,
}
SECRETARIAT_FORM = {
    "owner": FORBIDDEN,
    "other": FORBIDDEN,
    "secretariat": OK,
    "council": FORBIDDEN,
    "anonymous": LOGIN,
}
MEMBER_FORM = {
    "owner": OK,
    "other": OK,
    "secretariat": OK,
    "council": FORBIDDEN,
    "anonymous": LOGIN,
}
# France's own record in draft (or restricted): others do not see it, so 404.
OWN_EDIT = {
    "owner": OK,
    "other": NOT_FOUND,
    "secretariat": OK,
    "council": NOT_FOUND,
    "anonymous": LOGIN,
}

# Each register's list and its bare "new" page are tested for every register, and every user,
# in core/tests/test_registers.py; here the other pages, and "new" pages pre-filled from a record.
PAGES = [
    ("/capacity/", EVERYONE),
    ("/capacity/coordination/", EVERYONE),
    ("/capacity/follow-up/", EVERYONE),
    ("/capacity/donors/{donor}/", EVERYONE),
    ("/capacity/projects/{project}/", EVERYONE),
    ("/capacity/evaluations/{evaluation}/", EVERYONE),
    ("/capacity/missions/{mission}/", RESTRICTED),
    ("/capacity/recommendations/{recommendation}/", RESTRICTED),
    ("/capacity/instruments/{instrument}/", EVERYONE),
    ("/capacity/reviews/{review}/", EVERYONE),
    ("/capacity/uptakes/{uptake}/", RESTRICTED),
    ("/capacity/training/{training}/", RESTRICTED),
    # forms
    ("/capacity/donors/{donor}/edit/", SECRETARIAT_FORM),
    ("/capacity/projects/{project}/edit/", SECRETARIAT_FORM),
    ("/capacity/fundings/new/?project={project}", SECRETARIAT_FORM),
    ("/capacity/fundings/{funding}/edit/", SECRETARIAT_FORM),
    ("/capacity/missions/{mission}/edit/", SECRETARIAT_FORM),
    ("/capacity/recommendations/new/?mission={mission}", SECRETARIAT_FORM),
    ("/capacity/recommendations/{recommendation}/edit/", SECRETARIAT_FORM),
    ("/capacity/recommendations/{recommendation}/follow-up/", OWN_EDIT),
    ("/capacity/evaluations/new/?project={project}", SECRETARIAT_FORM),
    ("/capacity/evaluations/{evaluation}/edit/", SECRETARIAT_FORM),
    ("/capacity/reviews/{review}/edit/", SECRETARIAT_FORM),
    ("/capacity/uptakes/{uptake}/edit/", OWN_EDIT),
    ("/capacity/training/{training}/edit/", OWN_EDIT),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_page_answers_each_user_as_it_may(client, users, records, path, expected):
    ids = {name: record.pk for name, record in records.items()}
    ids["instrument"] = records["review"].instrument_id
    url = path.format(**ids)
    for who, user in users.items():
        client.logout()
        login(client, user)
        response = client.get(url)
        assert response.status_code == expected[who], (who, url, response.status_code)
        if expected[who] == LOGIN:
            assert response.url.startswith("/accounts/login/")


def test_the_navigation_links_to_the_capacity_area(client):
    assert 'href="/capacity/"' in page(client.get("/"))


# --- the area page and donor coordination ----------------------------------------------------


def test_the_area_page_shows_commitments_figures_and_charts(client, records):
    response = client.get("/capacity/")
    html = page(response)
    for code in ("CB-1", "CB-2", "CB-3"):
        assert f'href="/commitments/{code}/"' in html
    figures = response.context["figures"]
    assert figures["active_projects"] == 1
    assert figures["committed_eur"] == records["funding"].committed_eur
    assert figures["follow_up"].due == 1 and figures["follow_up"].overdue == 1
    assert "Funding disbursed by year (EUR)" in html and "by region" in html
    assert "<svg" in html
    for name in ("projects", "donors", "fundings", "missions", "uptakes", "training"):
        assert f'href="/capacity/{name}/"' in html


def test_a_restricted_need_shows_in_words_only_to_its_member_and_the_secretariat(
    client, users, records
):
    for who in ("owner", "secretariat"):
        client.logout()
        login(client, users[who])
        for path in ("/capacity/", "/capacity/coordination/"):
            response = client.get(path)
            assert SECRET in page(response), (who, path)
            assert response.context["hidden_needs"] == 0
    for who in ("other", "council", "anonymous"):
        client.logout()
        login(client, users[who])
        for path in ("/capacity/", "/capacity/coordination/", "/capacity/follow-up/"):
            response = client.get(path)
            html = page(response)
            assert SECRET not in html, (who, path)
            if "hidden_needs" in response.context:
                assert response.context["hidden_needs"] == 1
                assert "1 further uncovered need of 1 member comes" in html


def test_a_public_need_shows_to_everyone_and_a_running_project_covers_it(client, fra, deu):
    mission = DiagnosticMissionFactory(member=deu, confidentiality=Confidentiality.PUBLIC)
    RecommendationFactory(mission=mission, text="Publish the release times")
    html = page(client.get("/capacity/coordination/"))
    assert "Publish the release times" in html
    # A project benefiting Germany in the need's area (facilitation, TF-1) covers it.
    ActiveProjectFactory(beneficiaries=[deu], start=date(2020, 1, 1), end=None)
    response = client.get("/capacity/coordination/")
    assert "Publish the release times" not in page(response)
    assert response.context["gaps"] == []


def test_overlaps_show_two_donors_funding_one_member_in_one_area(client, fra):
    first = DonorFactory(name="First donor")
    second = DonorFactory(name="Second donor")
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[first], start=date(2024, 1, 1))
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[second], start=date(2024, 6, 1))
    response = client.get("/capacity/coordination/?start=2024-07-01&end=2024-12-31")
    (row,) = response.context["overlaps"]
    assert row["member"] == "FRA" and row["donors"] == ["First donor", "Second donor"]
    assert "France" in page(response)
    # Before the second project starts, no overlap.
    response = client.get("/capacity/coordination/?start=2024-01-01&end=2024-03-01")
    assert response.context["overlaps"] == []


def test_the_coordination_page_breaks_funding_down(client, records):
    response = client.get("/capacity/coordination/?first_year=2023&last_year=2023")
    funding = response.context["funding"]
    assert funding["committed_eur"] == records["funding"].committed_eur
    assert [row["name"] for row in funding["by_donor"]] == [records["donor"].name]
    sdg16 = next(row for row in funding["by_sdg"] if row["code"] == 16)
    assert sdg16["projects"] == 1
    assert (
        client.get("/capacity/coordination/?first_year=2024&last_year=2024").context["funding"][
            "by_donor"
        ]
        == []
    )


def test_bad_input_on_the_figures_pages_is_a_form_error_not_a_500(client):
    response = client.get("/capacity/coordination/?start=2024-05-01&end=2024-01-01")
    assert "The window cannot end before it starts." in page(response)
    response = client.get("/capacity/coordination/?first_year=x&last_year=1800")
    assert page(response) and "overlaps" not in response.context
    assert page(client.get("/capacity/follow-up/?at=yesterday"))


# --- follow-up -------------------------------------------------------------------------------


def test_the_follow_up_page_gives_the_rate_overall_and_per_member_the_user_reads(
    client, fra, deu, fra_user, deu_user
):
    done = RecommendationFactory(
        mission=DiagnosticMissionFactory(member=deu),
        follow_up=FollowUp.DONE,
        done_on=date(2024, 5, 1),
    )
    RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    client.force_login(fra_user)
    response = client.get("/capacity/follow-up/?at=2025-01-01")
    overall = response.context["overall"]
    assert (overall.due, overall.done, overall.overdue) == (2, 1, 1)
    assert [m.code for m, _ in response.context["members"]] == ["FRA"]
    assert response.context["overdue_count"] == 1
    client.force_login(deu_user)
    response = client.get("/capacity/follow-up/?at=2025-01-01")
    assert [(m.code, f.rate) for m, f in response.context["members"]] == [("DEU", done and 100.0)]
    assert response.context["overdue_count"] == 0


def test_a_regions_follow_up_shows_beyond_the_secretariat_only_over_five_members(
    client, fra, secretariat_user
):
    members = [fra] + [MemberFactory(region=fra.region) for _ in range(3)]
    for member in members:
        RecommendationFactory(
            mission=DiagnosticMissionFactory(member=member, confidentiality=Confidentiality.PUBLIC)
        )
    client.force_login(secretariat_user)
    ((region, figures, count),) = client.get("/capacity/follow-up/").context["regions"]
    assert (figures.due, count) == (4, 4)
    client.logout()
    for path, name in (("/capacity/follow-up/", "regions"), ("/capacity/", "follow_up_regions")):
        response = client.get(path)
        assert response.context[name] == [(region, None, 4)]
        assert "Fewer than 5 members: not shown" in page(response)
    RecommendationFactory(
        mission=DiagnosticMissionFactory(
            member=MemberFactory(region=fra.region), confidentiality=Confidentiality.PUBLIC
        )
    )
    ((_, figures, count),) = client.get("/capacity/follow-up/").context["regions"]
    assert (figures.due, count) == (5, 5)


def test_a_regions_follow_up_counts_beyond_the_secretariat_only_what_the_user_reads(
    client, users, fra, secretariat_user
):
    """Else the region's total less the members' rows shown tells a restricted member's."""
    readable = [MemberFactory(region=fra.region) for _ in range(5)]
    for member in readable:
        RecommendationFactory(
            mission=DiagnosticMissionFactory(member=member, confidentiality=Confidentiality.MEMBERS)
        )
    RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))  # restricted
    for who, due, count in [("secretariat", 6, 6), ("owner", 6, 6), ("other", 5, 5)]:
        client.logout()
        login(client, users[who])
        for path, name in (
            ("/capacity/follow-up/", "regions"),
            ("/capacity/", "follow_up_regions"),
        ):
            ((_, figures, members),) = client.get(path).context[name]
            assert (figures.due, members) == (due, count), (who, path)


def test_a_member_updates_the_follow_up_of_its_recommendation(client, records, fra_user):
    recommendation = records["recommendation"]
    url = f"/capacity/recommendations/{recommendation.pk}/follow-up/"
    client.force_login(fra_user)
    response = client.post(url, {"follow_up": FollowUp.DONE, "done_on": ""})
    assert "Say when the recommendation was done." in page(response)
    response = client.post(
        url,
        {
            "follow_up": FollowUp.DONE,
            "done_on": "2025-01-15",
            "follow_up_note": "Unit set up.",
            "text": "Something else",  # not a field a member changes: ignored
        },
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.follow_up == FollowUp.DONE
    assert recommendation.text.startswith(SECRET)
    assert recommendation.updated_by == fra_user
    # The secretariat's form is not the member's.
    assert client.get(f"/capacity/recommendations/{recommendation.pk}/edit/").status_code == 403


# --- restricted missions ---------------------------------------------------------------------


def test_a_restricted_mission_never_shows_to_another_member_until_granted(
    client, records, fra_user, deu_user
):
    mission, recommendation = records["mission"], records["recommendation"]
    mission_url = f"/capacity/missions/{mission.pk}/"
    recommendation_url = f"/capacity/recommendations/{recommendation.pk}/"
    client.force_login(deu_user)
    for path in ("/capacity/missions/", "/capacity/recommendations/", "/capacity/follow-up/"):
        html = page(client.get(path))
        assert mission_url not in html and SECRET not in html
    assert client.get(mission_url).status_code == 404
    assert client.get(recommendation_url).status_code == 404
    assert client.post(f"{mission_url}access/grant/", {"member": "DEU"}).status_code == 404

    client.force_login(fra_user)
    html = page(client.get(mission_url))
    assert SECRET in html and "Read access" in html and "Update follow-up" in html
    response = client.post(f"{mission_url}access/grant/", {"member": "DEU"}, follow=True)
    assert "Germany may now read" in " ".join(messages_of(response))

    client.force_login(deu_user)
    html = page(client.get(mission_url))
    assert SECRET in html and "Read access" not in html and "Update follow-up" not in html
    assert recommendation_url in page(client.get("/capacity/recommendations/"))
    assert client.get(f"{recommendation_url}follow-up/").status_code == 403
    assert client.post(f"{mission_url}access/grant/", {"member": "DEU"}).status_code == 403

    client.force_login(fra_user)
    client.post(f"{mission_url}access/revoke/", {"member": "DEU"})
    client.force_login(deu_user)
    assert client.get(mission_url).status_code == 404


def test_a_public_mission_is_read_by_everyone(client, deu):
    mission = DiagnosticMissionFactory(member=deu, confidentiality=Confidentiality.PUBLIC)
    html = page(client.get(f"/capacity/missions/{mission.pk}/"))
    assert mission.findings in html and "Read access" not in html
    assert f"/capacity/missions/{mission.pk}/" in page(client.get("/capacity/missions/"))


# --- the secretariat's forms and their rules -------------------------------------------------


def project_data(member, **changes):
    data = {
        "code": "CB-NEW",
        "title": "Risk management",
        "description": "",
        "status": ProjectStatus.PIPELINE,
        "start": "2024-01-01",
        "end": "",
        "currency": "EUR",
        "budget": "500000",
        "beneficiaries": [member.pk],
        "commitments": [],
        "sdgs": [],
        "strategic_plan": "Strategic plan 2024-2028",
        "not_aligned_reason": "",
    }
    data.update(changes)
    return data


def test_an_active_project_without_a_funder_is_a_form_error_and_nothing_is_saved(
    client, fra, secretariat_user
):
    client.force_login(secretariat_user)
    response = client.post(
        "/capacity/projects/new/", project_data(fra, status=ProjectStatus.ACTIVE)
    )
    assert "An active project has at least one funder" in page(response)
    assert not Project.objects.exists()
    response = client.post(
        "/capacity/projects/new/", project_data(fra, status=ProjectStatus.ACTIVE, beneficiaries=[])
    )
    html = page(response)
    assert "An active project names at least one beneficiary member." in html
    assert not Project.objects.exists()


def test_the_secretariat_records_a_project_funds_it_then_activates_it(
    client, fra, secretariat_user
):
    client.force_login(secretariat_user)
    response = client.post("/capacity/projects/new/", project_data(fra, sdgs=["16"]))
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == f"/capacity/projects/{project.pk}/"
    assert list(project.beneficiaries.all()) == [fra] and project.created_by == secretariat_user
    donor = DonorFactory()
    funding = {
        "project": project.pk,
        "donor": donor.pk,
        "year": "2024",
        "committed": "100000",
        "disbursed": "150000",
        "committed_eur": "100000",
        "disbursed_eur": "150000",
    }
    response = client.post("/capacity/fundings/new/", funding)
    assert "The amount disbursed cannot exceed the amount committed." in page(response)
    response = client.post(
        "/capacity/fundings/new/", {**funding, "disbursed": "50000", "disbursed_eur": "50000"}
    )
    assert response.status_code == 302 and not Funding.objects.filter(disbursed=150000).exists()
    edit = f"/capacity/projects/{project.pk}/edit/"
    response = client.post(edit, project_data(fra, sdgs=["16"], status=ProjectStatus.ACTIVE))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    html = page(client.get(f"/capacity/projects/{project.pk}/"))
    assert donor.name in html and "SDG 16" in html
    # Closing without an evaluation: refused, the project stays active.
    response = client.post(edit, project_data(fra, status=ProjectStatus.CLOSED, end="2024-12-31"))
    assert "A project cannot close without an evaluation" in page(response)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE


def test_evaluation_rules_show_on_the_form(client, secretariat_user):
    pipeline = ProjectFactory()
    client.force_login(secretariat_user)
    data = {
        "project": pipeline.pk,
        "evaluated_on": "2024-06-01",
        "evaluator": "Evaluation office",
        **dict.fromkeys(Evaluation.CRITERIA, "3"),
        "evidence": "Interviews.",
        "summary": "",
    }
    response = client.post("/capacity/evaluations/new/", data)
    assert response.status_code == 200 and not Evaluation.objects.exists()
    project = ActiveProjectFactory()
    response = client.post("/capacity/evaluations/new/", {**data, "project": project.pk})
    evaluation = Evaluation.objects.get()
    assert response.url == f"/capacity/evaluations/{evaluation.pk}/"
    response = client.post("/capacity/evaluations/new/", {**data, "project": project.pk})
    assert "This project has an evaluation of that day." in page(response)


def test_the_secretariat_records_donors_missions_recommendations_and_reviews(
    client, fra, secretariat_user
):
    client.force_login(secretariat_user)
    response = client.post("/capacity/donors/new/", {"name": "Agency", "kind": "bilateral"})
    assert "A bilateral donor is a country" in page(response)
    response = client.post(
        "/capacity/donors/new/", {"name": "Agency", "kind": "bilateral", "country": "jpn"}
    )
    assert response.status_code == 302 and Donor.objects.get().country == "JPN"
    response = client.post(
        "/capacity/missions/new/",
        {
            "member": fra.pk,
            "tool": "pmm",
            "start": "2024-03-01",
            "end": "2024-02-01",
            "confidentiality": "restricted",
        },
    )
    assert "A mission cannot end before it starts." in page(response)
    response = client.post(
        "/capacity/missions/new/",
        {
            "member": fra.pk,
            "tool": "pmm",
            "start": "2024-03-01",
            "end": "2024-03-10",
            "confidentiality": "restricted",
        },
    )
    mission = DiagnosticMission.objects.get()
    assert response.status_code == 302 and mission.confidentiality == Confidentiality.RESTRICTED
    recommendation = {
        "mission": mission.pk,
        "text": "Set up a post-clearance audit unit.",
        "area": area("facilitation").pk,
        "priority": "high",
        "owner": "Audit directorate",
        "due": "2024-01-01",
        "follow_up": "open",
    }
    response = client.post("/capacity/recommendations/new/", recommendation)
    assert "A recommendation falls due after the mission that made it." in page(response)
    response = client.post(
        "/capacity/recommendations/new/", {**recommendation, "due": "2025-01-01"}
    )
    assert response.status_code == 302 and Recommendation.objects.get().member == fra
    review = {
        "instrument": instrument("RKC").pk,
        "reviewed_on": "2024-01-01",
        "relevance": "5",
        "impact": "3",
        "evidence": "Survey.",
        "reviewer": "Committee",
    }
    assert client.post("/capacity/reviews/new/", review).status_code == 200
    response = client.post("/capacity/reviews/new/", {**review, "relevance": "4"})
    assert response.status_code == 302 and InstrumentReview.objects.count() == 1


# --- members' submissions and the workflow ---------------------------------------------------


def test_a_member_reports_its_uptake_and_the_rules_show_on_the_form(client, fra, fra_user):
    client.force_login(fra_user)
    data = {"instrument": instrument("SAFE").pk, "uptake": Uptake.ACCEDED, "since": "2010-01-01"}
    response = client.post("/capacity/uptakes/new/", data)
    assert "Members accede to conventions" in page(response)
    response = client.post("/capacity/uptakes/new/", {**data, "uptake": Uptake.APPLIED})
    uptake = InstrumentUptake.objects.get()
    assert response.url == f"/capacity/uptakes/{uptake.pk}/" and uptake.member == fra
    response = client.post("/capacity/uptakes/new/", {**data, "uptake": Uptake.APPLIED})
    assert "update that record" in page(response)


def test_a_member_reports_training_submits_it_and_the_secretariat_publishes(
    client, fra, fra_user, secretariat_user
):
    client.force_login(fra_user)
    data = {
        "title": "Risk management e-learning",
        "area": area("facilitation").pk,
        "modality": "e_learning",
        "start": "2024-03-01",
        "end": "2024-02-01",
        "participants": "40",
        "hours": "12",
    }
    response = client.post("/capacity/training/new/", data)
    assert "An activity cannot end before it starts." in page(response)
    response = client.post("/capacity/training/new/", {**data, "end": "2024-03-31"})
    activity = TrainingActivity.objects.get()
    url = f"/capacity/training/{activity.pk}/"
    assert response.url == url
    html = page(client.get(url))
    assert f'href="{url}edit/"' in html and "Submit to the secretariat" in html
    client.post(f"{url}submit/")
    client.force_login(secretariat_user)
    client.post(f"{url}validate/")
    client.post(f"{url}publish/")
    activity.refresh_from_db()
    assert activity.status == WorkflowStatus.PUBLISHED
    client.logout()
    assert url in page(client.get("/capacity/training/"))


def test_another_members_published_record_is_seen_but_not_edited(client, deu, fra_user):
    uptake = published(InstrumentUptakeFactory, member=deu)
    client.force_login(fra_user)
    assert page(client.get(f"/capacity/uptakes/{uptake.pk}/"))
    assert client.get(f"/capacity/uptakes/{uptake.pk}/edit/").status_code == 403
    response = client.post(f"/capacity/uptakes/{uptake.pk}/submit/", follow=True)
    assert messages_of(response)


def test_lists_filter_and_search(client, fra, deu):
    ActiveProjectFactory(code="CB-FRA", title="Post-clearance audit", beneficiaries=[fra])
    ActiveProjectFactory(code="CB-DEU", title="Risk management", beneficiaries=[deu])
    ProjectFactory(code="CB-PIPE", title="Pipeline")
    response = client.get("/capacity/projects/?member=fra")
    assert [p.code for p in response.context["object_list"]] == ["CB-FRA"]
    response = client.get("/capacity/projects/?q=risk")
    assert [p.code for p in response.context["object_list"]] == ["CB-DEU"]
    response = client.get("/capacity/projects/?status=pipeline")
    assert [p.code for p in response.context["object_list"]] == ["CB-PIPE"]
    html = page(client.get("/capacity/projects/"))
    assert '<select name="region"' in html and '<select name="sdg"' in html
    assert 'type="checkbox" name="status"' in html


def test_a_bad_filter_on_a_list_is_a_form_error_not_a_500(client):
    for path in (
        "/capacity/projects/?sdg=x&active_on=soon&status=flying&donor=x",
        "/capacity/donors/?kind=x",
        "/capacity/fundings/?year=x&project=y",
        "/capacity/missions/?tool=x&started_after=never",
        "/capacity/recommendations/?overdue_on=x&follow_up=y&mission=z",
        "/capacity/evaluations/?evaluated_after=x",
        "/capacity/instruments/?kind=x",
        "/capacity/reviews/?reviewed_before=x",
        "/capacity/uptakes/?uptake=x&status=y",
        "/capacity/training/?modality=x&project=y",
    ):
        assert client.get(path).status_code == 200, path


# --- query counts ----------------------------------------------------------------------------


def add_projects(rows, fra):
    donor = DonorFactory()
    for i in range(rows):
        project = ActiveProjectFactory(
            beneficiaries=[fra, MemberFactory()], funded_by=[donor], sdgs=[i % 17 + 1]
        )
        FundingFactory(project=project, donor=DonorFactory(), year=2024)


def add_missions(rows, fra):
    for i in range(rows):
        mission = DiagnosticMissionFactory(
            member=fra if i % 2 else MemberFactory(),
            confidentiality=Confidentiality.PUBLIC if i % 3 else Confidentiality.RESTRICTED,
        )
        RecommendationFactory(mission=mission)
        RecommendationFactory(mission=mission, follow_up=FollowUp.DONE, done_on=date(2024, 1, 1))
        if i % 4 == 0:
            assign_perm("view_diagnosticmission", fra.group, mission)


def add_evaluations(rows, fra):
    for _ in range(rows):
        EvaluationFactory()


def add_uptakes(rows, fra):
    if not InstrumentUptake.objects.filter(member=fra).exists():
        InstrumentUptakeFactory(member=fra)
    for _ in range(rows):
        published(InstrumentUptakeFactory)
        InstrumentUptakeFactory()


def add_everything(rows, fra):
    add_projects(rows, fra)
    add_missions(rows, fra)
    add_evaluations(rows, fra)


# The registers' lists are measured for every register in core/tests/test_registers.py; the
# instruments' (reference data, with counts of uptakes and reviews) and the figures' pages here.
LIST_CASES = [
    ("/capacity/instruments/", add_uptakes),
    ("/capacity/follow-up/", add_missions),
    ("/capacity/coordination/", add_everything),
    ("/capacity/", add_everything),
]


def count_queries(client, path, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.logout()
    login(client, user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("who", ["secretariat", "owner", "anonymous"])
@pytest.mark.parametrize(("path", "add"), LIST_CASES)
def test_pages_cost_the_same_for_3_and_30_rows(
    client, django_assert_max_num_queries, users, fra, who, path, add
):
    user = users[who]
    add(3, fra)
    few, _ = count_queries(client, path, user)
    add(27, fra)
    client.logout()
    login(client, user)
    with django_assert_max_num_queries(few):
        response = client.get(path)
    assert response.status_code == 200


def test_a_change_of_a_projects_beneficiaries_shows_in_its_history(
    client, fra, deu, secretariat_user
):
    client.force_login(secretariat_user)
    client.post("/capacity/projects/new/", project_data(fra))
    project = Project.objects.get()
    response = client.post(
        f"/capacity/projects/{project.pk}/edit/", project_data(fra, beneficiaries=[fra.pk, deu.pk])
    )
    assert response.status_code == 302
    html = page(client.get(f"/capacity/projects/{project.pk}/"))
    assert "<b>beneficiaries</b>: France (FRA) → France (FRA), Germany (DEU)" in html
    latest = project.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == secretariat_user


def test_a_confidential_missions_need_shows_not_to_the_secretariat_it_was_not_named_to(
    client, secretariat_user, fra
):
    mission = DiagnosticMissionFactory(member=fra, confidentiality=Confidentiality.CONFIDENTIAL)
    RecommendationFactory(mission=mission, text=SECRET, priority="high")
    client.force_login(secretariat_user)
    for path in ("/capacity/", "/capacity/coordination/"):
        response = client.get(path)
        assert SECRET not in page(response), path
        assert (response.context["gaps"], response.context["hidden_needs"]) == ([], 1)


def test_a_members_level_need_shows_to_member_users_only(client, users, fra):
    RecommendationFactory(
        mission=DiagnosticMissionFactory(member=fra, confidentiality=Confidentiality.MEMBERS),
        text=SECRET,
        priority="high",
    )
    for who, sees in [("other", True), ("council", True), ("anonymous", False)]:
        client.logout()
        login(client, users[who])
        response = client.get("/capacity/coordination/")
        assert (SECRET in page(response)) == sees, who
        assert response.context["hidden_needs"] == (0 if sees else 1)


@pytest.mark.parametrize(
    "path",
    [
        "/capacity/coordination/?end=9999-12-31",
        "/capacity/coordination/?start=0001-01-01",
        "/capacity/follow-up/?at=9999-12-31",
    ],
)
def test_a_day_out_of_the_platforms_range_is_a_form_error(client, path):
    response = client.get(path)
    assert "Give a date between" in page(response)
    assert not response.context["form"].is_valid()
