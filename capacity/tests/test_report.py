"""The capacity-building chapter of the transparency report: the figures the API
serves for the same period, aggregates of restricted diagnostics only over five members or more,
the chapter in the PDF; and the registers' demo data."""

import json
from datetime import date, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone
from rest_framework.utils.encoders import JSONEncoder

from capacity import services
from capacity.choices import DonorKind, FollowUp, Modality, Priority, ProjectStatus
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
from capacity.report import capacity_chapter
from capacity.tests.factories import (
    ActiveProjectFactory,
    DiagnosticMissionFactory,
    DonorFactory,
    EvaluationFactory,
    FundingFactory,
    InstrumentReviewFactory,
    InstrumentUptakeFactory,
    RecommendationFactory,
    TrainingActivityFactory,
    area,
)
from core.choices import Confidentiality, WorkflowStatus
from core.models import Measurement, Region
from core.registry import Period
from core.tests.factories import MemberFactory
from core.tests.helpers import pdf_text
from reports import services as report_services
from reports.choices import ReportStatus
from reports.models import ReportSchedule

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 9, 30))
SUMMARY = "/api/v1/capacity/summary/"
SECRET = "Dismantle the smuggling ring at the northern border"


def published(day):
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return {"status": WorkflowStatus.PUBLISHED, "published_at": moment, "status_changed_at": moment}


def fund(project, donor, year, committed, disbursed):
    return FundingFactory(
        project=project,
        donor=donor,
        year=year,
        committed=Decimal(committed),
        disbursed=Decimal(disbursed),
        committed_eur=Decimal(committed),
        disbursed_eur=Decimal(disbursed),
    )


@pytest.fixture
def registers(fra, deu):
    """Five European members. France benefits from two projects in the facilitation area funded
    by two donors at once (an overlap); Germany from a project that ended and was evaluated
    (closed) and one that ended without an evaluation. Each member had a restricted diagnostic
    mission in the period with a recommendation done and a high-priority one overdue: France's
    is covered by its projects, the four others' are gaps. One uptake, a review and a training
    activity are published, another activity is not."""
    members = [fra, deu] + [
        MemberFactory(code=code, name=name)
        for code, name in (("ITA", "Italy"), ("ESP", "Spain"), ("PRT", "Portugal"))
    ]
    japan = DonorFactory(name="Japan agency", kind=DonorKind.BILATERAL, country="JPN")
    union = DonorFactory(name="European Union", kind=DonorKind.MULTILATERAL, country="")
    first = ActiveProjectFactory(
        code="TA-1",
        start=date(2025, 1, 1),
        end=date(2027, 12, 31),
        beneficiaries=[fra],
        commitments=["TF-1"],
        sdgs=[17, 8],
        funded_by=japan,
    )
    fund(first, japan, 2026, "200000.00", "50000.00")
    second = ActiveProjectFactory(
        code="TA-2",
        start=date(2026, 2, 1),
        end=date(2027, 6, 30),
        beneficiaries=[fra],
        commitments=["TF-2"],
        sdgs=[9],
        funded_by=union,
    )
    Funding.objects.filter(project=second).update(committed=300000, committed_eur=300000)
    closed = ActiveProjectFactory(
        code="TA-3",
        start=date(2023, 1, 1),
        end=date(2025, 12, 31),
        beneficiaries=[deu],
        commitments=["CB-2"],
        funded_by=japan,
    )
    EvaluationFactory(project=closed, evaluated_on=date(2026, 3, 1))
    services.close(closed, date(2025, 12, 31))
    ActiveProjectFactory(
        code="TA-4",
        start=date(2024, 1, 1),
        end=date(2026, 6, 30),
        beneficiaries=[deu],
        commitments=["SEC-2"],
        strategic_plan="",
        not_aligned_reason="No strategic plan yet.",
        funded_by=union,
    )
    for member in members:
        mission = DiagnosticMissionFactory(member=member, start=date(2026, 2, 2))
        RecommendationFactory(
            mission=mission,
            text="Publish procedures online",
            priority=Priority.MEDIUM,
            due=date(2026, 6, 30),
            follow_up=FollowUp.DONE,
            done_on=date(2026, 5, 4),
        )
        RecommendationFactory(mission=mission, text=SECRET, due=date(2026, 5, 31))
    InstrumentUptakeFactory(member=fra, **published(date(2026, 2, 1)))
    InstrumentReviewFactory(reviewed_on=date(2026, 3, 1), relevance=4, impact=3)
    TrainingActivityFactory(
        member=fra,
        title="Risk management workshop",
        start=date(2026, 4, 6),
        end=date(2026, 4, 10),
        participants=25,
        hours=Decimal("30.0"),
        **published(date(2026, 5, 1)),
    )
    TrainingActivityFactory(
        member=deu,
        title="Unpublished e-learning course",
        modality=Modality.E_LEARNING,
        start=date(2026, 4, 6),
        end=date(2026, 5, 10),
        status=WorkflowStatus.SUBMITTED,
    )
    return members


