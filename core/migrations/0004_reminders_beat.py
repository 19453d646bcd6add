"""The daily beat entry that emails members' reminders."""

import json

from django.db import migrations


def add_beat_entry(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Email members' reporting reminders",
        defaults={"task": "core.tasks.send_reminders", "crontab": daily, "args": json.dumps([])},
    )


def remove_beat_entry(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name="Email members' reporting reminders").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_reporting_cycle"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_beat_entry, remove_beat_entry)]
