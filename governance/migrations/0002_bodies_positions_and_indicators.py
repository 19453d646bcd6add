"""The WCO's bodies and positions of higher responsibility; the governance indicators computed
from the registers; the periodic tasks; and, on PostgreSQL, the exclusion constraint that keeps
mandates of one position from overlapping even under concurrent writes."""

import json
from datetime import date

from django.db import migrations

BODIES = [
    ("council", "Council", "The WCO's governing body: every member administration sits on it."),
    ("policy-commission", "Policy Commission", "Thirty members who steer the WCO's policy."),
    ("finance-committee", "Finance Committee", "Budget, audit follow-up and resources."),
    ("secretariat", "Secretariat", "The Secretariat in Brussels, led by the Secretary General."),
    ("audit-committee", "Audit Committee", "Oversight of internal and external audit."),
    (
        "capacity-building-committee",
        "Capacity Building Committee",
        "Steers the WCO Capacity Building Strategy.",
    ),
]

REGION_VICE_CHAIRS = [
    "Vice-Chair for Europe",
    "Vice-Chair for the Americas and the Caribbean",
    "Vice-Chair for Asia/Pacific",
    "Vice-Chair for East and Southern Africa",
    "Vice-Chair for West and Central Africa",
    "Vice-Chair for North of Africa, Near and Middle East",
]

# (body, title, term_years, max_terms, higher_responsibility)
POSITIONS = [
    ("secretariat", "Secretary General", 5, 2, True),
    ("secretariat", "Deputy Secretary General", 5, 2, True),
    ("secretariat", "Director, Compliance and Facilitation", 5, 2, True),
    ("secretariat", "Director, Tariff and Trade Affairs", 5, 2, True),
    ("secretariat", "Director, Capacity Building", 5, 2, True),
    ("council", "Chairperson", 5, 2, True),
    *[("council", title, 5, 2, True) for title in REGION_VICE_CHAIRS],
    ("policy-commission", "Chairperson", 5, 2, True),
    ("finance-committee", "Chairperson", 5, 2, True),
    ("audit-committee", "Chairperson", 5, 2, True),
    ("capacity-building-committee", "Chairperson", 5, 2, True),
    ("finance-committee", "Rapporteur", 2, 2, False),
]

COMPUTED = {
    "GOV-1.1": "computed:governance.mandates_within_term_limits",
    "GOV-2.1": "computed:governance.meeting_participation_rate",
    "GOV-2.2": "computed:governance.consultation_response_rate",
}

EXCLUSION = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE governance_mandate ADD CONSTRAINT mandates_of_a_position_never_overlap
    EXCLUDE USING gist (position_id WITH =, daterange("start", "end", '[]') WITH &&);
"""


def load(apps, schema_editor):
    Body = apps.get_model("governance", "Body")
    Position = apps.get_model("governance", "Position")
    Indicator = apps.get_model("core", "Indicator")
    Commitment = apps.get_model("core", "Commitment")

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(EXCLUSION)

    bodies = {}
    for code, name, description in BODIES:
        bodies[code], _ = Body.objects.update_or_create(
            code=code, defaults={"name": name, "description": description}
        )
    for body, title, term_years, max_terms, higher in POSITIONS:
        Position.objects.update_or_create(
            body=bodies[body],
            title=title,
            defaults={
                "term_years": term_years,
                "max_terms": max_terms,
                "higher_responsibility": higher,
            },
        )

    for code, source in COMPUTED.items():
        Indicator.objects.filter(code=code).update(source=source)
    Indicator.objects.update_or_create(
        code="GOV-2.3",
        defaults={
            "commitment": Commitment.objects.get(code="GOV-2"),
            "name": "Share of decisions published within 30 days of being taken",
            "unit": "%",
            "direction": "up",
            "baseline_value": 40,
            "baseline_date": date(2021, 12, 31),
            "target_value": 95,
            "target_date": date(2027, 12, 31),
            "frequency": "quarterly",
            "scope": "programme",
            "aggregation": "mean",
            "source": "computed:governance.decisions_published_within_30_days",
        },
    )

    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="4", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    weekly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="1", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name="Record computed indicators",
        defaults={"task": "core.tasks.record_computed_indicators", "crontab": daily,
                  "args": json.dumps([])},
    )
    PeriodicTask.objects.get_or_create(
        name="Email the digest of mandates ending within 180 days",
        defaults={"task": "governance.tasks.send_mandate_digest", "crontab": weekly,
                  "args": json.dumps([])},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_registers"),
        ("core", "0002_load_programme"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
