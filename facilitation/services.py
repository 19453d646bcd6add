"""Figures of the facilitation registers: the TFA implementation rate (the WTO's way), release
times, adoption of the e-commerce standards, joint activities and revenue. The area page, the
API, the computed indicators and the report all call these. Each is a fixed number of queries.

Only published records count, and only as published by the day asked about, so the figures of
a past day do not change when later data arrives.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from statistics import median

from django.db.models import Count, F

from core.figures import MINIMUM_MEMBERS, active_members, published_by, rate
from core.models import Member
from facilitation.choices import AdoptionStatus
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)

# --- TFA implementation ---------------------------------------------------------------------


@dataclass
class Implementation:
    implemented: int = 0
    measures: int = 0  # measures expected: 36 for each member counted

    @property
    def rate(self):
        return rate(self.implemented, self.measures)

    def add(self, other):
        self.implemented += other.implemented
        self.measures += other.measures


def implementation_by_member(day, members=None):
    """{member: Implementation} on `day`: the share of the 36 measures each member implements.
    A measure without a published notification counts as not implemented."""
    measures = TFAMeasure.objects.count()
    members = list(
        (members if members is not None else active_members(day))
        .select_related("region")
        .order_by("name")
    )
    counts = dict(
        published_by(TFANotification.objects, day)
        .implemented_on(day)
        .filter(member__in=[m.pk for m in members])
        .values_list("member_id")
        .annotate(count=Count("id"))
    )
    return {m: Implementation(counts.get(m.pk, 0), measures) for m in members}


def implementation_by_region(by_member):
    regions = defaultdict(Implementation)
    overall = Implementation()
    for member, figures in by_member.items():
        regions[member.region].add(figures)
        overall.add(figures)
    return dict(sorted(regions.items(), key=lambda item: item[0].name)), overall


def implementation_by_measure(day):
    """[(measure, members implementing, rate)] on `day`, over the active members."""
    members = active_members(day).count()
    counts = dict(
        published_by(TFANotification.objects, day)
        .implemented_on(day)
        .filter(member__is_active=True)
        .values_list("measure_id")
        .annotate(count=Count("id"))
    )
    return [
        (measure, counts.get(measure.pk, 0), rate(counts.get(measure.pk, 0), members))
        for measure in TFAMeasure.objects.order_by("position")
    ]


def tfa_implementation_rate(as_of):
    _, overall = implementation_by_region(implementation_by_member(as_of))
    return overall.rate


def implementation_schedule(day, members=None):
    """What members have committed to implement after `day`: {year: measures}, plus the
    commitments with no date at all (key None)."""
    notifications = published_by(TFANotification.objects, day).still_to_come(day)
    if members is not None:
        notifications = notifications.filter(member__in=members)
    schedule = defaultdict(int)
    for effective in notifications.values_list("effective", flat=True):
        schedule[effective.year if effective else None] += 1
    return dict(sorted(schedule.items(), key=lambda item: (item[0] is None, item[0] or 0)))


def implementation_matrix(day, members):
    """{(member_id, measure_id): (category, implemented)} for the members' published
    notifications on `day`: the measure-by-member matrix."""
    cells = {}
    rows = (
        published_by(TFANotification.objects, day)
        .with_effective_date()
        .filter(member__in=members)
        .values_list("member_id", "measure_id", "category", "effective")
    )
    for member_id, measure_id, category, effective in rows:
        cells[(member_id, measure_id)] = (category, effective is not None and effective <= day)
    return cells


# --- release times --------------------------------------------------------------------------


@dataclass
class ReleaseTrend:
    member: Member
    mode: str
    first_year: int
    first_hours: Decimal
    latest_year: int
    latest_hours: Decimal

    @property
    def reduction(self):
        """Per cent less time than at the member's first study in this mode (negative: more)."""
        return round(100 * (self.first_hours - self.latest_hours) / self.first_hours, 1)

    @property
    def grew(self):
        return self.latest_hours > self.first_hours


