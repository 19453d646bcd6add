"""The governance chapter of the transparency report: the figures the API serves, only what may
be published, the right chapters for each scope; and the registers' demo data."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from core.choices import Confidentiality, WorkflowStatus
from core.models import Measurement, Region, StrategicArea
from core.registry import Period
from core.tests.factories import MemberFactory
from core.tests.helpers import pdf_text
from governance.choices import PRESENT, Presence
from governance.models import (
    Attendance,
    Consultation,
    ConsultationResponse,
    Decision,
    DecisionDocument,
    Mandate,
    Meeting,
)
from governance.report import governance_chapter
from governance.tests.factories import (
    AttendanceFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    PositionFactory,
)
from reports import rendering, services
from reports.choices import ReportStatus, Scope
from reports.models import Report, ReportSchedule
from reports.tests.factories import ReportScheduleFactory

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/governance/summary/"
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
SECRET = "Kestrel"


def aware(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


@pytest.fixture
def registers(fra, deu):
    """Half a year of each register: a mandate within the limits and a legacy one beyond them,
    a session attended by one member of two, a published and an unpublished decision, and two
    published responses, one of them confidential."""
    MandateFactory(holder="Ana Costa", member=fra, start=date(2023, 1, 1))
    MandateFactory(
        position=PositionFactory(title="Chairperson"),
        holder="Lars Lindqvist",
        member=deu,
        start=date(2019, 10, 1),
        end=date(2026, 9, 30),  # seven years: longer than the rule, which came later
    )
    session = MeetingFactory(title="Spring session", held_on=date(2026, 3, 10))
    AttendanceFactory(meeting=session, member=fra, presence=Presence.REMOTE)
    AttendanceFactory(meeting=session, member=deu, presence=Presence.ABSENT)
    published = DecisionFactory(
        body=session.body,
        meeting=session,
        reference="SC9001",
        title="Hybrid participation at every session",
        decided_on=date(2026, 3, 10),
        votes_for=1,
        published_at=aware(date(2026, 3, 20)),
    )
    unpublished = DecisionFactory(
        body=session.body,
        meeting=session,
        reference="SC9002",
        title="Appointment of the external auditor",
        decided_on=date(2026, 3, 10),
        published_at=None,
    )
    consultation = ConsultationFactory(opened_on=date(2026, 3, 1), closes_on=date(2026, 5, 31))
    for member, confidentiality, summary in (
        (fra, Confidentiality.PUBLIC, "France supports the draft."),
        (deu, Confidentiality.CONFIDENTIAL, f"Operation {SECRET}: our risk profiles."),
    ):
        ConsultationResponseFactory(
            consultation=consultation,
            member=member,
            summary=summary,
            confidentiality=confidentiality,
            status=WorkflowStatus.PUBLISHED,
            published_at=aware(date(2026, 6, 10)),
        )
    return {"published": published, "unpublished": unpublished}


def as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def test_the_chapter_has_the_figures_the_api_serves(api, registers, secretariat_user):
    figures = governance_chapter(PERIOD)["figures"]
    # A half-year report's figures cover the twelve months to its end.
    assert (figures["period_start"], figures["period_end"]) == (date(2025, 7, 1), PERIOD.end)
    query = {"start": "2025-07-01", "end": PERIOD.end.isoformat()}
    for user in (None, secretariat_user):
        response = api(user).get(SUMMARY, query)
        assert response.status_code == 200
        assert response.json() == as_json(figures)
    # Not two empty dictionaries: the registers' figures are in both.
    assert figures["term_limits"] == {"positions_filled": 2, "within_limits": 1, "rate": 50.0}
    assert figures["mandates_ending_within_180_days"] == 1
    assert figures["participation"]["meeting_rate"] == 50.0
    assert figures["participation"]["response_rate"] == 100.0
    assert figures["decisions"]["taken"] == 2 and figures["decisions"]["published"] == 1


def test_the_chapter_lists_what_is_published_and_the_mandates_to_watch(registers):
    chapter = governance_chapter(PERIOD)
    assert [d["reference"] for d in chapter["decisions"]] == ["SC9001"]
    assert chapter["decisions"][0]["days_to_publish"] == 10
    assert chapter["unpublished"] == 1
    assert [m["holder"] for m in chapter["outside_limits"]] == ["Lars Lindqvist"]
    assert [m["holder"] for m in chapter["ending"]] == ["Lars Lindqvist"]


def test_the_pdf_has_the_chapter_with_published_decisions_only_and_no_confidential_text(
    django_capture_on_commit_callbacks, registers
):
    schedule = ReportSchedule.objects.get(name="Monthly programme transparency report")
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_report(schedule, PERIOD.start, PERIOD.end)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUCCEEDED, report.error
    text = pdf_text(report)
    assert "Governance registers" in text
    assert "SC9001" in text
    assert "Lars Lindqvist" in text  # outside the limits, and ending within 180 days
    assert "SC9002" not in text and "Appointment of the external auditor" not in text
    assert SECRET not in text
    assert "cover every member of the WCO" not in text  # a programme report


def gathered(schedule):
    report = Report(schedule=schedule, period_start=PERIOD.start, period_end=PERIOD.end)
    return rendering.gather(report)


def test_an_area_report_has_its_own_registers_only(registers):
    for area, expected in (("governance", ["governance"]), ("facilitation", ["facilitation"])):
        schedule = ReportScheduleFactory(
            scope=Scope.AREA, area=StrategicArea.objects.get(code=area)
        )
        chapters = gathered(schedule)["chapters"]
        assert [c["code"] for c in chapters] == [area]
        assert [c["code"] for c in chapters if c["section"]] == expected


def test_a_regional_report_says_its_governance_registers_cover_every_member(registers):
    schedule = ReportScheduleFactory(scope=Scope.REGION, region=Region.objects.get(code="ESA"))
    data = gathered(schedule)
    governance = next(c for c in data["chapters"] if c["code"] == "governance")
    assert governance["section"]["figures"] == governance_chapter(PERIOD)["figures"]
    html = " ".join(render_to_string("reports/report.html", data).split())
    assert "cover every member of the WCO, not only East and Southern Africa" in html
    assert "SC9001" in html and "SC9002" not in html


REGISTERS = [
    Mandate,
    Meeting,
    Attendance,
    Decision,
    DecisionDocument,
    Consultation,
    ConsultationResponse,
]


def test_seed_demo_fills_every_governance_register_once_and_by_the_rules():
    regions = list(Region.objects.order_by("code"))
    for index in range(18):
        MemberFactory(region=regions[index % len(regions)])
    call_command("seed_demo", "--no-report", stdout=StringIO())
    counts = {model.__name__: model.objects.count() for model in REGISTERS}
    assert all(counts.values()), counts

    # The registers' rules hold for the demo data.
    for mandate in Mandate.objects.select_related("position"):
        mandate.full_clean()
    for decision in Decision.objects.select_related("meeting").filter(votes_for__isnull=False):
        present = decision.meeting.attendances.filter(presence__in=PRESENT).count()
        assert decision.votes_cast <= present
    for response in ConsultationResponse.objects.select_related("consultation"):
        consultation = response.consultation
        assert consultation.opened_on <= response.responded_on <= consultation.closes_on

    # Its shape: legacy mandates end, the latest work is under way, some is confidential.
    term_limits = list(
        Measurement.objects.filter(indicator__code="GOV-1.1")
        .order_by("period_start")
        .values_list("value", flat=True)
    )
    assert len(term_limits) == 20
    assert term_limits[0] < 100 and term_limits[-1] == 100
    assert Mandate.objects.ending_within(180).exists()
    assert Mandate.objects.filter(term_number=3).exists()
    assert Decision.objects.published().exists()
    assert Decision.objects.filter(published_at__isnull=True).exists()
    statuses = set(ConsultationResponse.objects.values_list("status", flat=True))
    assert WorkflowStatus.PUBLISHED in statuses and len(statuses) >= 3
    assert ConsultationResponse.objects.filter(
        confidentiality__in=[Confidentiality.RESTRICTED, Confidentiality.CONFIDENTIAL]
    ).exists()
    computed = Measurement.objects.filter(indicator__source__startswith="computed:")
    assert computed.filter(note__startswith="Computed by the platform").count() == computed.count()

    measurements = Measurement.objects.count()
    call_command("seed_demo", "--no-report", stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in REGISTERS} == counts
    assert Measurement.objects.count() == measurements
