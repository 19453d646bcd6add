"""The SAFE Framework's pillars (core/reference/safe_pillars.csv) and editions; SEC-1.1, SEC-2.1,
SEC-3.1 and SEC-3.2 turned into programme figures computed from the registers (their
hand-entered, per-member values are removed: the registers now hold each member's answer); and
two new computed indicators of SEC-2, mutual recognition and risk-management maturity."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parents[2] / "core" / "reference"

EDITIONS = [
    (2005, "SAFE Framework of Standards", date(2005, 6, 23)),
    (2007, "SAFE Framework of Standards, with the AEO provisions", date(2007, 6, 30)),
    (2012, "SAFE Framework of Standards, 2012 edition", date(2012, 6, 30)),
    (2015, "SAFE Framework of Standards, 2015 edition (third pillar)", date(2015, 6, 30)),
    (2018, "SAFE Framework of Standards, 2018 edition", date(2018, 6, 30)),
    (2021, "SAFE Framework of Standards, 2021 edition", date(2021, 6, 30)),
]

COMPUTED = {
    "SEC-1.1": "computed:security.members_in_security_strategy",
    "SEC-2.1": "computed:security.members_with_operational_aeo",
    "SEC-3.1": "computed:security.members_with_operational_api",
    "SEC-3.2": "computed:security.members_with_operational_pnr",
}

NEW = [
    {
        "code": "SEC-2.2",
        "commitment": "SEC-2",
        "name": "Mutual recognition arrangements of AEO programmes implemented and in force",
        "unit": "arrangements",
        "baseline_value": 80,
        "target_value": 120,
        "source": "computed:security.implemented_recognitions",
    },
    {
        "code": "SEC-2.3",
        "commitment": "SEC-2",
        "name": "Median risk-management maturity of members (1 to 5)",
        "unit": "score",
        "baseline_value": 2.5,
        "target_value": 3.5,
        "source": "computed:security.median_maturity",
    },
]


def load(apps, schema_editor):
    SafePillar = apps.get_model("security", "SafePillar")
    SafeEdition = apps.get_model("security", "SafeEdition")
    Indicator = apps.get_model("core", "Indicator")
    Measurement = apps.get_model("core", "Measurement")

    with open(REFERENCE / "safe_pillars.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            SafePillar.objects.update_or_create(
                number=int(row["number"]), defaults={"title": row["title"]}
            )
    for year, title, published_on in EDITIONS:
        SafeEdition.objects.update_or_create(
            year=year, defaults={"title": title, "published_on": published_on}
        )
    Commitment = apps.get_model("core", "Commitment")
    for fields in NEW:
        fields = dict(fields)
        Indicator.objects.update_or_create(
            code=fields.pop("code"),
            defaults={
                **fields,
                "commitment": Commitment.objects.get(code=fields["commitment"]),
                "direction": "up",
                "baseline_date": date(2021, 12, 31),
                "target_date": date(2027, 12, 31),
                "frequency": "quarterly",
                "scope": "programme",
                "aggregation": "mean",
            },
        )
    for code, source in COMPUTED.items():
        Measurement.objects.filter(indicator__code=code).delete()
        Indicator.objects.filter(code=code).update(
            source=source, scope="programme", aggregation="mean"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_registers"),
        ("core", "0002_load_programme"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
