"""The registry: every register of the platform, declared once, and what the area apps
contribute to the programme without importing one another (docs/architecture.md).

A register is a collection of records (mandates, TFA notifications, AEO programmes...). Each app
declares its registers in its `registers.py` with `register(Register(...))`: the model, the one
identifier used on the wire (its API path, e.g. `facilitation/release-time-studies`), who reports
into it and how often, its period, its CSV key, its list columns and filters, its pages. The
browser URLs, the generic views and templates, the API router, the generic tests and the
reporting cycle all read these declarations (docs/development/adding-a-register.md).

Apps also contribute, each from a module of its own found by `autodiscover()` when the project
starts (never as a side effect of another import):
- `indicators.py`: computed indicators, `key -> function(as_of) -> Decimal | None`, recorded as
  published programme measurements by a periodic task (`core.computed`);
- `report.py`: its report chapter, `area code -> report_section(period)` returning plain data;
- `needs.py`: what it knows of members' assistance needs, read by donor coordination;
- `demo.py`: its demo data, found only by `manage.py seed_demo` (`autodiscover_demo()`), so web
  and worker processes never load it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.module_loading import autodiscover_modules

COMPUTED_PREFIX = "computed:"
AREA_CODES = ("governance", "facilitation", "security", "capacity", "cooperation")

# The modules every app may contribute from, imported when the project starts.
CONTRIBUTION_MODULES = ("registers", "indicators", "needs", "report")

_registers = {}
_computed_indicators = {}
_report_sections = {}
_demo_data = {}
_demo_finishing = {}
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


# --- registers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodField:
    """Where a register's records keep the period they report on: a date range (`start` and
    `end` fields), a year (one integer field, read as the calendar year) or a single date."""

    kind: str
    start: str
    end: str = ""

    RANGE = "range"
    YEAR = "year"
    DATE = "date"

    def bounds(self, record):
        """The first and last day of the record's period (None when it has none yet)."""
        first = getattr(record, self.start)
        if first is None:
            return None
        if self.kind == self.YEAR:
            return date(first, 1, 1), date(first, 12, 31)
        if self.kind == self.RANGE:
            return first, getattr(record, self.end) or first
        return first, first

    def within(self, start, end):
        """A filter: records whose period lies wholly inside `start`..`end`."""
        if self.kind == self.YEAR:
            return Q(**{f"{self.start}__gte": start.year + (start > date(start.year, 1, 1))}) & Q(
                **{f"{self.start}__lte": end.year - (end < date(end.year, 12, 31))}
            )
        last = self.end if self.kind == self.RANGE else self.start
        return Q(**{f"{self.start}__gte": start, f"{last}__lte": end})

    @property
    def fields(self):
        return tuple(name for name in (self.start, self.end) if name)


def date_range(start="period_start", end="period_end"):
    """The period is a range of dates held in two fields."""
    return PeriodField(PeriodField.RANGE, start, end)


def calendar_year(name="year"):
    """The period is the calendar year held in an integer field."""
    return PeriodField(PeriodField.YEAR, name)


def single_date(name):
    """The period is the day held in one date field (an assessment, an activity's start)."""
    return PeriodField(PeriodField.DATE, name)


