"""Transparency reports: one per schedule and period, claimed before being made, retried with
back-off, re-queued when a worker dies; the PDF carries the programme's figures."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from core.choices import WorkflowStatus
from core.models import Measurement
from core.progress import ProgrammeSnapshot
from core.tests.factories import MeasurementFactory
from core.tests.helpers import pdf_text
from reports import rendering, services
from reports.choices import Cadence, ReportStatus
from reports.models import Report, last_complete_period

pytestmark = pytest.mark.django_db(transaction=False)

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def ask(schedule, period=OCTOBER, by=None):
    with transaction.atomic():
        report, queued = services.request_report(schedule, *period, by=by)
    report.refresh_from_db()
    return report, queued


@pytest.mark.parametrize(
    ("cadence", "today", "period"),
    [
        (Cadence.MONTHLY, date(2026, 11, 23), (date(2026, 10, 1), date(2026, 10, 31))),
        (Cadence.MONTHLY, date(2026, 1, 5), (date(2025, 12, 1), date(2025, 12, 31))),
        (Cadence.QUARTERLY, date(2026, 11, 23), (date(2026, 7, 1), date(2026, 9, 30))),
        (Cadence.ANNUAL, date(2026, 11, 23), (date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_the_last_complete_period_of_each_cadence(cadence, today, period):
    assert last_complete_period(cadence, today) == period


def test_a_report_is_made_with_its_checksum_pages_and_size(
    django_capture_on_commit_callbacks, monthly, fra, secretariat_user
):
    MeasurementFactory(
        member=fra, period_start=date(2026, 7, 1), value=77, status=WorkflowStatus.PUBLISHED
    )
    with django_capture_on_commit_callbacks(execute=True):
        report, queued = services.request_report(monthly, *OCTOBER, by=secretariat_user)
    report.refresh_from_db()
    assert queued and report.status == ReportStatus.SUCCEEDED
    assert len(report.sha256) == 64 and report.pages >= 5 and report.bytes > 10_000
    with report.file.open("rb") as handle:
        content = handle.read()
    import hashlib

    assert hashlib.sha256(content).hexdigest() == report.sha256
    assert len(content) == report.bytes


def test_the_pdf_names_every_commitment_and_the_figures_of_the_database(
    django_capture_on_commit_callbacks, monthly, fra, deu
):
    for member, value in ((fra, 70), (deu, 90)):
        MeasurementFactory(
            member=member,
            period_start=date(2026, 7, 1),
            value=value,
            status=WorkflowStatus.PUBLISHED,
        )
    MeasurementFactory(
        member=fra, period_start=date(2026, 10, 1), value=1, status=WorkflowStatus.SUBMITTED
    )
    in_october = timezone.make_aware(timezone.datetime(2026, 10, 20, 12))
    Measurement.objects.filter(status=WorkflowStatus.PUBLISHED).update(published_at=in_october)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_report(monthly, *OCTOBER)
    report.refresh_from_db()
    text = pdf_text(report)
    for code in (
        "GOV-1",
        "GOV-2",
        "TF-1",
        "TF-2",
        "TF-3",
        "SEC-1",
        "SEC-2",
        "SEC-3",
        "CB-1",
        "CB-2",
        "CB-3",
        "COOP-1",
        "COOP-2",
        "COOP-3",
    ):
        assert code in text
    # The indicator's latest published value is the mean of the two members' values: 80
    # (its baseline 62 and target 90 cannot be mistaken for it).
    assert "80" in text.split("TF-9.1")[1][:200]
    snapshot = ProgrammeSnapshot(as_of=OCTOBER[1])
    assert f"{snapshot.overall_progress() * 100:.0f}%" in text
    summary = " ".join(text.split("Executive summary")[1].split())
    assert "2 measurements published during the period" in summary
    assert "1 submissions awaiting validation" in summary
    assert "2 / 2 members with data published" in summary


def test_asking_twice_for_the_same_period_makes_no_second_report(
    django_capture_on_commit_callbacks, monthly
):
    with django_capture_on_commit_callbacks(execute=True):
        first, queued_first = services.request_report(monthly, *OCTOBER)
    first.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second, queued_second = services.request_report(monthly, *OCTOBER)
    assert (queued_first, queued_second) == (True, False)
    assert second.pk == first.pk and not callbacks
    assert Report.objects.count() == 1


def test_running_the_task_twice_makes_the_file_once(django_capture_on_commit_callbacks, monthly):
    from reports.tasks import make_report

    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_report(monthly, *OCTOBER)
    report.refresh_from_db()
    made = (report.sha256, report.file.name, report.finished_at)
    make_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert (report.sha256, report.file.name, report.finished_at) == made
    assert report.attempts == 1


def test_a_report_is_claimed_by_one_worker_only(monthly):
    report = Report.objects.create(schedule=monthly, period_start=OCTOBER[0], period_end=OCTOBER[1])
    assert services.claim(report.pk) is not None
    assert services.claim(report.pk) is None
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and report.attempts == 1


def test_a_report_stuck_running_past_its_time_limit_is_queued_again(
    django_capture_on_commit_callbacks, monthly, settings
):
    report = Report.objects.create(
        schedule=monthly,
        period_start=OCTOBER[0],
        period_end=OCTOBER[1],
        status=ReportStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=settings.REPORT_TIME_LIMIT_SECONDS + 60),
    )
    fresh = Report.objects.create(
        schedule=monthly,
        period_start=date(2026, 9, 1),
        period_end=date(2026, 9, 30),
        status=ReportStatus.RUNNING,
        started_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        stuck = services.requeue_stuck()
    assert stuck == [report.pk]
    report.refresh_from_db()
    fresh.refresh_from_db()
    assert report.status == ReportStatus.SUCCEEDED
    assert fresh.status == ReportStatus.RUNNING


def test_a_failing_report_is_retried_then_marked_failed_with_its_error(
    django_capture_on_commit_callbacks, monthly, monkeypatch
):
    calls = []

    def broken(data):
        calls.append(1)
        raise RuntimeError("the renderer is out of paper")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.request_report(monthly, *OCTOBER)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "out of paper" in report.error
    assert len(calls) == 4  # the first run and three retries
    assert not report.file


def test_a_failed_report_can_be_asked_for_again(django_capture_on_commit_callbacks, monthly):
    report = Report.objects.create(
        schedule=monthly,
        period_start=OCTOBER[0],
        period_end=OCTOBER[1],
        status=ReportStatus.FAILED,
        error="boom",
    )
    with django_capture_on_commit_callbacks(execute=True):
        again, queued = services.request_report(monthly, *OCTOBER)
    again.refresh_from_db()
    assert queued and again.pk == report.pk and again.status == ReportStatus.SUCCEEDED
    assert again.error == ""


def test_beat_makes_each_active_schedules_due_report_once(
    django_capture_on_commit_callbacks, monthly
):
    from reports.tasks import make_scheduled_reports

    with django_capture_on_commit_callbacks(execute=True):
        made = make_scheduled_reports.apply().get()
    with django_capture_on_commit_callbacks(execute=True):
        again = make_scheduled_reports.apply().get()
    assert len(made) == 1 and again == []
    report = Report.objects.get()
    assert (report.period_start, report.period_end) == monthly.last_complete_period()


def test_each_report_carries_the_checksum_of_the_previous_one(
    django_capture_on_commit_callbacks, monthly
):
    with django_capture_on_commit_callbacks(execute=True):
        september, _ = services.request_report(monthly, date(2026, 9, 1), date(2026, 9, 30))
    with django_capture_on_commit_callbacks(execute=True):
        october, _ = services.request_report(monthly, *OCTOBER)
    september.refresh_from_db()
    october.refresh_from_db()
    assert october.previous_sha256 == september.sha256
    assert september.sha256 in pdf_text(october).replace(" ", "")


def test_the_report_fetches_nothing_outside_our_static_files():
    with pytest.raises(ValueError):
        rendering._static_only_fetcher("file:///etc/passwd")
    with pytest.raises(ValueError):
        rendering._static_only_fetcher("http://127.0.0.1:9/secret")
