"""The capacity-building rules, on the models: what each refuses, in clean() and in the
database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from capacity import services
from capacity.choices import FollowUp, ProjectStatus, Uptake
from capacity.models import SDG, Instrument, Project
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
    commitment,
    instrument,
)
from core.models import Indicator, Measurement
from core.tests.factories import MemberFactory
from core.tests.helpers import refused

pytestmark = pytest.mark.django_db


def database_refuses(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


# --- reference data -------------------------------------------------------------------------


def test_the_17_sdgs_and_the_wco_instruments_are_loaded():
    assert list(SDG.objects.values_list("number", flat=True)) == list(range(1, 18))
    assert SDG.objects.get(number=16).title == "Peace, justice and strong institutions"
    assert Instrument.objects.get(code="RKC").kind == "convention"
    assert Instrument.objects.count() == 12


def test_cb_indicators_are_computed_and_cb_3_1_stays_manual():
    sources = dict(Indicator.objects.filter(code__startswith="CB-").values_list("code", "source"))
    assert sources == {
        "CB-1.1": "computed:capacity.ended_projects_evaluated",
        "CB-1.2": "computed:capacity.recommendations_followed_up",
        "CB-2.1": "computed:capacity.active_projects_aligned",
        "CB-3.1": "manual",
        "CB-3.2": "computed:capacity.sdg_funding_disbursed",
    }
    assert not Measurement.objects.filter(indicator__code__in=["CB-1.1", "CB-2.1"]).exists()


# --- donors ---------------------------------------------------------------------------------


def test_a_bilateral_donor_names_its_country_by_iso_code():
    assert "country" in refused(DonorFactory.build(kind="bilateral", country=""))
    assert "country" in refused(DonorFactory.build(kind="bilateral", country="Japan"))
    database_refuses(DonorFactory.build(kind="bilateral", country=""))
    foundation = DonorFactory.build(kind="foundation", country="")
    foundation.full_clean()
    donor = DonorFactory.build(country="jpn")
    donor.full_clean()
    assert donor.country == "JPN"


# --- projects -------------------------------------------------------------------------------


def test_a_project_does_not_end_before_it_starts():
    project = ProjectFactory.build(start=date(2024, 1, 1), end=date(2023, 1, 1))
    assert "end" in refused(project)
    database_refuses(project)


def test_a_closed_project_has_an_end_date():
    project = ProjectFactory.build(status=ProjectStatus.CLOSED, end=None)
    assert "end" in refused(project)
    database_refuses(project)


def test_a_project_cannot_close_without_an_evaluation():
    project = ActiveProjectFactory(end=date(2025, 6, 30))
    with pytest.raises(ValidationError) as error:
        services.close(project, date(2025, 6, 30))
    assert "evaluation" in error.value.message_dict["status"][0]
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.ACTIVE
    EvaluationFactory(project=project, evaluated_on=date(2025, 5, 1))
    services.close(project, date(2025, 6, 30))
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.CLOSED


def test_a_project_closes_once_it_has_ended():
    project = ActiveProjectFactory(end=None)
    EvaluationFactory(project=project)
    with pytest.raises(ValidationError) as error:
        services.close(project, date.today() + timedelta(days=30))
    assert "end" in error.value.message_dict


def test_a_running_project_names_its_strategic_plan_or_why_not():
    project = ProjectFactory.build(
        status=ProjectStatus.ACTIVE, strategic_plan="", not_aligned_reason=""
    )
    assert "strategic_plan" in refused(project)
    database_refuses(project)
    # In the pipeline, it may not know yet.
    ProjectFactory.build(strategic_plan="", not_aligned_reason="").full_clean()
    ProjectFactory.build(
        status=ProjectStatus.PIPELINE, strategic_plan="", not_aligned_reason="Regional project"
    ).full_clean()


def test_a_project_is_aligned_or_says_why_not_never_both():
    project = ProjectFactory.build(not_aligned_reason="No plan yet")
    assert "not_aligned_reason" in refused(project)
    database_refuses(project)


def test_a_project_currency_is_an_iso_4217_code():
    assert "currency" in refused(ProjectFactory.build(currency="EURO"))
    database_refuses(ProjectFactory.build(currency="eu1"))
    project = ProjectFactory.build(currency="usd")
    project.full_clean()
    assert project.currency == "USD"


def test_an_active_project_names_a_beneficiary_and_a_funder():
    project = ProjectFactory(strategic_plan="Plan 2024-2028")
    with pytest.raises(ValidationError) as error:
        services.activate(project)
    assert set(error.value.message_dict) == {"beneficiaries", "status"}
    project.beneficiaries.add(MemberFactory())
    with pytest.raises(ValidationError) as error:
        services.activate(project)
    assert "funder" in error.value.message_dict["status"][0]
    FundingFactory(project=project)
    services.activate(project)
    assert project.status == ProjectStatus.ACTIVE


def test_the_last_funder_of_an_active_project_cannot_be_withdrawn():
    project = ActiveProjectFactory()
    funding = project.fundings.get()
    with pytest.raises(ValidationError), transaction.atomic():
        services.withdraw_funding(funding)
    assert project.fundings.exists()
    second = FundingFactory(project=project, year=2024)
    services.withdraw_funding(second)
    assert project.fundings.count() == 1


def test_projects_running_on_a_day():
    running = ActiveProjectFactory(start=date(2023, 1, 1), end=None)
    closed = ActiveProjectFactory(start=date(2020, 1, 1), end=date(2022, 12, 31))
    EvaluationFactory(project=closed, evaluated_on=date(2022, 11, 1))
    services.close(closed, date(2022, 12, 31))
    ProjectFactory(start=date(2021, 1, 1))  # pipeline: never ran
    assert set(Project.objects.active_on(date(2022, 6, 1))) == {closed}
    assert set(Project.objects.active_on(date(2024, 6, 1))) == {running}
    assert set(Project.objects.active_between(date(2022, 6, 1), date(2023, 6, 1))) == {
        running,
        closed,
    }


# --- funding --------------------------------------------------------------------------------


def test_disbursed_never_exceeds_committed():
    funding = FundingFactory.build(
        project=ProjectFactory(), donor=DonorFactory(), disbursed=Decimal("200000")
    )
    assert "disbursed" in refused(funding)
    database_refuses(funding)
    in_euros = FundingFactory.build(
        project=ProjectFactory(currency="USD"),
        donor=DonorFactory(),
        committed_eur=Decimal("90000"),
        disbursed_eur=Decimal("95000"),
    )
    assert "disbursed_eur" in refused(in_euros)
    database_refuses(in_euros)


def test_one_funding_row_per_project_donor_and_year():
    first = FundingFactory()
    again = FundingFactory.build(project=first.project, donor=first.donor, year=first.year)
    assert "year" in refused(again)
    database_refuses(again)


def test_a_project_in_euros_has_the_same_amounts_in_euros():
    funding = FundingFactory.build(
        project=ProjectFactory(currency="EUR"), donor=DonorFactory(), committed_eur=Decimal("1")
    )
    assert "committed_eur" in refused(funding)


def test_funding_amounts_in_euros_are_given():
    funding = FundingFactory.build(
        project=ProjectFactory(currency="USD"), donor=DonorFactory(), committed_eur=None
    )
    assert "committed_eur" in refused(funding)


def test_a_funding_year_is_plausible():
    assert "year" in refused(FundingFactory.build(project=ProjectFactory(), year=1850))


# --- diagnostics ----------------------------------------------------------------------------


def test_a_mission_does_not_end_before_it_starts_and_is_restricted_by_default():
    mission = DiagnosticMissionFactory.build(
        member=MemberFactory(), start=date(2024, 3, 1), end=date(2024, 2, 1)
    )
    assert "end" in refused(mission)
    database_refuses(mission)
    assert DiagnosticMissionFactory().confidentiality == "restricted"


def test_a_recommendation_is_its_missions_members():
    recommendation = RecommendationFactory()
    assert recommendation.member_id == recommendation.mission.member_id
    stray = RecommendationFactory.build(mission=recommendation.mission, member=MemberFactory())
    assert "member" in refused(stray)


def test_a_done_recommendation_has_its_date_and_only_then():
    mission = DiagnosticMissionFactory()
    done = RecommendationFactory.build(mission=mission, follow_up=FollowUp.DONE, done_on=None)
    assert "done_on" in refused(done)
    database_refuses(done)
    open_with_date = RecommendationFactory.build(mission=mission, done_on=date(2024, 1, 1))
    assert "done_on" in refused(open_with_date)
    database_refuses(open_with_date)


def test_a_recommendation_falls_due_and_is_done_after_its_mission():
    mission = DiagnosticMissionFactory(start=date(2023, 3, 6))
    early = RecommendationFactory.build(mission=mission, due=date(2023, 1, 1))
    assert "due" in refused(early)
    done_early = RecommendationFactory.build(
        mission=mission, follow_up=FollowUp.DONE, done_on=date(2022, 12, 1)
    )
    assert "done_on" in refused(done_early)
    done_later = RecommendationFactory.build(
        mission=mission, follow_up=FollowUp.DONE, done_on=date.today() + timedelta(days=2)
    )
    assert "done_on" in refused(done_later)


def test_a_member_changes_only_the_follow_up_of_a_recommendation(fra_user, secretariat_user):
    from capacity.models import Recommendation

    Recommendation.check_change(fra_user, ["follow_up", "done_on"])
    with pytest.raises(PermissionDenied, match="text"):
        Recommendation.check_change(fra_user, ["follow_up", "text"])
    with pytest.raises(PermissionDenied):
        Recommendation.check_change(fra_user)
    Recommendation.check_change(secretariat_user, ["text", "due"])
    Recommendation.check_change(secretariat_user)


# --- evaluation -----------------------------------------------------------------------------


@pytest.mark.parametrize("criterion", ["relevance", "coherence", "impact", "sustainability"])
@pytest.mark.parametrize("score", [0, 5])
def test_each_dac_criterion_scores_from_1_to_4(criterion, score):
    evaluation = EvaluationFactory.build(project=ActiveProjectFactory(), **{criterion: score})
    assert criterion in refused(evaluation)
    database_refuses(evaluation)


def test_an_evaluation_has_evidence_and_comes_after_the_start():
    project = ActiveProjectFactory(start=date(2023, 1, 1))
    assert "evidence" in refused(EvaluationFactory.build(project=project, evidence=" "))
    early = EvaluationFactory.build(project=project, evaluated_on=date(2022, 6, 1))
    assert "evaluated_on" in refused(early)
    future = EvaluationFactory.build(project=project, evaluated_on=date.today() + timedelta(1))
    assert "evaluated_on" in refused(future)


def test_a_pipeline_project_is_not_evaluated():
    assert "project" in refused(EvaluationFactory.build(project=ProjectFactory()))


def test_one_evaluation_a_project_a_day():
    first = EvaluationFactory()
    again = EvaluationFactory.build(project=first.project, evaluated_on=first.evaluated_on)
    assert "evaluated_on" in refused(again)
    database_refuses(again)


def test_a_closed_project_keeps_its_only_evaluation():
    evaluation = EvaluationFactory(project=ActiveProjectFactory(end=date(2025, 6, 30)))
    services.close(evaluation.project, date(2025, 6, 30))
    with pytest.raises(ValidationError):
        services.remove_evaluation(evaluation)
    second = EvaluationFactory(project=evaluation.project, evaluated_on=date(2025, 7, 1))
    services.remove_evaluation(second)
    assert evaluation.project.evaluations.count() == 1


def test_the_mean_score_of_an_evaluation():
    assert EvaluationFactory().mean_score == round((4 + 3 + 3 + 2 + 3 + 2) / 6, 2)


# --- instruments and training ---------------------------------------------------------------


def test_members_accede_to_conventions_and_apply_the_rest():
    member = MemberFactory()
    tool = InstrumentUptakeFactory.build(member=member, instrument=instrument("PMM"))
    assert "uptake" in refused(tool)
    InstrumentUptakeFactory.build(
        member=member, instrument=instrument("PMM"), uptake=Uptake.APPLIED
    ).full_clean()


def test_an_applied_instrument_has_a_date_and_one_not_started_has_none():
    member = MemberFactory()
    applied = InstrumentUptakeFactory.build(member=member, since=None)
    assert "since" in refused(applied)
    database_refuses(applied)
    dated = InstrumentUptakeFactory.build(member=member, uptake=Uptake.NOT_STARTED)
    assert "since" in refused(dated)
    database_refuses(dated)
    future = InstrumentUptakeFactory.build(member=member, since=date.today() + timedelta(1))
    assert "since" in refused(future)


def test_one_uptake_per_member_and_instrument():
    first = InstrumentUptakeFactory()
    again = InstrumentUptakeFactory.build(member=first.member, instrument=first.instrument)
    assert "instrument" in refused(again)
    database_refuses(again)


@pytest.mark.parametrize("field", ["relevance", "impact"])
def test_an_instrument_review_scores_from_1_to_4(field):
    review = InstrumentReviewFactory.build(**{field: 5})
    assert field in refused(review)
    database_refuses(review)


def test_one_review_of_an_instrument_a_day():
    first = InstrumentReviewFactory()
    again = InstrumentReviewFactory.build(
        instrument=first.instrument, reviewed_on=first.reviewed_on
    )
    assert "reviewed_on" in refused(again)
    database_refuses(again)


def test_a_training_activity_has_participants_hours_and_its_dates_in_order():
    member = MemberFactory()
    assert "participants" in refused(TrainingActivityFactory.build(member=member, participants=0))
    database_refuses(TrainingActivityFactory.build(member=member, participants=0))
    assert "hours" in refused(TrainingActivityFactory.build(member=member, hours=Decimal("0")))
    backwards = TrainingActivityFactory.build(member=member, end=date(2024, 9, 1))
    assert "end" in refused(backwards)
    database_refuses(backwards)
    future = TrainingActivityFactory.build(
        member=member, start=date.today() + timedelta(3), end=date.today() + timedelta(4)
    )
    assert "start" in refused(future)


def test_a_training_activity_serves_a_commitment_of_its_area():
    activity = TrainingActivityFactory.build(member=MemberFactory(), commitment=commitment("GOV-1"))
    assert "commitment" in refused(activity)


def test_a_member_reports_an_activity_once():
    first = TrainingActivityFactory()
    again = TrainingActivityFactory.build(member=first.member, title=first.title, start=first.start)
    assert "title" in refused(again)
    database_refuses(again)


def test_a_missions_member_cannot_change_once_recorded(fra, deu):
    mission = DiagnosticMissionFactory(member=fra)
    mission.member = deu
    assert "cannot change" in refused(mission)["member"][0]
    mission.member = fra
    mission.full_clean()


def test_training_is_delivered_under_a_project_that_has_started(fra):
    training = TrainingActivityFactory(member=fra, project=ProjectFactory(code="CB-PIPE"))
    assert "CB-PIPE has not started" in refused(training)["project"][0]
    training.project = ActiveProjectFactory()
    training.full_clean()