@dataclass(frozen=True, eq=False)
class Register:
    """One register, declared once. Only `path` and `model` are required; the rest says who
    reports into it, its period and CSV key (the reporting cycle), and how it is shown (the
    pages and the API). Anything a register does beyond the generic is a view or viewset class
    named in `views` or `viewset`, which receives the register too."""

    # What it is. `path` is the identifier on the wire: its API path under /api/v1/.
    path: str
    model: type
    label: str = ""
    label_plural: str = ""
    description: str = ""

    # The reporting cycle: whether member administrations report into it, how often
    # (`core.choices.ReportingFrequency`), the period each record covers, the days after the
    # period's end a record is due, the field naming what a member reports once for (a TFA
    # notification per `measure`), and the fields that identify a record in a CSV file.
    members_report: bool = False
    frequency: str = ""
    period: PeriodField | None = None
    due_days: int = 60
    expected_per: str = ""
    csv_key: tuple = ()
    # What members report for, when `expected_per` names it: a function returning the subjects
    # expected (default: every row of that field's model), the subject's field that names it on
    # the wire, and (measurements) the subject's field that sets its own frequency.
    expected_subjects: Callable | None = None
    subject_key: str = "code"
    subject_frequency: str = ""
    # What members are told of when it opens for their response, though they owe nothing until
    # then (a consultation): a function(today) -> [(subject, due on, what it is in words)],
    # addressed to every active member that has not answered it yet.
    announcements: Callable | None = None
    # Data quality: the numeric field whose value is compared with the member's own history,
    # and the fields (besides the member) that make one series (an indicator, a border mode).
    quality_value: str = ""
    quality_series: tuple = ()

    # The API: the serializer and filters; the generic viewset is built from them unless a
    # `viewset` class is named. `writers`: `members` (a member's own records, the workflow),
    # `secretariat` or `nobody` (read-only reference data). The lookup (a field, and the pattern
    # its values match: a TFA measure's "7.4") and the orderings offered apply to either.
    serializer: type | None = None
    filterset: type | None = None
    viewset: type | None = None
    # The field on the wire holding the workflow's status: `submission_status` where `status`
    # is the register's own (an AEO programme's, an agreement's).
    workflow_status: str = "status"
    writers: str = ""
    select_related: tuple = ()
    prefetch_related: tuple = ()
    ordering: tuple = ()
    ordering_fields: tuple = ()
    lookup_field: str = "pk"
    lookup_value_regex: str = ""

    # The pages, under the app's URL prefix: `slug` (e.g. `studies` -> /facilitation/studies/),
    # `url_name` (e.g. `study` -> facilitation:study_list, _detail, _create, _edit,
    # _transition, _access), the form of the new and edit pages, the list's columns (field
    # names or (name, django_tables2 column) pairs) and search, the filters' labels and lists,
    # the detail page's facts (field names or (name, label) pairs) and template, the fields a
    # new record's form takes from the query string (`?year=2025`), and view classes replacing
    # the generic ones (`list`, `detail`, `create`, `edit`, `transition`, `access`).
    slug: str = ""
    url_name: str = ""
    form: type | None = None
    columns: tuple = ()
    search: tuple = ()
    filter_labels: dict = field(default_factory=dict)
    filter_lists: dict = field(default_factory=dict)
    hidden_filters: tuple = ()
    detail_page: bool = True
    facts: tuple = ()
    initial_from_query: tuple = ()
    list_template: str = ""
    detail_template: str = ""
    context_name: str = ""
    views: dict = field(default_factory=dict)

    def __post_init__(self):
        meta = self.model._meta
        if not self.label:
            object.__setattr__(self, "label", str(meta.verbose_name))
        if not self.label_plural:
            object.__setattr__(self, "label_plural", str(meta.verbose_name_plural))
        if not self.writers:
            object.__setattr__(self, "writers", "members" if self.members_report else "secretariat")
        if self.slug and not self.url_name:
            raise ValueError(f"Register {self.path}: a page slug needs its url_name.")

    # --- what it is ---------------------------------------------------------------------------

    @property
    def app_label(self):
        return self.model._meta.app_label

    @property
    def area(self):
        """The strategic area it belongs to (None for core's shared registers)."""
        return self.app_label if self.app_label in AREA_CODES else None

    @property
    def collection(self):
        """Its last path segment: the router's prefix under the app's API root."""
        return self.path.split("/", 1)[1]

    @property
    def api_basename(self):
        """The router's basename: the collection in the singular (`release-time-study`)."""
        name = self.collection
        if name.endswith("ies"):
            return name[:-3] + "y"
        if name.endswith("s") and not name.endswith("ss"):
            return name[:-1]
        return name

    @property
    def has_workflow(self):
        from core.models import Workflow

        return issubclass(self.model, Workflow)

    @property
    def member_scoped(self):
        """Its records belong to one member (a `member` field)."""
        return any(f.name == "member" for f in self.model._meta.concrete_fields)

    @property
    def shareable(self):
        """Its member (or the secretariat) grants others read access to a record."""
        return hasattr(self.model, "read_grants") or hasattr(self.model, "staff_grants")

    @property
    def has_pages(self):
        return bool(self.slug)

    @property
    def periodic(self):
        """Members report into it once a quarter or once a year."""
        return self.members_report and self.frequency in ("quarterly", "annual")

    @property
    def expects_records(self):
        """The reporting cycle expects records of it from members (not for what happens)."""
        return self.members_report and self.frequency in ("quarterly", "annual", "once")

    def subjects(self):
        """What a member reports for (a queryset), or None when it reports once per member or
        period."""
        if not self.expected_per:
            return None
        if self.expected_subjects is not None:
            return self.expected_subjects()
        return self.model._meta.get_field(self.expected_per).related_model.objects.all()

    @property
    def exports(self):
        """Its API exports and imports CSV (`export/`, `import/`) by its natural key."""
        return bool(self.csv_key)

    def base_queryset(self):
        """All its records with what a page or an API answer shows of them fetched alongside,
        in its order: scope it with `for_user()` before use."""
        queryset = self.model.objects.all()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        if self.ordering:
            queryset = queryset.order_by(*self.ordering)
        return queryset


