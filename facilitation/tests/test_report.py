"""The facilitation chapter of the transparency report: the figures the API serves, only what
is published, no member's confidential revenue; and the registers' demo data."""

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from core.choices import Confidentiality, WorkflowStatus
from core.models import Measurement, Region
from core.registry import Period
from core.tests.factories import MemberFactory
from core.tests.helpers import pdf_text
from facilitation.choices import AdoptionStatus, BorderMode, Category
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)
from facilitation.report import facilitation_chapter
from facilitation.tests.factories import (
    EcommerceAdoptionFactory,
    JointActivityFactory,
    ReleaseTimeStudyFactory,
    RevenueReportFactory,
    TFANotificationFactory,
    measure,
    standard,
)
from reports import services
from reports.choices import ReportStatus
from reports.models import ReportSchedule

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/facilitation/summary/"
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
SECRET = "Kestrel"
# A member's confidential revenue, in every form the report could print it.
CONFIDENTIAL_FIGURES = ["987654321", "987,654,321", "987 654 321", "12345678", "12,345,678"]


@pytest.fixture(autouse=True)
def report_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def aware(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def published(day):
    return {"status": WorkflowStatus.PUBLISHED, "published_at": aware(day)}


@pytest.fixture
def registers(fra, deu):
    """Each register: France's published notifications (one implemented, one due in 2027) and
    Germany's unpublished one (due in 2029); release times that fell in France and grew in
    Germany; adoptions; two joint activities, one of them more than a year before the period's
    end; and revenue reports of five members, one of them confidential."""
    others = [
        MemberFactory(code=code, name=name)
        for code, name in (("ITA", "Italy"), ("ESP", "Spain"), ("PRT", "Portugal"))
    ]
    TFANotificationFactory(
        member=fra, measure=measure("1.1"), category=Category.A, definitive_date=None,
        **published(date(2025, 3, 1)),
    )  # fmt: skip
    TFANotificationFactory(
        member=fra, measure=measure("7.4"), category=Category.B,
        definitive_date=date(2027, 6, 30), **published(date(2025, 3, 1)),
    )  # fmt: skip
    TFANotificationFactory(
        member=deu, measure=measure("10.4"), category=Category.C,
        definitive_date=date(2029, 3, 31), assistance_needed=f"Operation {SECRET} scanners",
        status=WorkflowStatus.SUBMITTED,
    )  # fmt: skip
    for member, first, latest in ((fra, 48, 36), (deu, 50, 60)):
        for year, hours in ((2022, first), (2025, latest)):
            ReleaseTimeStudyFactory(
                member=member, year=year, mode=BorderMode.AIR, average_release_hours=hours,
                **published(date(year, 9, 1)),
            )  # fmt: skip
    EcommerceAdoptionFactory(member=fra, **published(date(2024, 4, 1)))
    EcommerceAdoptionFactory(
        member=deu, standard=standard(3), adoption_status=AdoptionStatus.PARTLY,
        **published(date(2024, 4, 1)),
    )  # fmt: skip
    JointActivityFactory(held_on=date(2026, 5, 12), title="Joint session on transit")
    JointActivityFactory(held_on=date(2025, 5, 12), title="Workshop of the year before")
    for member in [fra, deu, *others]:
        confidential = member == deu
        RevenueReportFactory(
            member=member,
            year=2025,
            total_revenue=987_654_321 if confidential else 1_000_000,
            ecommerce_revenue=12_345_678 if confidential else 40_000,
            confidentiality=Confidentiality.CONFIDENTIAL
            if confidential
            else Confidentiality.PUBLIC,
            **published(date(2026, 4, 1)),
        )
    return others


def as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_the_chapter_has_the_figures_the_api_serves(api, registers, secretariat_user):
    figures = facilitation_chapter(PERIOD)["figures"]
    # A half-year report's figures cover the twelve months to its end.
    assert (figures["period_start"], figures["period_end"]) == (date(2025, 7, 1), PERIOD.end)
    query = {"start": "2025-07-01", "end": PERIOD.end.isoformat()}
    for user in (None, secretariat_user):
        response = api(user).get(SUMMARY, query)
        assert response.status_code == 200
        assert response.json() == as_json(figures)
    # Not two empty dictionaries: the registers' figures are in both, published ones only.
    assert figures["tfa"]["members"] == 5
    assert figures["tfa"]["rate"] == round(100 / (5 * 36), 1)
    assert figures["tfa"]["schedule"] == [{"year": 2027, "measures": 1}]
    assert figures["release_times"] == {
        "median_reduction": 2.5,  # France -25%, Germany +20%
        "members_measured": 2,
        "series_grown": 1,
    }
    assert figures["joint_activities"] == 1
    assert figures["revenue"][0]["reports"] == 5 and figures["revenue"][0]["share"] is not None


def test_the_chapter_lists_what_is_published_and_the_release_times_that_grew(registers):
    chapter = facilitation_chapter(PERIOD)
    assert [a["title"] for a in chapter["activities"]] == ["Joint session on transit"]
    assert [(g["member"], g["increase"]) for g in chapter["release_grown"]] == [("Germany", 20.0)]
    assert chapter["release_modes"] == [
        {"mode": "Air", "series": 2, "median_reduction": 2.5, "grown": 1}
    ]
    first = chapter["standards"][0]
    assert (first["number"], first["fully"], first["fully_rate"]) == (1, 1, 20.0)
    assert chapter["standards"][2]["partly"] == 1
    assert chapter["measures_to_come"] == 1
    # One revenue row a year, with the mean of the five members' shares and no member's figure.
    assert chapter["revenue"] == [
        {"year": 2025, "reports": 5, "with_ecommerce": 5, "share": chapter["revenue"][0]["share"]}
    ]


def test_the_chapter_projects_the_rate_from_published_commitments_only(registers):
    chapter = facilitation_chapter(PERIOD)
    svg = str(chapter["outlook_chart"])
    assert "2027-12" in svg  # France's commitment
    assert "2029" not in svg  # Germany's, not published


def test_the_pdf_has_the_chapter_without_unpublished_or_confidential_data(
    django_capture_on_commit_callbacks, registers
):
    schedule = ReportSchedule.objects.get(name="Monthly programme transparency report")
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_report(schedule, PERIOD.start, PERIOD.end)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUCCEEDED, report.error
    text = pdf_text(report)
    assert "Trade facilitation registers" in text
    assert "Joint session on transit" in text
    assert "Workshop of the year before" not in text
    assert "Germany Air 2022: 50 h 2025: 60 h 20%" in text  # its release time grew
    # Germany's unpublished notification: neither its date nor its assistance.
    assert "2029" not in text and SECRET not in text
    # The revenue: the mean share of five members, never one member's figures.
    assert "2025 5 5" in text
    for figure in CONFIDENTIAL_FIGURES:
        assert figure not in text
    assert "1,000,000" not in text and "40,000" not in text


def test_the_revenue_share_is_not_given_over_fewer_than_five_members(registers):
    RevenueReport.objects.filter(member__code="PRT").update(status=WorkflowStatus.SUBMITTED)
    chapter = facilitation_chapter(PERIOD)
    assert chapter["revenue"] == [{"year": 2025, "reports": 4, "with_ecommerce": 4, "share": None}]


REGISTERS = [TFANotification, ReleaseTimeStudy, EcommerceAdoption, JointActivity, RevenueReport]


def test_seed_demo_fills_every_facilitation_register_once_and_by_the_rules(fra, deu):
    regions = list(Region.objects.order_by("code"))
    for index in range(16):
        MemberFactory(region=regions[index % len(regions)])
    call_command("seed_demo", "--no-report", stdout=StringIO())
    counts = {model.__name__: model.objects.count() for model in REGISTERS}
    assert all(counts.values()), counts

    # The registers' rules hold for every record (the database holds the constraints).
    for model in REGISTERS:
        for record in model.objects.all():
            record.full_clean(validate_constraints=False)

    # Every member notified every measure, in all three categories; C names its assistance.
    assert counts["TFANotification"] == 18 * TFAMeasure.objects.count()
    categories = set(TFANotification.objects.values_list("category", flat=True))
    assert categories == {Category.A, Category.B, Category.C}
    assert not TFANotification.objects.filter(
        category=Category.A, indicative_date__isnull=False
    ).exists()
    assert TFANotification.objects.filter(implemented_on__isnull=False).exists()
    assert TFANotification.objects.filter(definitive_date__gt=timezone.localdate()).exists()

    # Its shape: the TFA rate rises, a standard was revised lately and some members are still
    # on its first version, activities every year, revenue some members keep confidential.
    rates = list(
        Measurement.objects.filter(indicator__code="TF-1.1")
        .order_by("period_start")
        .values_list("value", flat=True)
    )
    assert len(rates) == 20 and rates[0] < rates[-1]
    for code in ("TF-1.2", "TF-2.1", "TF-3.1"):
        assert Measurement.objects.filter(indicator__code=code).count() == 20
    revised = EcommerceStandard.objects.get(version=2)
    assert revised.revised_on > timezone.localdate() - timedelta(days=730)
    assert EcommerceAdoption.objects.filter(standard=revised, version=1).exists()
    last_year = timezone.localdate().year - 1
    assert 8 <= JointActivity.objects.filter(held_on__year=last_year).count() <= 15
    assert RevenueReport.objects.filter(
        confidentiality__in=[Confidentiality.RESTRICTED, Confidentiality.CONFIDENTIAL]
    ).exists()
    statuses = set()
    for model in (TFANotification, ReleaseTimeStudy, EcommerceAdoption, RevenueReport):
        assert model.objects.filter(status=WorkflowStatus.PUBLISHED).exists()
        assert not model.objects.filter(
            status=WorkflowStatus.PUBLISHED, published_at__isnull=True
        ).exists()
        statuses |= set(model.objects.values_list("status", flat=True))
    assert len(statuses) >= 4, statuses

    measurements = Measurement.objects.count()
    call_command("seed_demo", "--no-report", stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in REGISTERS} == counts
    assert EcommerceStandard.objects.get(pk=revised.pk).version == 2
    assert Measurement.objects.count() == measurements
