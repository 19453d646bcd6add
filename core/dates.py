"""The range of days the platform reasons about. Dates far outside it (year 1 or 9999) are
typing mistakes, and date arithmetic on them overflows: they are refused with a clear error."""

from datetime import date

from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def within_platform_range(day):
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValidationError(
            f"Give a date between {EARLIEST:%d %B %Y} and {LATEST:%d %B %Y}.", code="out_of_range"
        )


def in_range(*days):
    return all(day is None or EARLIEST <= day <= LATEST for day in days)
