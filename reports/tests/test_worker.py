"""A real Celery worker, against the real Redis broker, makes the report (the rest of the
suite runs tasks eagerly)."""

import time
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from reports import services
from reports.choices import ReportStatus
from reports.models import Report, ReportSchedule
from wco_platform.celery import app


@pytest.fixture
def real_worker(settings):
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()  # a test broker database of its own
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_makes_the_report_queued_on_commit(real_worker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    schedule = ReportSchedule.objects.get(name="Monthly programme transparency report")
    with transaction.atomic():
        report, queued = services.request_report(schedule, date(2026, 10, 1), date(2026, 10, 31))
        # Not sent before the transaction commits.
        assert Report.objects.get(pk=report.pk).status == ReportStatus.QUEUED
    assert queued
    seen = set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        report.refresh_from_db()
        seen.add(report.status)
        if report.status in (ReportStatus.SUCCEEDED, ReportStatus.FAILED):
            break
        time.sleep(0.05)
    assert report.status == ReportStatus.SUCCEEDED, report.error
    assert report.pages >= 5 and len(report.sha256) == 64
    assert report.file.storage.exists(report.file.name)
