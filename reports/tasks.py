"""Thin Celery tasks over reports.services: they take ids, are safe to run
twice, and survive a worker killed mid-run (acks_late, reject on worker loss)."""

import logging

from celery import shared_task
from django.conf import settings

from reports import services

log = logging.getLogger(__name__)

MAX_RETRIES = 3


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=settings.REPORT_TIME_LIMIT_SECONDS - 30,
    time_limit=settings.REPORT_TIME_LIMIT_SECONDS,
)
def make_report(self, report_id):
    report = services.claim(report_id)
    if report is None:
        log.info("report %s: nothing to do (made, or being made)", report_id)
        return None
    try:
        services.make(report)
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        log.exception("report %s failed (attempt %s)", report_id, self.request.retries + 1)
        services.record_failure(report_id, exc, final)
        if final:
            return None
        # Back off 30 s, 60 s, 120 s before trying again.
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    return report_id


@shared_task(acks_late=True, time_limit=300)
def make_scheduled_reports():
    """Beat runs this daily: each active schedule gets its last complete period's report."""
    return [report.pk for report in services.request_due_reports()]


@shared_task(acks_late=True, time_limit=120)
def requeue_stuck_reports():
    return services.requeue_stuck()
