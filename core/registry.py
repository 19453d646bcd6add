"""What area apps contribute to the programme without importing one another (DESIGN.md 2).

Each area app registers, in its `AppConfig.ready()`:
- computed indicators: `key -> function(as_of: date) -> Decimal | None`, recorded as published
  programme measurements by a periodic task (`core.computed`), so trends exist without anyone
  typing them;
- its report chapter: `area code -> report_section(period)` returning plain data;
- its demo data: `area code -> function(rng, periods, today, by)` for `manage.py seed_demo`.
"""

from dataclasses import dataclass
from datetime import date

COMPUTED_PREFIX = "computed:"

_computed_indicators = {}
_report_sections = {}
_demo_data = {}


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


def demo_data(area_code):
    """Register `function(rng, periods, today, by) -> {register: records created}` as the demo
    data of strategic area `area_code`: `periods` are seed_demo's quarters, oldest first; `by` is
    the secretariat's user. It adds nothing (and returns {}) when the area has data already."""

    def register(function):
        _demo_data[area_code] = function
        return function

    return register


def demo_datasets():
    return dict(_demo_data)
