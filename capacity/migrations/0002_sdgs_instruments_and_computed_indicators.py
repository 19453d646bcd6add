"""The 17 Sustainable Development Goals and the WCO instruments (core/reference/); CB-1.1 and
CB-2.1 turned into programme figures computed from the registers (their hand-entered values no
longer mean the same thing and are removed: the daily task records the computed values); and
two new computed indicators, the follow-up of diagnostic recommendations (CB-1.2) and funding
disbursed towards the SDGs (CB-3.2). CB-3.1 stays a member-scoped indicator entered by hand."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

REFERENCE = Path(__file__).resolve().parents[2] / "core" / "reference"

COMPUTED = {
    "CB-1.1": {
        "source": "computed:capacity.ended_projects_evaluated",
        "name": "Share of ended capacity-building projects that were evaluated",
    },
    "CB-2.1": {
        "source": "computed:capacity.active_projects_aligned",
        "name": "Share of active technical-assistance projects aligned with a member strategic plan",
    },
}

NEW = [
    {
        "code": "CB-1.2",
        "commitment": "CB-1",
        "name": "Follow-up rate of diagnostic recommendations (share of those due that are done)",
        "unit": "%",
        "baseline_value": 40,
        "target_value": 80,
        "source": "computed:capacity.recommendations_followed_up",
    },
    {
        "code": "CB-3.2",
        "commitment": "CB-3",
        "name": "Funding disbursed by projects contributing to the SDGs (cumulative)",
        "unit": "EUR",
        "baseline_value": 0,
        "target_value": 50_000_000,
        "source": "computed:capacity.sdg_funding_disbursed",
    },
]


def rows(name):
    with open(REFERENCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    SDG = apps.get_model("capacity", "SDG")
    Instrument = apps.get_model("capacity", "Instrument")
    Commitment = apps.get_model("core", "Commitment")
    Indicator = apps.get_model("core", "Indicator")
    Measurement = apps.get_model("core", "Measurement")

    for row in rows("sdgs.csv"):
        SDG.objects.update_or_create(number=int(row["number"]), defaults={"title": row["title"]})
    for row in rows("wco_instruments.csv"):
        Instrument.objects.update_or_create(
            code=row["code"], defaults={"title": row["title"], "kind": row["kind"]}
        )
    for fields in NEW:
        fields = dict(fields)
        commitment = Commitment.objects.filter(code=fields.pop("commitment")).first()
        if commitment is None:  # a database without the programme: nothing to attach to
            continue
        Indicator.objects.update_or_create(
            code=fields.pop("code"),
            defaults={
                **fields,
                "commitment": commitment,
                "direction": "up",
                "baseline_date": date(2021, 12, 31),
                "target_date": date(2027, 12, 31),
                "frequency": "quarterly",
                "scope": "programme",
                "aggregation": "mean",
            },
        )
    for code, changes in COMPUTED.items():
        Measurement.objects.filter(indicator__code=code).delete()
        Indicator.objects.filter(code=code).update(scope="programme", aggregation="mean", **changes)


class Migration(migrations.Migration):
    dependencies = [
        ("capacity", "0001_registers"),
        ("core", "0002_load_programme"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
