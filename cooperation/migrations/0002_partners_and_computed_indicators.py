"""The international organisations customs cooperates with most (reference data), and the
cooperation indicators turned into indicators the platform computes from the registers.

COOP-1.1 (dialogues), COOP-2.1 (outreach actions) and COOP-3.1 (agreements with data-protection
clauses) were entered by hand; they are now computed from the dialogue, outreach and agreement
registers, and their hand-entered measurements are removed (the daily task records the computed
values). COOP-1.2, the share of dialogues' follow-up actions done on time, is new.
"""

from datetime import date

from django.db import migrations

PARTNERS = [
    ("World Trade Organization", "WTO"),
    ("United Nations Conference on Trade and Development", "UNCTAD"),
    ("Universal Postal Union", "UPU"),
    ("International Civil Aviation Organization", "ICAO"),
    ("International Maritime Organization", "IMO"),
    ("Organisation for Economic Co-operation and Development", "OECD"),
    ("World Bank", "WB"),
]

COMPUTED = {
    "COOP-1.1": {
        "source": "computed:cooperation.dialogues_in_year",
        "name": "Structured dialogues with business and other stakeholders in the past twelve months",
    },
    "COOP-2.1": {
        "source": "computed:cooperation.outreach_actions_in_year",
        "name": "Political outreach actions in the past twelve months",
    },
    "COOP-3.1": {
        "source": "computed:cooperation.agreements_with_data_protection",
        "name": "Share of cooperation agreements in force with data-protection clauses",
    },
}

NEW = {
    "code": "COOP-1.2",
    "commitment": "COOP-1",
    "name": "Follow-up actions of stakeholder dialogues done on time, past twelve months",
    "unit": "%",
    "baseline_value": 60,
    "target_value": 90,
    "source": "computed:cooperation.follow_up_actions_on_time",
}


def load(apps, schema_editor):
    Partner = apps.get_model("cooperation", "Partner")
    Indicator = apps.get_model("core", "Indicator")
    Measurement = apps.get_model("core", "Measurement")
    Commitment = apps.get_model("core", "Commitment")

    for name, acronym in PARTNERS:
        Partner.objects.update_or_create(
            name=name, defaults={"acronym": acronym, "kind": "international_organisation"}
        )
    commitment = Commitment.objects.filter(code=NEW["commitment"]).first()
    if commitment is not None:
        fields = {k: v for k, v in NEW.items() if k not in ("code", "commitment")}
        Indicator.objects.update_or_create(
            code=NEW["code"],
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
        Indicator.objects.filter(code=code).update(
            scope="programme", aggregation="mean", **changes
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_registers"),
        ("core", "0002_load_programme"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
