"""Programme progress: one computation the pages, API and reports share (docs/architecture.md,
"Progress").

- An indicator's progress is (latest published value - baseline) / (target - baseline), clipped
  to [0, 1]; since target and baseline are ordered by the indicator's direction, the same formula
  serves rising and falling indicators.
- A member-scoped indicator's programme value on a day aggregates each member's latest published
  value up to that day (sum, mean, or the share of active members with a positive value), so a
  quarter still under review never hides what members reported before.
- A commitment's progress is the weighted mean of its indicators' progress (an indicator with no
  published value counts as 0); an area's, the weighted mean of its commitments'.
- A commitment's status compares that progress (or, with no measured indicator, the share of its
  milestones done) with the share of its time elapsed; see `commitment_status`.

`ProgrammeSnapshot` fetches everything in a fixed number of queries, whatever the programme's size.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Max, OuterRef, Prefetch, Q, Subquery, Sum

from core.choices import Aggregation, CommitmentStatus, IndicatorScope, WorkflowStatus

# How far behind the elapsed share of time progress may fall before a commitment is at risk,
# and before it is off track.
AT_RISK_GAP = 0.10
OFF_TRACK_GAP = 0.25


def indicator_progress(baseline, target, latest):
    """Share of the way from baseline to target that `latest` has covered, clipped to [0, 1]."""
    if latest is None:
        return None
    baseline, target, latest = float(baseline), float(target), float(latest)
    if target == baseline:
        return 1.0 if latest == target else 0.0
    return min(1.0, max(0.0, (latest - baseline) / (target - baseline)))


def weighted_mean(pairs):
    """Mean of (value, weight) pairs; None if there is no weight at all."""
    total_weight = sum(float(w) for _, w in pairs)
    if not total_weight:
        return None
    return sum(float(v) * float(w) for v, w in pairs) / total_weight


def elapsed_share(start, end, today):
    if today <= start:
        return 0.0
    if today >= end:
        return 1.0
    return (today - start).days / (end - start).days


def commitment_status(
    *,
    start,
    target_date,
    today,
    progress,
    milestones_done,
    milestones_total,
    milestones_overdue,
    measured,
    has_indicators=True,
):
    """The commitment's status, from its progress and milestones against elapsed time.

    - `done`: every milestone done and every indicator at its target (a commitment without
      indicators: every milestone done); an unmeasured indicator is never at its target;
    - `not_started`: its start is still ahead, or nothing has been measured or achieved yet;
    - otherwise achievement (indicator progress if measured, else the share of milestones done)
      is compared with the elapsed share of the commitment's time: within 10 points `on_track`,
      within 25 points `at_risk`, further behind `off_track`. An overdue milestone makes an
      on-track commitment at risk; a passed target date without completion is off track.
    """
    all_milestones_done = milestones_done == milestones_total
    target_reached = progress >= 1.0 if has_indicators else milestones_total > 0
    if all_milestones_done and target_reached and (measured or not has_indicators):
        return CommitmentStatus.DONE
    if today < start or (not measured and milestones_done == 0):
        return CommitmentStatus.NOT_STARTED
    achieved = progress if measured else milestones_done / milestones_total
    if today > target_date:
        return CommitmentStatus.OFF_TRACK
    gap = elapsed_share(start, target_date, today) - achieved
    if gap > OFF_TRACK_GAP:
        return CommitmentStatus.OFF_TRACK
    if gap > AT_RISK_GAP or milestones_overdue:
        return CommitmentStatus.AT_RISK
    return CommitmentStatus.ON_TRACK


@dataclass
class IndicatorState:
    indicator: object
    latest_value: Decimal | None = None
    latest_period: date | None = None
    reporting_members: int = 0
    progress: float | None = None


@dataclass
class CommitmentState:
    commitment: object
    indicators: list = field(default_factory=list)
    progress: float = 0.0
    status: str = CommitmentStatus.NOT_STARTED
    milestones_done: int = 0
    milestones_total: int = 0
    milestones_overdue: int = 0

    @property
    def status_label(self):
        return CommitmentStatus(self.status).label


@dataclass
class AreaState:
    area: object
    commitments: list = field(default_factory=list)
    progress: float = 0.0

    def status_counts(self):
        counts = defaultdict(int)
        for state in self.commitments:
            counts[state.status] += 1
        return dict(counts)


class ProgrammeSnapshot:
    """The state of the whole programme (or some commitments) on a day, in a fixed number of
    queries: areas, commitments with milestones, indicators, the latest published periods, the
    aggregated values at those periods, and the count of active members."""

    def __init__(self, today=None, commitments=None, as_of=None):
        from core.models import Commitment, Indicator, Measurement, Member, StrategicArea

        self.today = today or date.today()
        # Reports look at data up to the end of their period.
        self.as_of = as_of or self.today
        commitment_qs = Commitment.objects.select_related("area").prefetch_related(
            "milestones",
            Prefetch("indicators", queryset=Indicator.objects.order_by("code")),
        )
        if commitments is not None:
            commitment_qs = commitment_qs.filter(pk__in=[c.pk for c in commitments])
        self.commitment_list = list(commitment_qs)
        indicators = [i for c in self.commitment_list for i in c.indicators.all()]
        published = Measurement.objects.filter(
            status=WorkflowStatus.PUBLISHED,
            indicator__in=indicators,
            period_start__lte=self.as_of,
        )
        values = latest_values(published)
        needs_members = any(i.aggregation == Aggregation.SHARE for i in indicators)
        active_members = Member.objects.filter(is_active=True).count() if needs_members else 0

        self.indicator_states = {}
        for indicator in indicators:
            state = IndicatorState(indicator)
            row = values.get(indicator.pk)
            if row:
                state.latest_period = row["latest"]
                state.reporting_members = row["reporting"]
                state.latest_value = _aggregate(indicator, row, active_members)
                state.progress = indicator_progress(
                    indicator.baseline_value, indicator.target_value, state.latest_value
                )
            self.indicator_states[indicator.pk] = state

        self.commitment_states = {}
        for commitment in self.commitment_list:
            self.commitment_states[commitment.pk] = self._commitment_state(commitment)

        areas = {c.area_id: c.area for c in self.commitment_list}
        if commitments is None:
            areas = {a.pk: a for a in StrategicArea.objects.all()}
        self.area_states = []
        for area in sorted(areas.values(), key=lambda a: (a.position, a.code)):
            states = [s for s in self.commitment_states.values() if s.commitment.area_id == area.pk]
            progress = weighted_mean([(s.progress, s.commitment.weight) for s in states])
            self.area_states.append(AreaState(area, states, progress or 0.0))

    def _commitment_state(self, commitment):
        state = CommitmentState(commitment)
        state.indicators = [self.indicator_states[i.pk] for i in commitment.indicators.all()]
        milestones = list(commitment.milestones.all())
        state.milestones_total = len(milestones)
        state.milestones_done = sum(1 for m in milestones if m.done_on and m.done_on <= self.as_of)
        state.milestones_overdue = sum(
            1 for m in milestones if m.status_on(self.as_of) == "overdue"
        )
        measured = any(s.progress is not None for s in state.indicators)
        state.progress = (
            weighted_mean([(s.progress or 0.0, s.indicator.weight) for s in state.indicators])
            or 0.0
        )
        state.status = commitment_status(
            start=commitment.start,
            target_date=commitment.target_date,
            today=self.as_of,
            progress=state.progress,
            milestones_done=state.milestones_done,
            milestones_total=state.milestones_total,
            milestones_overdue=state.milestones_overdue,
            measured=measured,
            has_indicators=bool(state.indicators),
        )
        return state

    def for_commitment(self, commitment):
        return self.commitment_states[commitment.pk]

    def overall_progress(self):
        return weighted_mean([(a.progress, a.area.weight) for a in self.area_states]) or 0.0

    def status_counts(self):
        counts = dict.fromkeys(CommitmentStatus.values, 0)
        for state in self.commitment_states.values():
            counts[state.status] += 1
        return counts


def _aggregate(indicator, row, active_members):
    if indicator.scope == IndicatorScope.PROGRAMME or indicator.aggregation == Aggregation.MEAN:
        return Decimal(row["mean"]).quantize(Decimal("0.0001"))
    if indicator.aggregation == Aggregation.SUM:
        return row["total"]
    if not active_members:
        return Decimal(0)
    return (Decimal(100) * row["positive"] / active_members).quantize(Decimal("0.0001"))


def latest_values(published):
    """Per indicator, the aggregate of the latest published values: each member's latest for
    member-scoped indicators, the latest period's for programme ones. Two queries.

    `published` is a queryset of published measurements already limited to the indicators and
    the day of interest. Rows carry `latest` (the newest period), `total`, `mean`, `reporting`
    (values aggregated) and `positive` (those above zero).
    """
    aggregates = {
        "latest": Max("period_start"),
        "total": Sum("value"),
        "mean": Avg("value"),
        "reporting": Count("id"),
        "positive": Count("id", filter=Q(value__gt=0)),
    }
    members_latest = (
        published.filter(indicator_id=OuterRef("indicator_id"), member_id=OuterRef("member_id"))
        .order_by("-period_start")
        .values("period_start")[:1]
    )
    programme_latest = (
        published.filter(indicator_id=OuterRef("indicator_id"), member__isnull=True)
        .order_by("-period_start")
        .values("period_start")[:1]
    )
    rows = {}
    for queryset in (
        published.filter(member__isnull=False, period_start=Subquery(members_latest)),
        published.filter(member__isnull=True, period_start=Subquery(programme_latest)),
    ):
        for row in queryset.values("indicator_id").annotate(**aggregates).order_by():
            rows[row["indicator_id"]] = row
    return rows


def indicator_series(indicators, as_of=None):
    """The programme value of each indicator at each published period, computed as the snapshot
    computes it (each member's latest value up to that period): {indicator_id: [(period_start,
    value), ...]}, in two queries whatever the number of indicators."""
    from core.models import Measurement, Member

    indicators = list(indicators)
    rows = Measurement.objects.filter(status=WorkflowStatus.PUBLISHED, indicator__in=indicators)
    if as_of:
        rows = rows.filter(period_start__lte=as_of)
    rows = rows.order_by("indicator_id", "period_start").values_list(
        "indicator_id", "member_id", "period_start", "value"
    )
    by_id = {i.pk: i for i in indicators}
    needs_members = any(i.aggregation == Aggregation.SHARE for i in indicators)
    active_members = Member.objects.filter(is_active=True).count() if needs_members else 0
    series = defaultdict(list)
    current = {}  # member -> its latest value so far, for the indicator being read
    pending = None  # (indicator_id, period_start) whose point is not yet written

    def write(indicator_id, period):
        values = list(current.values())
        row = {
            "total": sum(values),
            "mean": sum(values) / len(values),
            "reporting": len(values),
            "positive": sum(1 for v in values if v > 0),
        }
        series[indicator_id].append((period, _aggregate(by_id[indicator_id], row, active_members)))

    for indicator_id, member_id, period, value in rows:
        if pending and pending != (indicator_id, period):
            write(*pending)
            if pending[0] != indicator_id:
                current.clear()
        current[member_id] = value  # a programme indicator has one "member": None
        pending = (indicator_id, period)
    if pending:
        write(*pending)
    return series
