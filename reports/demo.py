"""Demo data of the reports app: once `seed_demo` has loaded the data, a first report of the
first active schedule, so the reports page is not empty."""

from django.db import transaction

from core.registry import demo_finish
from reports.models import Report, ReportSchedule
from reports.services import request_report


@demo_finish("reports")
def make_first_report(by):
    schedule = ReportSchedule.objects.filter(is_active=True).first()
    if schedule is None or Report.objects.exists():
        return ""
    start, end = schedule.last_complete_period()
    with transaction.atomic():
        report, _ = request_report(schedule, start, end, by=by)
    report.refresh_from_db()
    return f"Report for {start} to {end}: {report.status}."