def as_json(data):
    """The data as the API's JSON renderer writes it (dates as ISO strings, decimals as
    numbers)."""
    return json.loads(json.dumps(data, cls=JSONEncoder))


def test_the_chapter_has_the_figures_the_api_serves(api, registers, secretariat_user, deu_user):
    figures = capacity_chapter(PERIOD)["figures"]
    query = {"start": PERIOD.start.isoformat(), "end": PERIOD.end.isoformat()}
    for user in (None, deu_user, secretariat_user):
        response = api(user).get(SUMMARY, query)
        assert response.status_code == 200
        assert response.json() == as_json(figures)
    # Not empty: the registers' figures.
    projects = figures["projects"]
    assert (projects["running"], projects["beneficiary_members"]) == (2, 1)
    assert projects["aligned_rate"] == 100.0
    evaluation = figures["evaluation"]
    assert (evaluation["ended"], evaluation["evaluated"], evaluation["rate"]) == (2, 1, 50.0)
    assert evaluation["mean_scores"]["relevance"] == 4
    follow_up = figures["diagnostics"]["follow_up"]
    assert (follow_up["due"], follow_up["done"], follow_up["overdue"]) == (10, 5, 5)
    funding = figures["funding"]
    assert (funding["committed_eur"], funding["disbursed_eur"]) == (
        Decimal("500000.00"),
        Decimal("90000.00"),
    )
    assert figures["coordination"]["overlaps"] == 1
    assert figures["coordination"]["members_with_gaps"] == 4
    assert figures["training"]["activities"] == 1


def test_the_follow_up_by_region_is_given_over_five_members_only(registers):
    europe = next(r for r in capacity_chapter(PERIOD)["follow_up_regions"] if r["region"] == "EUR")
    assert europe == {
        "region": "EUR",
        "name": Region.objects.get(code="EUR").name,
        "members": 5,
        "due": 10,
        "done": 5,
        "overdue": 5,
        "rate": 50.0,
    }
    DiagnosticMission.objects.filter(member__code="PRT").delete()
    europe = next(r for r in capacity_chapter(PERIOD)["follow_up_regions"] if r["region"] == "EUR")
    assert set(europe.values()) == {"EUR", europe["name"], None}


def test_gaps_from_restricted_diagnostics_are_counted_over_five_members_only(registers):
    coordination = capacity_chapter(PERIOD)["coordination"]
    assert [k["kind"] for k in coordination["kinds"]] == ["recommendation"]
    europe = next(r for r in coordination["regions"] if r["region"] == "EUR")
    assert (europe["overlaps"], europe["members_with_overlaps"]) == (1, 1)
    # Four members' high-priority recommendations are uncovered: too few to count them.
    assert europe["gaps"] == [{"kind": "recommendation", "members": None, "needs": None}]
    # Nor is "none" told of a region.
    for region in coordination["regions"]:
        assert region["gaps"] == [{"kind": "recommendation", "members": None, "needs": None}]
    mission = DiagnosticMissionFactory(member=MemberFactory(code="GRC"), start=date(2026, 2, 2))
    RecommendationFactory(mission=mission, text=SECRET, due=date(2026, 5, 31))
    europe = next(
        r for r in capacity_chapter(PERIOD)["coordination"]["regions"] if r["region"] == "EUR"
    )
    assert europe["gaps"] == [{"kind": "recommendation", "members": 5, "needs": 5}]


