"""What area apps contribute to the programme without importing one another (DESIGN.md 2).

Each area app registers, in its `AppConfig.ready()`:
- computed indicators: `key -> function(as_of: date) -> Decimal | None`, recorded as published
  programme measurements by a periodic task (`core.computed`), so trends exist without anyone
  typing them;
- its report chapter: `area code -> report_section(period)` returning plain data.
"""

from dataclasses import dataclass
from datetime import date

COMPUTED_PREFIX = "computed:"

_computed_indicators = {}
_report_sections = {}


@dataclass(frozen=True)
class Period:
    """A reporting period, both days included."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts.")

    def __contains__(self, day):
        return self.start <= day <= self.end


def computed_indicator(key):
    """Decorator: register `function(as_of) -> value or None` as computed indicator `key`."""

    def register(function):
        if key in _computed_indicators and _computed_indicators[key] is not function:
            raise ValueError(f"Computed indicator {key!r} is registered twice.")
        _computed_indicators[key] = function
        return function

    return register


def computed_indicators():
    return dict(_computed_indicators)


def compute(source, as_of):
    """The value of indicator source `computed:<key>` at `as_of` (KeyError if unknown)."""
    return _computed_indicators[source.removeprefix(COMPUTED_PREFIX)](as_of)


def report_section(area_code):
    """Register `function(period)` as the report chapter's data for strategic area `area_code`."""

    def register(function):
        _report_sections[area_code] = function
        return function

    return register


def report_sections():
    return dict(_report_sections)
