"""Data quality: a value far from the member's own history is accepted, but flagged for the
reviewer with the reason in words (docs/reporting-cycle.md).

A register names the value to watch (`quality_value`) and what makes one series besides the
member (`quality_series`: an indicator, a border mode). A value is an outlier when the member
has published at least three earlier values in the series and the new one is further from
their median than four robust standard deviations (1.4826 x the median absolute deviation) and
than half the median: both, so that a steady series does not flag a small change."""

from decimal import Decimal
from statistics import median

from core import registry
from core.choices import WorkflowStatus

OUTLIER = "outlier"
MINIMUM_HISTORY = 3


def outlier_reason(value, history):
    """Why `value` is doubtful next to `history` (earlier values), or "" when it is not."""
    if value is None or len(history) < MINIMUM_HISTORY:
        return ""
    values = [Decimal(v) for v in history]
    centre = median(values)
    spread = Decimal("1.4826") * median([abs(v - centre) for v in values])
    distance = abs(Decimal(value) - centre)
    if distance > 4 * spread and distance > abs(centre) / 2:
        return (
            f"{number(value)} is far from this member's earlier values: their median is "
            f"{number(centre)} (from {len(values)} published values)."
        )
    return ""


def number(value):
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"


def review(record):
    """Flag (or clear) a record of a watched register after it is saved: one query for its
    series, one to keep its flag."""
    from core.models import QualityFlag

    declared = registry.register_of(record)
    if declared is None or not declared.quality_value:
        return
    series = {"member_id": record.member_id}
    for name in declared.quality_series:
        field = record._meta.get_field(name)
        series[field.attname] = getattr(record, field.attname)
    history = (
        declared.model.objects.filter(**series, status=WorkflowStatus.PUBLISHED)
        .exclude(pk=record.pk)
        .values_list(declared.quality_value, flat=True)
    )
    reason = outlier_reason(getattr(record, declared.quality_value), list(history))
    flags = QualityFlag.objects.filter(register=declared.path, record_id=record.pk, kind=OUTLIER)
    if reason:
        flags.update_or_create(
            register=declared.path, record_id=record.pk, kind=OUTLIER, defaults={"reason": reason}
        )
    else:
        flags.delete()


def flags_of(register_path, record_ids):
    """{record id: [{"kind", "reason"}]} for records of one register: one query."""
    from core.models import QualityFlag

    found = {}
    for flag in QualityFlag.objects.filter(register=register_path, record_id__in=record_ids):
        found.setdefault(flag.record_id, []).append({"kind": flag.kind, "reason": flag.reason})
    return found
