"""System checks on the registry (`manage.py check`): a report without an area's chapter, or a
register members report into without a reporting frequency, fails at start-up, not in a report
or a reminder months later."""

from django.core import checks

from core import registry
from core.choices import ReportingFrequency

WRITERS = {"members", "secretariat", "nobody"}


@checks.register()
def check_registry(app_configs=None, **kwargs):
    errors = []
    sections = registry.report_sections()
    for code in registry.AREA_CODES:
        if code not in sections:
            errors.append(
                checks.Error(
                    f"The strategic area {code!r} has no report chapter.",
                    hint=f"Register one with @report_section({code!r}) in {code}/report.py.",
                    id="core.E001",
                )
            )
    slugs = set()
    for declared in registry.registers():
        where = f"Register {declared.path}"
        names = {f.name for f in declared.model._meta.get_fields()}
        if declared.members_report and declared.frequency not in ReportingFrequency.values:
            errors.append(
                checks.Error(
                    f"{where}: members report into it but it has no reporting frequency.",
                    hint=f"Set frequency to one of {', '.join(ReportingFrequency.values)}.",
                    id="core.E002",
                )
            )
        if declared.frequency and declared.frequency not in ReportingFrequency.values:
            errors.append(
                checks.Error(f"{where}: unknown frequency {declared.frequency!r}.", id="core.E003")
            )
        if declared.period is not None:
            for name in declared.period.fields:
                if name not in names:
                    errors.append(
                        checks.Error(f"{where}: no period field {name!r}.", id="core.E004")
                    )
        if declared.expected_per and declared.expected_per not in names:
            errors.append(
                checks.Error(
                    f"{where}: no field {declared.expected_per!r} to expect records per.",
                    id="core.E005",
                )
            )
        if declared.writers not in WRITERS:
            errors.append(checks.Error(f"{where}: unknown writers.", id="core.E006"))
        if declared.path.split("/", 1)[0] != declared.app_label or "/" not in declared.path:
            errors.append(
                checks.Error(
                    f"{where}: the path must be '<app>/<collection>' of its model's app.",
                    id="core.E007",
                )
            )
        if declared.slug:
            key = (declared.app_label, declared.slug)
            if key in slugs:
                errors.append(checks.Error(f"{where}: page slug used twice.", id="core.E008"))
            slugs.add(key)
    return errors
