"""Every report has every area's chapter, whatever process makes it. An area's chapter used to
be registered only as a side effect of loading the URLs, so a worker started without Celery's
start-up checks, or a plain management command, made a report without it and called it a
success. These tests make reports in such processes, separate from the test's own, and read the
PDFs' text."""

import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, transaction

from core.registry import AREA_CODES, MissingReportChapter, report_sections_for
from core.tests.helpers import pdf_text
from reports import services
from reports.choices import ReportStatus
from reports.models import Report, ReportSchedule
from wco_platform.celery import app

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = [
    "Governance registers",
    "Trade facilitation registers",
    "Security registers",
    "Capacity-building registers",
    "Cooperation registers",
]
PERIOD = (date(2026, 10, 1), date(2026, 10, 31))


def environment():
    """A process of its own on the test database, broker and media folder, with the test
    settings."""
    from django.conf import settings

    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wco_platform.settings.test",
        "TEST_DATABASE_URL": url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


def assert_every_chapter(report):
    assert report.status == ReportStatus.SUCCEEDED, report.error
    text = pdf_text(report)
    missing = [chapter for chapter in CHAPTERS if chapter not in text]
    assert not missing, f"the report lacks {missing}"


def test_a_report_without_an_areas_chapter_is_refused():
    assert len(report_sections_for(AREA_CODES)) == 5
    with pytest.raises(MissingReportChapter):
        report_sections_for([*AREA_CODES, "customs-museums"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_made_by_a_management_command_has_every_chapter():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "make_report",
            f"--start={PERIOD[0]}",
            f"--end={PERIOD[1]}",
        ],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    schedule = ReportSchedule.objects.filter(is_active=True).order_by("pk").first()
    assert_every_chapter(Report.objects.get(schedule=schedule, period_start=PERIOD[0]))


@pytest.fixture
def worker_without_checks(settings):
    """A Celery worker in a process of its own, started with CELERY_SKIP_CHECKS: it never
    loads the URLs. (The test settings' broker: the app's connections may be open on it.)"""
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    with app.connection_for_write() as broker:
        broker.default_channel.client.flushdb()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wco_platform",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={**environment(), "CELERY_SKIP_CHECKS": "1"},
    )
    try:
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        app.conf.task_always_eager = True


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_made_by_a_worker_without_start_up_checks_has_every_chapter(
    worker_without_checks,
):
    schedule = ReportSchedule.objects.filter(is_active=True).order_by("pk").first()
    with transaction.atomic():
        report, queued = services.request_report(schedule, *PERIOD)
    assert queued
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and worker_without_checks.poll() is None:
        report.refresh_from_db()
        if report.status in (ReportStatus.SUCCEEDED, ReportStatus.FAILED):
            break
        time.sleep(0.2)
    assert_every_chapter(report)