def test_the_chapter_renders_its_tables_and_charts(registers):
    chapter = capacity_chapter(PERIOD)
    html = " ".join(render_to_string(chapter["template"], {"section": chapter}).split())
    assert "Capacity-building registers" in html and html.count("<svg") == 2
    assert "CB-1: diagnostic tools" in html and "CB-3: Customs in the UN 2030 Agenda" in html
    assert "Japan agency" in html and "European Union" in html
    assert "Funding committed and disbursed by year (EUR million)" in html
    assert "SDG 17" in html
    assert SECRET not in html and "Unpublished e-learning course" not in html


def test_the_pdf_has_the_chapter_without_restricted_recommendations(
    django_capture_on_commit_callbacks, registers
):
    schedule = ReportSchedule.objects.get(name="Monthly programme transparency report")
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = report_services.request_report(schedule, PERIOD.start, PERIOD.end)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUCCEEDED, report.error
    text = pdf_text(report)
    assert "Capacity-building registers" in text
    assert "CB-2: assistance aligned with strategic plans, and donor coordination" in text
    assert "Japan agency" in text and "2026 500,000 90,000" in text
    assert SECRET not in text


REGISTERS = [
    Donor,
    Project,
    Funding,
    DiagnosticMission,
    Recommendation,
    Evaluation,
    InstrumentUptake,
    InstrumentReview,
    TrainingActivity,
]


def test_seed_demo_fills_every_capacity_register_once_and_by_the_rules(fra, deu):
    regions = list(Region.objects.order_by("code"))
    for index in range(30):
        MemberFactory(region=regions[index % len(regions)])
    call_command("seed_demo", "--no-report", stdout=StringIO())
    counts = {model.__name__: model.objects.count() for model in REGISTERS}
    assert all(counts.values()), counts

    # The registers' rules hold for every record (the database holds the constraints).
    for model in REGISTERS:
        for record in model.objects.all():
            record.full_clean(validate_constraints=False)
    for project in Project.objects.exclude(status=ProjectStatus.PIPELINE):
        project.check_resources()

    # Its shape: projects at every stage, ended ones awaiting evaluation, restricted and
    # confidential findings, overdue recommendations, submissions in review, several currencies.
    assert set(Project.objects.values_list("status", flat=True)) == set(ProjectStatus.values)
    today = timezone.localdate()
    assert Project.objects.filter(status=ProjectStatus.ACTIVE, end__lt=today).exists()
    assert Project.objects.exclude(not_aligned_reason="").exists()
    assert Project.objects.exclude(currency="EUR").exists()
    assert set(DiagnosticMission.objects.values_list("confidentiality", flat=True)) >= {
        Confidentiality.RESTRICTED,
        Confidentiality.CONFIDENTIAL,
    }
    assert Recommendation.objects.overdue(today).exists()
    for model in (InstrumentUptake, TrainingActivity):
        assert model.objects.filter(status=WorkflowStatus.PUBLISHED).exists()
        assert not model.objects.filter(
            status=WorkflowStatus.PUBLISHED, published_at__isnull=True
        ).exists()
    statuses = set(TrainingActivity.objects.values_list("status", flat=True))
    assert len(statuses) >= 3, statuses
    assert area("capacity").recommendations.exists()
    for code in ("CB-1.1", "CB-1.2", "CB-2.1", "CB-3.2"):
        assert Measurement.objects.filter(indicator__code=code).count() == 20, code

    measurements = Measurement.objects.count()
    call_command("seed_demo", "--no-report", stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in REGISTERS} == counts
    assert Measurement.objects.count() == measurements
