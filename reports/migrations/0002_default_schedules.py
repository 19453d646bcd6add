"""The monthly programme transparency report, and the beat entries that drive reports."""

import json

from django.db import migrations


def create(apps, schema_editor):
    ReportSchedule = apps.get_model("reports", "ReportSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")

    ReportSchedule.objects.get_or_create(
        name="Monthly programme transparency report",
        defaults={"cadence": "monthly", "scope": "programme", "audience": "council"},
    )
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="5", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Make due transparency reports",
        defaults={"task": "reports.tasks.make_scheduled_reports", "crontab": daily,
                  "args": json.dumps([])},
    )
    every_15_minutes, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Re-queue reports stuck in running",
        defaults={"task": "reports.tasks.requeue_stuck_reports", "interval": every_15_minutes,
                  "args": json.dumps([])},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
