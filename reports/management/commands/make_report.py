"""Make a schedule's report of a period here, in this process, without a Celery worker: for an
operator who wants a report now, or to check what a report contains."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports import services
from reports.choices import ReportStatus
from reports.models import ReportSchedule


def day(value):
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = (
        "Make a schedule's report of a period in this process (default: the first active "
        "schedule's last complete period). A report already made is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", type=int, help="the schedule's id")
        parser.add_argument("--start", type=day, help="first day of the period (YYYY-MM-DD)")
        parser.add_argument("--end", type=day, help="last day of the period (YYYY-MM-DD)")

    def handle(self, *args, schedule=None, start=None, end=None, **options):
        schedules = ReportSchedule.objects.order_by("pk")
        found = (
            schedules.filter(pk=schedule).first()
            if schedule
            else schedules.filter(is_active=True).first()
        )
        if found is None:
            raise CommandError("No such schedule (or no active one).")
        if (start is None) != (end is None):
            raise CommandError("Give both --start and --end, or neither.")
        if start is None:
            start, end = found.last_complete_period()
        if end < start:
            raise CommandError("The period ends before it starts.")
        with transaction.atomic():
            report, queued = services.queue_report(found, start, end)
        if queued and (claimed := services.claim(report.pk)) is not None:
            try:
                services.make(claimed)
            except Exception as exc:
                services.record_failure(report.pk, exc, final=True)
                raise CommandError(f"The report failed: {exc}") from exc
        report.refresh_from_db()
        if report.status != ReportStatus.SUCCEEDED:
            raise CommandError(f"Report {report.pk} is {report.status}: {report.error}")
        self.stdout.write(
            f"Report {report.pk} of {found.name}, {start} to {end}: {report.pages} pages, "
            f"{report.file.name}, sha256 {report.sha256}."
        )
