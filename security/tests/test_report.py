"""The security chapter of the transparency report: the figures the API serves,
only what is published, aggregates of restricted registers only over five members or more; and
the registers' demo data."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate

from core.choices import Confidentiality, WorkflowStatus
from core.models import Measurement, Region
from core.registry import Period
from core.tests.factories import MemberFactory
from security.api.views import SummaryView
from security.choices import AEOStatus, Involvement, Readiness, RecognitionStatus
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafePillar,
    SecurityStrategyRole,
)
from security.report import security_chapter
from security.tests.factories import (
    AEOOperatorCountFactory,
    AEOProgrammeFactory,
    MutualRecognitionFactory,
    PassengerDataReadinessFactory,
    RiskManagementAssessmentFactory,
    SafeAdoptionFactory,
    SecurityStrategyRoleFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


def published(day):
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return {"status": WorkflowStatus.PUBLISHED, "published_at": moment, "status_changed_at": moment}


@pytest.fixture
def registers(fra, deu):
    """Five members' published records of each register (France's PNR access and its AEO
    programme published only within the period), one unpublished programme, an arrangement in
    force and one signed within the period."""
    others = [
        MemberFactory(code=code, name=name)
        for code, name in (("ITA", "Italy"), ("ESP", "Spain"), ("PRT", "Portugal"))
    ]
    members = [fra, deu, *others]
    before = published(date(2024, 3, 1))
    for index, member in enumerate(members):
        SafeAdoptionFactory(member=member, **before).pillars.set(
            SafePillar.objects.filter(number__lte=1 + index % 3)
        )
        SecurityStrategyRoleFactory(
            member=member,
            involvement=Involvement.NOT if index >= 3 else Involvement.FULLY,
            seat_on_security_body=index < 3,
            **before,
        )
        operational = member.code != "PRT"
        PassengerDataReadinessFactory(
            member=member,
            api_status=Readiness.OPERATIONAL if operational else Readiness.PLANNED,
            api_legal_basis=True,
            go_live=date(2019, 4, 1) if operational else None,
            **before,
        )
        for year, score in ((2022, 2), (2025, 3)):
            RiskManagementAssessmentFactory(
                member=member,
                assessed_on=date(year, 5, 1),
                strategy=score,
                data_intelligence=score,
                targeting=score,
                post_clearance=score,
                performance=score + (1 if member.code == "FRA" else 0),
                **before,
            )
    PassengerDataReadiness.objects.filter(member=fra).update(
        pnr_status=Readiness.OPERATIONAL, pnr_legal_basis=True, passenger_unit=True
    )
    AEOProgrammeFactory(member=fra, launched_on=date(2026, 2, 1), **published(date(2026, 3, 1)))
    AEOProgrammeFactory(member=deu, **before)
    AEOProgrammeFactory(
        member=others[0],
        programme_status=AEOStatus.PILOT,
        certified_operators=0,
        counted_on=None,
        **before,
    )
    AEOProgrammeFactory(member=others[1], status=WorkflowStatus.SUBMITTED)
    # Certified operators per year: Germany's since 2023, Italy's pilot in 2025, France's first
    # count of 2026; not counted: a draft, and a count published after the period.
    for member, year, operators, day in (
        (deu, 2023, 100, date(2024, 2, 1)),
        (deu, 2024, 120, date(2025, 2, 1)),
        (deu, 2025, 150, date(2026, 2, 1)),
        (others[0], 2025, 5, date(2026, 1, 15)),
        (fra, 2026, 10, date(2026, 4, 1)),
        (others[0], 2026, 9, date(2026, 7, 15)),
    ):
        AEOOperatorCountFactory(
            member=member, year=year, certified_operators=operators, **published(day)
        )
    AEOOperatorCountFactory(member=deu, year=2026, certified_operators=170)
    MutualRecognitionFactory(
        parties=[fra, deu],
        status=RecognitionStatus.IMPLEMENTED,
        signed_on=date(2024, 1, 10),
        implemented_on=date(2024, 9, 1),
    )
    MutualRecognitionFactory(parties=[deu, others[0]], signed_on=date(2026, 4, 2))
    return members


def as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def summary_response(user, query):
    request = APIRequestFactory().get("/api/v1/security/summary/", query)
    if user is not None:
        force_authenticate(request, user)
    response = SummaryView.as_view()(request)
    response.render()
    return response


def test_the_chapter_has_the_figures_the_api_serves(registers, secretariat_user, deu_user):
    figures = security_chapter(PERIOD)["figures"]
    # A half-year report's figures cover the twelve months to its end.
    assert (figures["period_start"], figures["period_end"]) == (date(2025, 7, 1), PERIOD.end)
    query = {"start": "2025-07-01", "end": PERIOD.end.isoformat()}
    for user in (None, deu_user, secretariat_user):
        response = summary_response(user, query)
        assert response.status_code == 200
        assert json.loads(response.content) == as_json(figures)
    # Not empty: the registers' figures, published ones only.
    assert figures["active_members"] == 5
    assert figures["aeo"]["statuses"] == {"none": 0, "planned": 0, "pilot": 1, "operational": 2}
    assert (figures["aeo"]["operational_rate"], figures["aeo"]["operational_rate_at_start"]) == (
        40.0,
        20.0,
    )
    assert figures["aeo"]["operators_by_year"] == [
        {"year": 2023, "operators": 100, "members": 1},
        {"year": 2024, "operators": 120, "members": 1},
        {"year": 2025, "operators": 155, "members": 2},
        {"year": 2026, "operators": 10, "members": 1},
    ]
    assert figures["recognition"]["implemented"] == 1
    assert figures["recognition"]["signed"] == 1
    assert sum(r["arrangements"] for r in figures["recognition"]["regions"]) >= 1
    assert [p["members"] for p in figures["safe"]["pillars"]] == [5, 3, 1]
    assert figures["strategy"]["involved_rate"] == 60.0
    passengers = figures["passenger_data"]
    assert (passengers["reporting"], passengers["api_rate"], passengers["pnr_rate"]) == (
        5,
        80.0,
        20.0,
    )
    assert figures["maturity"] == {
        "members_assessed": 5,
        "median": 3.0,
        "members_reassessed": 5,
        "median_change": 1.0,
    }


def test_a_bad_period_is_refused(registers):
    assert summary_response(None, {"start": "2026-06-30", "end": "2026-01-01"}).status_code == 400
    assert summary_response(None, {"end": "9999-01-01"}).status_code == 400


def test_restricted_aggregates_are_not_given_over_fewer_than_five_members(registers):
    PassengerDataReadiness.objects.filter(member__code="PRT").update(
        status=WorkflowStatus.SUBMITTED
    )
    RiskManagementAssessment.objects.filter(member__code="PRT", assessed_on__year=2022).delete()
    figures = security_chapter(PERIOD)["figures"]
    passengers = figures["passenger_data"]
    assert passengers["reporting"] == 4
    assert passengers["api_rate"] is None and passengers["pnr_rate"] is None
    assert all(r["api_rate"] is None for r in passengers["regions"])
    # Five members assessed, four of them twice: the median, not its change.
    assert figures["maturity"]["median"] == 3.0
    assert figures["maturity"]["median_change"] is None


def test_the_chapter_renders_its_tables_and_charts(registers):
    chapter = security_chapter(PERIOD)
    html = " ".join(render_to_string(chapter["template"], {"section": chapter}).split())
    assert "Security registers" in html and "<svg" in html
    assert "Mutual recognition DEU – ITA" in html
    assert [a["implemented_on"] for a in chapter["arrangements"]] == [None]
    assert "Mutual recognition DEU – FRA" not in html  # signed 2024
    assert "Certified operators by year" in html
    assert '<td>2025</td><td class="num">2</td><td class="num">155</td>' in html
    assert "Operators certified by members&#x27; AEO programmes, by year" in html


REGISTERS = [
    SafeAdoption,
    AEOProgramme,
    AEOOperatorCount,
    SecurityStrategyRole,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
]


def test_seed_demo_fills_every_security_register_once_and_by_the_rules(fra, deu):
    regions = list(Region.objects.order_by("code"))
    for index in range(22):
        MemberFactory(region=regions[index % len(regions)])
    call_command("seed_demo", "--no-report", stdout=StringIO())
    counts = {model.__name__: model.objects.count() for model in REGISTERS}
    assert all(counts.values()), counts

    # The registers' rules hold for every record (the database holds the constraints).
    for model in REGISTERS:
        for record in model.objects.all():
            record.full_clean(validate_constraints=False)
    for arrangement in MutualRecognition.objects.prefetch_related("members", "customs_unions"):
        members, unions = arrangement.members.all(), arrangement.customs_unions.all()
        assert arrangement.check_parties(members, unions) == arrangement.party_key
    eu = CustomsUnion.objects.get(code="EU")
    assert set(eu.members.values_list("code", flat=True)) == {"DEU", "FRA"}

    # Its shape: programmes at every stage, restricted and confidential readiness, rounds of
    # assessments, submissions in review.
    assert set(AEOProgramme.objects.values_list("programme_status", flat=True)) >= {
        AEOStatus.OPERATIONAL,
        AEOStatus.NONE,
    }
    # Every running programme counts its operators from its launch to its latest count, which
    # is the programme's own; the series grows; the latest counts are partly in review.
    running = AEOProgramme.objects.filter(programme_status__in=["pilot", "operational"])
    assert set(AEOOperatorCount.objects.values_list("member", flat=True)) == set(
        running.values_list("member", flat=True)
    )
    for programme in running:
        series = list(
            AEOOperatorCount.objects.filter(member=programme.member)
            .order_by("year")
            .values_list("year", "certified_operators")
        )
        assert series[-1] == (programme.counted_on.year, programme.certified_operators)
        assert series[0][0] >= programme.launched_on.year
        assert [n for _, n in series] == sorted(n for _, n in series), series
    assert AEOOperatorCount.objects.exclude(status=WorkflowStatus.PUBLISHED).exists()
    assert PassengerDataReadiness.objects.filter(
        confidentiality=Confidentiality.RESTRICTED
    ).exists()
    assert not PassengerDataReadiness.objects.exclude(
        confidentiality__in=[Confidentiality.RESTRICTED, Confidentiality.CONFIDENTIAL]
    ).exists()
    assert RiskManagementAssessment.objects.count() > 2 * len(
        set(RiskManagementAssessment.objects.values_list("member", flat=True))
    )
    statuses = set()
    for model in (
        SafeAdoption,
        AEOProgramme,
        AEOOperatorCount,
        SecurityStrategyRole,
        PassengerDataReadiness,
    ):
        assert model.objects.filter(status=WorkflowStatus.PUBLISHED).exists()
        assert not model.objects.filter(
            status=WorkflowStatus.PUBLISHED, published_at__isnull=True
        ).exists()
        statuses |= set(model.objects.values_list("status", flat=True))
    assert len(statuses) >= 3, statuses
    today = timezone.localdate()
    assert not MutualRecognition.objects.filter(signed_on__gt=today).exists()
    for code in ("SEC-1.1", "SEC-2.1", "SEC-2.2", "SEC-2.3", "SEC-3.1", "SEC-3.2"):
        values = list(
            Measurement.objects.filter(indicator__code=code)
            .order_by("period_start")
            .values_list("value", flat=True)
        )
        assert len(values) == 20 and values[0] <= values[-1], code

    measurements = Measurement.objects.count()
    call_command("seed_demo", "--no-report", stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in REGISTERS} == counts
    assert Measurement.objects.count() == measurements