def register(declaration):
    """Add a register to the registry (once: a second declaration of a path or model fails)."""
    for known in _registers.values():
        if known is declaration:
            return declaration
        if known.path == declaration.path or known.model is declaration.model:
            raise ValueError(f"Register {declaration.path} is declared twice.")
    _registers[declaration.path] = declaration
    return declaration


def registers(app_label=None, members_report=None):
    """The registers, in the order apps declared them, optionally of one app or only those
    members report into."""
    found = list(_registers.values())
    if app_label is not None:
        found = [r for r in found if r.app_label == app_label]
    if members_report is not None:
        found = [r for r in found if r.members_report == members_report]
    return found


def get_register(path):
    """The register with that identifier (KeyError if none)."""
    return _registers[path]


def register_of(model):
    """The register of a model (or of a model's instance), None if it has none."""
    model = model if isinstance(model, type) else type(model)
    model = model._meta.concrete_model
    for declared in _registers.values():
        if declared.model is model:
            return declared
    return None


def autodiscover():
    """Import every app's contributions (`registers`, `indicators`, `needs`, `report`): run
    once from core's AppConfig.ready(), so every process has all of them, whatever it loads."""
    for module in CONTRIBUTION_MODULES:
        autodiscover_modules(module)


def autodiscover_demo():
    """Import every app's `demo` module: only `seed_demo` needs them."""
    autodiscover_modules("demo")


# --- computed indicators ------------------------------------------------------------------------


def computed_indicator(key):
    """Decorator: register `function(as_of) -> value or None` as computed indicator `key`."""

    def add(function):
        if key in _computed_indicators and _computed_indicators[key] is not function:
            raise ValueError(f"Computed indicator {key!r} is registered twice.")
        _computed_indicators[key] = function
        return function

    return add


def computed_indicators():
    return dict(_computed_indicators)


def compute(source, as_of):
    """The value of indicator source `computed:<key>` at `as_of` (KeyError if unknown)."""
    return _computed_indicators[source.removeprefix(COMPUTED_PREFIX)](as_of)


# --- report chapters ----------------------------------------------------------------------------


def report_section(area_code):
    """Register `function(period)` as the report chapter's data for strategic area `area_code`."""

    def add(function):
        _report_sections[area_code] = function
        return function

    return add


def report_sections():
    return dict(_report_sections)


class MissingReportChapter(LookupError):
    """A strategic area has no report chapter: a report without it would be incomplete."""


def report_sections_for(area_codes):
    """The chapter function of each area, refusing loudly when one is missing."""
    missing = [code for code in area_codes if code not in _report_sections]
    if missing:
        raise MissingReportChapter(
            f"No report chapter is registered for: {', '.join(missing)}. "
            "Each area app contributes one in its report.py."
        )
    return {code: _report_sections[code] for code in area_codes}


# --- demo data ----------------------------------------------------------------------------------


def demo_data(name):
    """Register `function(rng, periods, today, by) -> {register: records created}` as the demo
    data of `name` (a strategic area, or another app): `periods` are seed_demo's quarters, oldest
    first; `by` is the secretariat's user. It adds nothing (and returns {}) when its data is
    there already. Builders run in the order of their names."""

    def add(function):
        _demo_data[name] = function
        return function

    return add


def demo_datasets():
    return dict(_demo_data)


def demo_finish(name):
    """Register `function(by) -> a line to print, or ""`, run by seed_demo once the demo data is
    committed (the reports app makes a first report from it)."""

    def add(function):
        _demo_finishing[name] = function
        return function

    return add


def demo_finishing():
    return dict(_demo_finishing)


# --- members' assistance needs ------------------------------------------------------------------


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

    def add(function):
        if source_key in _assistance_needs and _assistance_needs[source_key] is not function:
            raise ValueError(f"Assistance needs {source_key!r} are registered twice.")
        _assistance_needs[source_key] = function
        return function

    return add


def needs_sources():
    return dict(_assistance_needs)


def needs(as_of):
    """Every contributed need on `as_of`, by member, area and reference."""
    found = [need for source in _assistance_needs.values() for need in source(as_of)]
    return sorted(found, key=lambda n: (n.member_id, n.area_code, n.kind, n.reference))
