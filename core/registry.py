"""What area apps contribute to the programme without importing one another (DESIGN.md 2).

Each area app registers, in its `AppConfig.ready()`:
- computed indicators: `key -> function(as_of: date) -> Decimal | None`, recorded as published
  programme measurements by a periodic task (`core.computed`), so trends exist without anyone
  typing them;
- its report chapter: `area code -> report_section(period)` returning plain data;
- its demo data: `area code -> function(rng, periods, today, by)` for `manage.py seed_demo`;
- what it knows of members' assistance needs: `source key -> function(as_of) -> Needs`, read
  by donor coordination (capacity's gaps) without importing the area that knows the need.
"""

from dataclasses import dataclass
from datetime import date

COMPUTED_PREFIX = "computed:"

_computed_indicators = {}
_report_sections = {}
_demo_data = {}
_assistance_needs = {}


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


@dataclass(frozen=True)
class Need:
    """A member's need for assistance in a strategic area, as an area app knows it.

    `kind` says what the need is (e.g. `recommendation`, `tfa_category_c`), `reference` which
    record it comes from (a recommendation's id, a TFA measure's code), `label` says it in words,
    `priority` is `high`, `medium` or `low`. `public` says whether its label may be shown beyond
    the member and the secretariat (a restricted diagnostic's recommendation may not)."""

    member_id: int
    area_code: str
    kind: str
    reference: str
    label: str
    priority: str = "high"
    public: bool = True


def assistance_needs(source_key):
    """Decorator: register `function(as_of) -> iterable of Need`, the assistance needs members
    have on `as_of` as the contributing app knows them."""

    def register(function):
        if source_key in _assistance_needs and _assistance_needs[source_key] is not function:
            raise ValueError(f"Assistance needs {source_key!r} are registered twice.")
        _assistance_needs[source_key] = function
        return function

    return register


def needs_sources():
    return dict(_assistance_needs)


def needs(as_of):
    """Every contributed need on `as_of`, by member, area and reference."""
    found = [need for source in _assistance_needs.values() for need in source(as_of)]
    return sorted(found, key=lambda n: (n.member_id, n.area_code, n.kind, n.reference))
