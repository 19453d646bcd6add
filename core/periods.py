"""Reporting periods: calendar months, quarters and years, the periods between two days, and
the period of a register's record."""

from datetime import date, timedelta

from core.choices import Frequency, ReportingFrequency

MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    ReportingFrequency.QUARTERLY: 3,
    Frequency.ANNUAL: 12,
    ReportingFrequency.ANNUAL: 12,
}


def period_containing(day, frequency):
    """The reporting period (start, end) of `frequency` that contains `day`."""
    months = MONTHS[frequency]
    first_month = months * ((day.month - 1) // months) + 1
    start = date(day.year, first_month, 1)
    following = first_month + months
    end = (
        date(day.year + 1, 1, 1) if following > 12 else date(day.year, following, 1)
    ) - timedelta(days=1)
    return start, end


def periods_between(frequency, first_day, last_day):
    """The periods of `frequency` from the one containing `first_day` to the one containing
    `last_day`, both included, oldest first."""
    periods = []
    day = first_day
    while day <= last_day:
        start, end = period_containing(day, frequency)
        periods.append((start, end))
        day = end + timedelta(days=1)
    return periods
