"""The TFA's 36 measures and the E-Commerce Framework's standards (core/reference/), and the
facilitation indicators turned into indicators the platform computes from the registers.

TF-1.1, TF-1.2, TF-2.1 and TF-3.1 were entered by hand (TF-1.1, TF-1.2 and TF-3.1 per member);
they are now programme figures computed from members' notifications, release-time studies,
joint activities and adoptions. Their hand-entered measurements no longer mean the same thing
and are removed; the daily task records the computed values from the registers.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parents[2] / "core" / "reference"

COMPUTED = {
    "TF-1.1": {
        "source": "computed:facilitation.tfa_implementation_rate",
        "name": "TFA implementation rate (share of the 36 measures implemented, all members)",
    },
    "TF-1.2": {
        "source": "computed:facilitation.median_release_time_reduction",
        "name": "Median reduction in average release time since each member's first study",
        "unit": "%",
        "direction": "up",
        "baseline_value": 0,
        "target_value": 30,
    },
    "TF-2.1": {
        "source": "computed:facilitation.joint_activities_in_year",
        "name": (
            "Joint activities with the WTO Committee on Trade Facilitation and other "
            "organisations in the past twelve months"
        ),
    },
    "TF-3.1": {
        "source": "computed:facilitation.members_adopting_half_of_the_standards",
        "name": "Members that have fully adopted at least half of the e-commerce standards",
    },
}


def rows(name):
    with open(REFERENCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    TFAMeasure = apps.get_model("facilitation", "TFAMeasure")
    EcommerceStandard = apps.get_model("facilitation", "EcommerceStandard")
    Indicator = apps.get_model("core", "Indicator")
    Measurement = apps.get_model("core", "Measurement")

    for position, row in enumerate(rows("tfa_measures.csv"), start=1):
        TFAMeasure.objects.update_or_create(
            code=row["code"],
            defaults={"article": int(row["article"]), "title": row["title"], "position": position},
        )
    for row in rows("ecommerce_standards.csv"):
        EcommerceStandard.objects.update_or_create(
            number=int(row["number"]),
            defaults={
                "principle": row["principle"],
                "title": row["title"],
                "since": int(row["since"]),
            },
        )
    for code, changes in COMPUTED.items():
        Measurement.objects.filter(indicator__code=code).delete()
        Indicator.objects.filter(code=code).update(
            scope="programme", aggregation="mean", baseline_date=date(2021, 12, 31), **changes
        )


class Migration(migrations.Migration):
    dependencies = [
        ("facilitation", "0001_registers"),
        ("core", "0002_load_programme"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
