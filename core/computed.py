"""Recording computed indicators: the values area apps compute from their
registers become published programme measurements, so their trends exist without anyone
typing them. Running it twice, or every day, changes nothing but what changed."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.choices import IndicatorScope, WorkflowStatus
from core.models import Indicator, Measurement
from core.periods import period_containing
from core.registry import COMPUTED_PREFIX, compute, computed_indicators


def computed_programme_indicators():
    keys = [COMPUTED_PREFIX + key for key in computed_indicators()]
    return list(
        Indicator.objects.filter(source__in=keys, scope=IndicatorScope.PROGRAMME).order_by("code")
    )


def record(indicator, start, end, as_of, by=None):
    """Record the indicator's value at `as_of` for the period; returns the measurement, or None
    when there is nothing to measure yet."""
    value = compute(indicator.source, as_of)
    if value is None:
        return None
    note = f"Computed by the platform from its registers on {as_of:%d %B %Y}."
    measurement = Measurement.objects.filter(
        indicator=indicator, member__isnull=True, period_start=start
    ).first()
    if measurement is None:
        measurement = Measurement(indicator=indicator, period_start=start)
    elif measurement.value == value and measurement.period_end == end:
        return measurement
    now = timezone.now()
    measurement.period_end = end
    measurement.value = value
    measurement.note = note
    measurement.status = WorkflowStatus.PUBLISHED
    measurement.status_changed_at = now
    measurement.published_at = measurement.published_at or now
    measurement.stamp(by)
    measurement.save()
    return measurement


def record_computed_indicators(today=None):
    """Each computed indicator's value for the current period (as of today) and for the
    period before (as of its last day, so it ends exact). Returns the measurements recorded."""
    today = today or timezone.localdate()
    recorded = []
    with transaction.atomic():
        for indicator in computed_programme_indicators():
            start, end = period_containing(today, indicator.frequency)
            previous_start, previous_end = period_containing(
                start - timedelta(days=1), indicator.frequency
            )
            for period_start, period_end, as_of in (
                (previous_start, previous_end, previous_end),
                (start, end, today),
            ):
                measurement = record(indicator, period_start, period_end, as_of)
                if measurement is not None:
                    recorded.append(measurement)
    return recorded
