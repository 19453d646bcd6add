"""Asking for a report, claiming it, making it: the work the tasks and views call."""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from reports.choices import ReportStatus
from reports.models import Report, ReportSchedule

log = logging.getLogger(__name__)


def request_report(schedule, period_start, period_end, by=None):
    """Ask for the schedule's report of a period: one per period, made once.

    Returns (report, queued). A failed report is queued again; one queued, running or made is
    returned as it is. The task is enqueued only once the transaction commits.
    """
    from reports.tasks import make_report

    report, queued = queue_report(schedule, period_start, period_end, by)
    if queued:
        transaction.on_commit(lambda: make_report.delay(report.pk))
    return report, queued


def queue_report(schedule, period_start, period_end, by=None):
    """The report row of the schedule's period, `queued` if it is to be made (new, or failed
    before): (report, queued). Whoever queued it makes it or sends it to a worker."""
    report, created = Report.objects.select_for_update().get_or_create(
        schedule=schedule,
        period_start=period_start,
        period_end=period_end,
        defaults={"created_by": by if by and by.is_authenticated else None},
    )
    if not created and report.status != ReportStatus.FAILED:
        return report, False
    if not created:
        report.status = ReportStatus.QUEUED
        report.error = ""
        report.attempts = 0
        report.queued_at = timezone.now()
        report.stamp(by)
        report.save()
    return report, True


def request_due_reports(today=None):
    """For every active schedule, ask for its last complete period's report (idempotent)."""
    queued = []
    for schedule in ReportSchedule.objects.filter(is_active=True):
        start, end = schedule.last_complete_period(today)
        report, was_queued = request_report(schedule, start, end)
        if was_queued:
            queued.append(report)
    return queued


def claim(report_id):
    """Claim a queued report for this worker with a conditional UPDATE, so that two workers
    never make the same report; a report stuck running past the time limit may be reclaimed.
    Returns the claimed report, or None when there is nothing to do."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.REPORT_TIME_LIMIT_SECONDS)
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING, started_at__lt=stale)
    updated = Report.objects.filter(claimable, pk=report_id).update(
        status=ReportStatus.RUNNING, started_at=now, finished_at=None, error=""
    )
    if not updated:
        return None
    report = Report.objects.select_related("schedule").get(pk=report_id)
    report.attempts += 1
    report.save(update_fields=["attempts"])
    return report


def make(report):
    """Gather the period's data in one read transaction, render the PDF, store it with its
    checksum, page count and size. Raises on failure; the caller records it."""
    from reports.rendering import gather, render_pdf

    started = time.monotonic()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot of the data for the whole report, however long it takes to gather.
            # (Inside an enclosing transaction, eager runs and tests, that one's snapshot holds.)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        data = gather(report)
    pdf, pages = render_pdf(data)
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status == ReportStatus.SUCCEEDED:
            return locked  # another run finished first: keep its file, make no second one
        if locked.file:
            locked.file.delete(save=False)
        locked.file.save(report.filename, ContentFile(pdf), save=False)
        locked.sha256 = digest
        locked.previous_sha256 = data["previous_sha256"]
        locked.pages = pages
        locked.bytes = len(pdf)
        locked.status = ReportStatus.SUCCEEDED
        locked.finished_at = timezone.now()
        locked.render_seconds = round(time.monotonic() - started, 3)
        locked.error = ""
        locked.save()
    log.info("report %s made: %s pages, %s bytes", report.pk, pages, len(pdf))
    return locked


def record_failure(report_id, error, final):
    """Store the error; a report that will be retried goes back to the queue."""
    Report.objects.filter(pk=report_id).update(
        status=ReportStatus.FAILED if final else ReportStatus.QUEUED,
        error=str(error)[:4000],
        finished_at=timezone.now(),
    )


def requeue_stuck(now=None):
    """Re-queue reports whose worker died mid-run (they stay `running` past the time limit)."""
    from reports.tasks import make_report

    now = now or timezone.now()
    before = now - timedelta(seconds=settings.REPORT_TIME_LIMIT_SECONDS)
    stuck = list(Report.objects.stuck(before).values_list("pk", flat=True))
    for report_id in stuck:
        transaction.on_commit(lambda report_id=report_id: make_report.delay(report_id))
    return stuck