def first_and_latest_studies(day, members=None):
    """{(member_id, mode): ((first year, hours), (latest year, hours))} for each member and
    border mode with two published studies or more. Plain rows, not model objects: the
    computed indicator reads every study for every quarter."""
    studies = published_by(ReleaseTimeStudy.objects, day).filter(year__lte=day.year)
    if members is not None:
        studies = studies.filter(member__in=members)
    series = defaultdict(list)
    rows = studies.order_by("year").values_list(
        "member_id", "mode", "year", "average_release_hours"
    )
    for member_id, mode, year, hours in rows:
        series[(member_id, mode)].append((year, hours))
    return {key: (found[0], found[-1]) for key, found in series.items() if len(found) >= 2}


def release_trends(day, members=None):
    """Each member's first and latest published study in each border mode (at least two)."""
    pairs = first_and_latest_studies(day, members)
    found = Member.objects.select_related("region").in_bulk({m for m, _ in pairs})
    trends = [
        ReleaseTrend(found[member_id], mode, *first, *latest)
        for (member_id, mode), (first, latest) in pairs.items()
    ]
    return sorted(trends, key=lambda t: (t.member.name, t.mode))


def median_reduction(pairs):
    """The median of the reductions (%) since the first study, over `first_and_latest_studies`."""
    reductions = [
        100 * float(first_hours - latest_hours) / float(first_hours)
        for (_, first_hours), (_, latest_hours) in pairs.values()
    ]
    return round(median(reductions), 1) if reductions else None


def median_release_time_reduction(as_of):
    return median_reduction(first_and_latest_studies(as_of))


# --- e-commerce standards -------------------------------------------------------------------


def fully_adopted_counts(day, members=None):
    """{member_id: standards fully adopted (any version)} from published adoptions."""
    adoptions = published_by(EcommerceAdoption.objects, day).filter(
        adoption_status=AdoptionStatus.FULLY, adopted_on__lte=day
    )
    if members is not None:
        adoptions = adoptions.filter(member__in=members)
    return dict(adoptions.values_list("member_id").annotate(count=Count("id")))


def members_adopting_half_of_the_standards(as_of):
    """Share of active members (%) that have fully adopted at least half of the standards."""
    standards = EcommerceStandard.objects.filter(since__lte=as_of.year).count()
    members = list(active_members(as_of).values_list("pk", flat=True))
    if not standards or not members:
        return None
    counts = fully_adopted_counts(as_of)
    adopting = sum(1 for pk in members if 2 * counts.get(pk, 0) >= standards)
    return rate(adopting, len(members))


def adoption_by_standard(day):
    """[(standard, {adoption status: members}, members behind the current version)]."""
    rows = (
        published_by(EcommerceAdoption.objects, day)
        .filter(member__is_active=True)
        .values_list("standard_id", "adoption_status")
        .annotate(count=Count("id"))
    )
    counts = defaultdict(dict)
    for standard_id, status, count in rows:
        counts[standard_id][status] = count
    behind = dict(
        published_by(EcommerceAdoption.objects, day)
        .filter(version__lt=F("standard__version"))
        .values_list("standard_id")
        .annotate(count=Count("id"))
    )
    return [
        (standard, counts.get(standard.pk, {}), behind.get(standard.pk, 0))
        for standard in EcommerceStandard.objects.order_by("number")
    ]


# --- joint activities and revenue -----------------------------------------------------------


def joint_activities_in_year_to(as_of):
    """Joint activities held in the twelve months to `as_of` (TF-2.1)."""
    return JointActivity.objects.filter(
        held_on__gt=as_of - timedelta(days=365), held_on__lte=as_of
    ).count()


def revenue_by_year(day, members=None):
    """[(year, reports, reports with e-commerce figures, mean e-commerce share %)]; the mean
    only over five members or more, so that no member's figure can be inferred."""
    reports = published_by(RevenueReport.objects, day)
    if members is not None:
        reports = reports.filter(member__in=members)
    years = defaultdict(list)
    for year, total, ecommerce in reports.values_list("year", "total_revenue", "ecommerce_revenue"):
        years[year].append((total, ecommerce))
    result = []
    for year in sorted(years):
        shares = [100 * e / t for t, e in years[year] if e is not None and t]
        mean = round(sum(shares) / len(shares), 1) if len(shares) >= MINIMUM_MEMBERS else None
        result.append((year, len(years[year]), len(shares), mean))
    return result
