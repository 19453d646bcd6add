"""Load the programme's reference data: regions, five areas, fourteen commitments, their first
indicators and milestones (core/reference/*.csv, copied from the programme's documents)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parent.parent / "reference"
PROGRAMME_START = date(2022, 1, 1)
PROGRAMME_TARGET = date(2027, 12, 31)


def rows(name):
    with open(REFERENCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    StrategicArea = apps.get_model("core", "StrategicArea")
    Commitment = apps.get_model("core", "Commitment")
    Indicator = apps.get_model("core", "Indicator")
    Milestone = apps.get_model("core", "Milestone")

    for row in rows("regions.csv"):
        Region.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})

    areas = {}
    for position, row in enumerate(rows("programme.csv")):
        if row["area"] not in areas:
            areas[row["area"]], _ = StrategicArea.objects.update_or_create(
                code=row["area"],
                defaults={
                    "title": row["area_title"],
                    "vision": row["vision"],
                    "position": len(areas) + 1,
                },
            )
        Commitment.objects.update_or_create(
            code=row["code"],
            defaults={
                "area": areas[row["area"]],
                "title": row["title"],
                "start": PROGRAMME_START,
                "target_date": PROGRAMME_TARGET,
                "position": position,
            },
        )

    commitments = {c.code: c for c in Commitment.objects.all()}
    for row in rows("indicators.csv"):
        Indicator.objects.update_or_create(
            code=row["code"],
            defaults={
                "commitment": commitments[row["commitment"]],
                "name": row["name"],
                "unit": row["unit"],
                "direction": row["direction"],
                "baseline_value": row["baseline_value"],
                "baseline_date": row["baseline_date"],
                "target_value": row["target_value"],
                "target_date": row["target_date"],
                "frequency": row["frequency"],
                "scope": row["scope"],
                "aggregation": row["aggregation"],
                "weight": row["weight"],
            },
        )
    for row in rows("milestones.csv"):
        Milestone.objects.update_or_create(
            commitment=commitments[row["commitment"]],
            title=row["title"],
            defaults={"due": row["due"], "done_on": row["done_on"] or None},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
