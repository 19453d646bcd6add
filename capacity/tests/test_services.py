"""Donor coordination, follow-up, evaluation and funding figures, and the computed indicators.

The gaps read every area's needs through core's registry; these tests may create facilitation
records (the capacity app itself never imports facilitation)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from capacity import services
from capacity.choices import FollowUp, Priority
from capacity.tests.factories import (
    ActiveProjectFactory,
    DiagnosticMissionFactory,
    DonorFactory,
    EvaluationFactory,
    FundingFactory,
    ProjectFactory,
    RecommendationFactory,
)
from core.models import Region
from core.registry import compute, needs
from core.tests.factories import MemberFactory
from core.tests.helpers import publish_on
from facilitation.tests.factories import TFANotificationFactory, measure

pytestmark = pytest.mark.django_db

DAY = date(2024, 6, 1)


def category_c_notification(member, **kwargs):
    return publish_on(
        TFANotificationFactory(
            member=member,
            category="C",
            definitive_date=date(2027, 6, 30),
            assistance_needed="Risk-management system and training of 40 officers.",
            **kwargs,
        ),
        date(2023, 1, 1),
    )


# --- the boundary between apps -------------------------------------------------------------


def test_capacity_never_imports_another_area_app():
    root = Path(__file__).resolve().parents[1]
    sources = [p for p in root.rglob("*.py") if "tests" not in p.parts]
    for path in sources:
        text = path.read_text()
        for other in ("facilitation", "governance", "security", "cooperation"):
            assert f"from {other}" not in text and f"import {other}" not in text, path


# --- overlaps -------------------------------------------------------------------------------


def test_two_donors_funding_projects_in_the_same_area_at_once_overlap():
    fra = MemberFactory(code="FRA")
    jica, eu = DonorFactory(name="JICA"), DonorFactory(name="European Union", kind="multilateral")
    ActiveProjectFactory(code="P-1", beneficiaries=[fra], funded_by=[jica])
    ActiveProjectFactory(code="P-2", beneficiaries=[fra], funded_by=[eu], start=date(2024, 1, 1))
    found = services.overlaps(DAY)
    assert found == [
        {
            "member": "FRA",
            "member_name": fra.name,
            "area": "facilitation",
            "donors": ["European Union", "JICA"],
            "projects": ["P-1", "P-2"],
        }
    ]


def test_no_overlap_in_other_areas_at_other_times_or_by_one_donor():
    fra = MemberFactory(code="FRA")
    jica, eu = DonorFactory(name="JICA"), DonorFactory(name="EU", kind="multilateral")
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[jica])
    # Another area: security.
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[eu], commitments=["SEC-1"])
    # The same donor twice in one area is not two donors.
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[jica])
    assert services.overlaps(DAY) == []
    # The same area, but starting after the first ended: no common day.
    later = MemberFactory(code="DEU")
    ActiveProjectFactory(beneficiaries=[later], funded_by=[jica], end=date(2023, 12, 31))
    ActiveProjectFactory(beneficiaries=[later], funded_by=[eu], start=date(2024, 1, 1))
    assert services.overlaps(date(2023, 6, 1), date(2024, 6, 1)) == []


def test_donors_co_funding_one_project_are_not_an_overlap():
    fra = MemberFactory(code="FRA")
    ActiveProjectFactory(beneficiaries=[fra], funded_by=[DonorFactory(), DonorFactory()])
    assert services.overlaps(DAY) == []


def test_pipeline_projects_do_not_overlap():
    fra = MemberFactory(code="FRA")
    ActiveProjectFactory(beneficiaries=[fra])
    ProjectFactory(beneficiaries=[fra], commitments=["TF-1"], funded_by=DonorFactory())
    assert services.overlaps(DAY) == []


# --- gaps -----------------------------------------------------------------------------------


def test_an_open_high_priority_recommendation_is_a_need_until_a_project_covers_it():
    fra = MemberFactory(code="FRA")
    recommendation = RecommendationFactory(mission=DiagnosticMissionFactory(member=fra))
    RecommendationFactory(mission=recommendation.mission, priority=Priority.MEDIUM)
    [(member, [need])] = services.gaps(DAY)
    assert (member, need.kind, need.reference, need.area_code) == (
        fra,
        "recommendation",
        str(recommendation.pk),
        "facilitation",
    )
    assert need.public is False  # the mission is restricted
    # A project serving security does not cover a facilitation need.
    ActiveProjectFactory(beneficiaries=[fra], commitments=["SEC-1"])
    assert len(services.gaps(DAY)) == 1
    ActiveProjectFactory(beneficiaries=[fra], commitments=["TF-2"])
    assert services.gaps(DAY) == []


def test_a_done_recommendation_is_no_longer_a_need():
    recommendation = RecommendationFactory(follow_up=FollowUp.DONE, done_on=date(2024, 3, 1))
    assert services.gaps(date(2024, 2, 1)) != []
    assert services.gaps(DAY) == []
    recommendation.follow_up, recommendation.done_on = FollowUp.DROPPED, None
    recommendation.save()
    assert services.gaps(date(2024, 2, 1)) == []


def test_a_category_c_measure_is_a_need_until_a_project_covers_it():
    fra = MemberFactory(code="FRA")
    category_c_notification(fra)
    [(member, [need])] = services.gaps(DAY)
    assert (member.code, need.kind, need.reference, need.area_code) == (
        "FRA",
        "tfa_category_c",
        "7.4",
        "facilitation",
    )
    assert "Risk-management system" in need.label and need.public
    ActiveProjectFactory(beneficiaries=[fra], commitments=["TF-1"])
    assert services.gaps(DAY) == []


def test_a_category_c_need_is_counted_from_publication_until_implementation():
    fra = MemberFactory(code="FRA")
    draft = TFANotificationFactory(
        member=fra, category="C", definitive_date=date(2027, 6, 30), assistance_needed="Training"
    )
    assert needs(DAY) == []  # not published
    publish_on(draft, date(2023, 1, 1))
    assert [n.kind for n in needs(DAY)] == ["tfa_category_c"]
    assert needs(date(2022, 12, 1)) == []  # published later
    publish_on(TFANotificationFactory(member=fra, measure=measure("1.1")))  # category B
    assert len(needs(DAY)) == 1
    draft.implemented_on = date(2024, 1, 15)
    draft.save()
    assert needs(DAY) == []
    assert len(needs(date(2024, 1, 1))) == 1


def test_a_project_covers_a_need_only_while_it_runs():
    fra = MemberFactory(code="FRA")
    category_c_notification(fra)
    ActiveProjectFactory(beneficiaries=[fra], start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert services.gaps(date(2024, 6, 1)) == []
    assert len(services.gaps(date(2023, 6, 1))) == 1
    assert len(services.gaps(date(2025, 6, 1))) == 1


# --- follow-up ------------------------------------------------------------------------------


def test_the_follow_up_rate_counts_what_was_due_and_done_by_the_day():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    mission = DiagnosticMissionFactory(member=fra)
    due = {"mission": mission, "due": date(2024, 3, 31)}
    RecommendationFactory(**due, follow_up=FollowUp.DONE, done_on=date(2024, 5, 1))
    RecommendationFactory(**due, follow_up=FollowUp.DONE, done_on=date(2024, 8, 1))
    RecommendationFactory(**due, follow_up=FollowUp.IN_PROGRESS)
    RecommendationFactory(**due, follow_up=FollowUp.DROPPED)  # not counted
    RecommendationFactory(mission=mission, due=date(2025, 1, 1))  # not yet due
    RecommendationFactory(mission=DiagnosticMissionFactory(member=deu), due=date(2024, 1, 1))
    overall = services.follow_up(DAY)
    # Due: FRA's three (done on 1 May, done in August, in progress) and DEU's one.
    assert (overall.due, overall.done, overall.rate) == (4, 1, 25.0)
    # Overdue on the day: the one done in August, the one in progress, DEU's.
    assert overall.overdue == 3
    by_member = {m.code: f for m, f in services.follow_up_by_member(DAY)}
    assert (by_member["FRA"].due, by_member["FRA"].done, by_member["FRA"].rate) == (3, 1, 33.3)
    assert by_member["DEU"].rate == 0.0
    assert services.follow_up(date(2024, 9, 1)).done == 2
    assert compute("computed:capacity.recommendations_followed_up", DAY) == 25.0


def test_nothing_due_gives_no_rate():
    assert services.follow_up(DAY).rate is None
    assert compute("computed:capacity.recommendations_followed_up", DAY) is None


def test_overdue_recommendations_longest_first():
    mission = DiagnosticMissionFactory()
    late = RecommendationFactory(mission=mission, due=date(2023, 6, 1))
    later = RecommendationFactory(mission=mission, due=date(2024, 1, 1))
    RecommendationFactory(mission=mission, due=date(2024, 12, 1))
    assert list(services.overdue_recommendations(DAY)) == [late, later]
    assert late.is_overdue_on(DAY) and not late.is_overdue_on(date(2023, 5, 1))


# --- projects: alignment and evaluation ----------------------------------------------------


def test_the_share_of_running_projects_aligned_with_a_strategic_plan():
    ActiveProjectFactory()
    ActiveProjectFactory(strategic_plan="", not_aligned_reason="Regional project, no plan")
    ActiveProjectFactory(start=date(2025, 1, 1))  # not yet running on the day
    ProjectFactory()  # pipeline
    assert compute("computed:capacity.active_projects_aligned", DAY) == 50.0
    assert services.active_projects_aligned(date(2020, 1, 1)) is None


def test_the_share_of_ended_projects_evaluated_and_mean_scores():
    evaluated = ActiveProjectFactory(end=date(2024, 3, 31))
    EvaluationFactory(project=evaluated, evaluated_on=date(2024, 4, 15))
    ActiveProjectFactory(end=date(2024, 3, 31))  # ended, awaiting its evaluation
    ActiveProjectFactory(end=None)  # still running
    assert compute("computed:capacity.ended_projects_evaluated", DAY) == 50.0
    assert services.ended_projects_evaluated(date(2024, 4, 1)) == 0.0
    scores = services.mean_scores(evaluated.evaluations.all())
    assert scores["relevance"] == 4 and scores["sustainability"] == 2


# --- funding --------------------------------------------------------------------------------


def test_funding_per_donor_year_area_region_and_sdg():
    ken = MemberFactory(code="KEN", region=Region.objects.get(code="ESA"))
    fra = MemberFactory(code="FRA")
    jica = DonorFactory(name="JICA")
    project = ActiveProjectFactory(
        beneficiaries=[ken, fra], commitments=["TF-1", "CB-2"], sdgs=[16, 17], funded_by=[]
    )
    FundingFactory(project=project, donor=jica, year=2023)
    FundingFactory(
        project=project,
        donor=jica,
        year=2024,
        committed=Decimal("50000"),
        disbursed=Decimal("50000"),
        committed_eur=Decimal("50000"),
        disbursed_eur=Decimal("50000"),
    )
    usd = ActiveProjectFactory(
        currency="USD", beneficiaries=[fra], commitments=["TF-1"], funded_by=[]
    )
    FundingFactory(
        project=usd,
        donor=DonorFactory(name="World Bank", kind="multilateral", country=""),
        year=2024,
        committed=Decimal("110000"),
        disbursed=Decimal("11000"),
        committed_eur=Decimal("100000"),
        disbursed_eur=Decimal("10000"),
    )
    figures = services.funding_breakdown()
    assert (figures["committed_eur"], figures["disbursed_eur"]) == (250000, 100000)
    assert [(r["name"], r["disbursed_eur"]) for r in figures["by_donor"]] == [
        ("JICA", 90000),
        ("World Bank", 10000),
    ]
    assert [(r["year"], r["committed_eur"]) for r in figures["by_year"]] == [
        (2023, 100000),
        (2024, 150000),
    ]
    areas = {r["code"]: r["disbursed_eur"] for r in figures["by_area"]}
    assert areas == {
        "governance": 0,
        "facilitation": 100000,
        "security": 0,
        "capacity": 90000,
        "cooperation": 0,
    }
    regions = {r["code"]: (r["disbursed_eur"], r["projects"]) for r in figures["by_region"]}
    assert regions["ESA"] == (90000, 1) and regions["EUR"] == (100000, 2)
    sdgs = {r["code"]: r["disbursed_eur"] for r in figures["by_sdg"]}
    assert sdgs[16] == sdgs[17] == 90000 and sdgs[1] == 0
    only_2024 = services.funding_breakdown(2024, 2024)
    assert only_2024["committed_eur"] == 150000
    # CB-3.2 counts each euro of an SDG project once, up to the day's year.
    assert compute("computed:capacity.sdg_funding_disbursed", date(2023, 12, 31)) == 40000
    assert compute("computed:capacity.sdg_funding_disbursed", DAY) == 90000
    by_goal = {sdg.number: amount for sdg, amount in services.sdg_funding_by_goal(DAY)}
    assert by_goal[16] == 90000 and by_goal[3] == 0


def test_needs_come_from_every_area_through_the_registry():
    from core.registry import needs_sources

    assert {"capacity.recommendations", "facilitation.tfa_category_c"} <= set(needs_sources())


def test_the_periodic_task_records_the_capacity_indicators():
    from core.computed import record_computed_indicators

    ActiveProjectFactory(sdgs=[16], start=date(2023, 1, 1))
    recorded = {m.indicator.code: m.value for m in record_computed_indicators(date(2024, 6, 1))}
    assert recorded["CB-2.1"] == 100
    assert recorded["CB-3.2"] == 40000
    # Nothing ended and nothing due yet: no value rather than a made-up one.
    assert "CB-1.1" not in recorded and "CB-1.2" not in recorded
