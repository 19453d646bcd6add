"""Progress and status: the one computation the dashboard, API and reports share."""

from datetime import date
from decimal import Decimal

import pytest

from core.choices import Aggregation, CommitmentStatus, Direction, IndicatorScope, WorkflowStatus
from core.models import Commitment
from core.progress import ProgrammeSnapshot, commitment_status, indicator_progress
from core.tests.factories import (
    CommitmentFactory,
    IndicatorFactory,
    MeasurementFactory,
    MemberFactory,
    MilestoneFactory,
)


def test_progress_is_the_share_of_the_way_from_baseline_to_target():
    assert indicator_progress(20, 80, 50) == pytest.approx(0.5)


def test_progress_is_clipped_to_zero_and_one():
    assert indicator_progress(20, 80, 10) == 0.0
    assert indicator_progress(20, 80, 95) == 1.0


def test_progress_of_a_falling_indicator_counts_the_fall():
    # Release time from 60 hours to 36: 48 hours is half way.
    assert indicator_progress(60, 36, 48) == pytest.approx(0.5)
    assert indicator_progress(60, 36, 70) == 0.0


def test_an_indicator_without_a_published_value_has_no_progress():
    assert indicator_progress(20, 80, None) is None


def status(**overrides):
    arguments = {
        "start": date(2022, 1, 1),
        "target_date": date(2026, 1, 1),
        "today": date(2024, 1, 1),  # half the time elapsed
        "progress": 0.5,
        "milestones_done": 0,
        "milestones_total": 0,
        "milestones_overdue": 0,
        "measured": True,
    }
    arguments.update(overrides)
    return commitment_status(**arguments)


def test_a_commitment_keeping_pace_with_time_is_on_track():
    assert status(progress=0.45) == CommitmentStatus.ON_TRACK


def test_a_commitment_somewhat_behind_time_is_at_risk():
    assert status(progress=0.30) == CommitmentStatus.AT_RISK


def test_a_commitment_far_behind_time_is_off_track():
    assert status(progress=0.20) == CommitmentStatus.OFF_TRACK


def test_an_overdue_milestone_puts_an_on_track_commitment_at_risk():
    assert status(milestones_total=2, milestones_done=1, milestones_overdue=1) == (
        CommitmentStatus.AT_RISK
    )


def test_a_commitment_not_yet_begun_or_with_nothing_measured_is_not_started():
    assert status(today=date(2021, 6, 1)) == CommitmentStatus.NOT_STARTED
    assert status(measured=False, progress=0.0) == CommitmentStatus.NOT_STARTED


def test_a_commitment_with_every_milestone_and_its_target_reached_is_done():
    assert status(progress=1.0, milestones_total=2, milestones_done=2) == CommitmentStatus.DONE


def test_milestones_done_are_not_enough_while_an_indicator_is_unmeasured():
    result = status(measured=False, progress=0.0, milestones_total=2, milestones_done=2)
    assert result != CommitmentStatus.DONE


def test_a_commitment_without_indicators_is_done_when_its_milestones_are():
    result = status(
        measured=False, progress=0.0, milestones_total=2, milestones_done=2, has_indicators=False
    )
    assert result == CommitmentStatus.DONE


def test_a_commitment_past_its_target_date_and_not_done_is_off_track():
    assert status(today=date(2026, 6, 1), progress=0.9) == CommitmentStatus.OFF_TRACK


def test_without_measured_indicators_milestones_done_show_the_pace():
    result = status(measured=False, progress=0.0, milestones_total=2, milestones_done=1)
    assert result == CommitmentStatus.ON_TRACK


@pytest.mark.django_db
class TestSnapshot:
    def test_a_member_indicator_aggregates_the_latest_published_period(self):
        indicator = IndicatorFactory(aggregation=Aggregation.MEAN)
        a, b = MemberFactory(), MemberFactory()
        for member, value in ((a, 40), (b, 60)):
            MeasurementFactory(
                indicator=indicator,
                member=member,
                period_start=date(2024, 1, 1),
                value=value,
                status=WorkflowStatus.PUBLISHED,
            )
            MeasurementFactory(
                indicator=indicator,
                member=member,
                period_start=date(2023, 1, 1),
                value=10,
                status=WorkflowStatus.PUBLISHED,
            )
        snapshot = ProgrammeSnapshot(commitments=[indicator.commitment])
        state = snapshot.indicator_states[indicator.pk]
        assert state.latest_value == Decimal("50")
        assert state.latest_period == date(2024, 1, 1)
        assert state.progress == pytest.approx(0.5)

    def test_unpublished_values_never_count(self):
        indicator = IndicatorFactory()
        MeasurementFactory(indicator=indicator, value=80, status=WorkflowStatus.VALIDATED)
        state = ProgrammeSnapshot(commitments=[indicator.commitment]).indicator_states[indicator.pk]
        assert state.latest_value is None and state.progress is None

    def test_a_share_indicator_counts_active_members_with_a_positive_value(self):
        indicator = IndicatorFactory(
            aggregation=Aggregation.SHARE, baseline_value=0, target_value=100
        )
        from core.models import Member

        members = [MemberFactory() for _ in range(4)]
        for member, value in zip(members, (1, 1, 0, 1), strict=True):
            MeasurementFactory(
                indicator=indicator,
                member=member,
                period_start=date(2024, 1, 1),
                value=value,
                status=WorkflowStatus.PUBLISHED,
            )
        active = Member.objects.filter(is_active=True).count()
        state = ProgrammeSnapshot(commitments=[indicator.commitment]).indicator_states[indicator.pk]
        assert state.latest_value == pytest.approx(Decimal(300) / active, abs=Decimal("0.001"))

    def test_a_commitment_is_the_weighted_mean_of_its_indicators(self):
        commitment = CommitmentFactory()
        heavy = IndicatorFactory(commitment=commitment, weight=3, scope=IndicatorScope.PROGRAMME)
        light = IndicatorFactory(commitment=commitment, weight=1, scope=IndicatorScope.PROGRAMME)
        MeasurementFactory(
            indicator=heavy, member=None, value=80, status=WorkflowStatus.PUBLISHED
        )  # progress 1.0
        MeasurementFactory(
            indicator=light, member=None, value=20, status=WorkflowStatus.PUBLISHED
        )  # progress 0.0
        state = ProgrammeSnapshot(commitments=[commitment]).for_commitment(commitment)
        assert state.progress == pytest.approx(0.75)

    def test_an_unmeasured_indicator_counts_as_no_progress(self):
        commitment = CommitmentFactory()
        measured = IndicatorFactory(commitment=commitment, scope=IndicatorScope.PROGRAMME)
        IndicatorFactory(commitment=commitment, scope=IndicatorScope.PROGRAMME)
        MeasurementFactory(
            indicator=measured, member=None, value=80, status=WorkflowStatus.PUBLISHED
        )
        state = ProgrammeSnapshot(commitments=[commitment]).for_commitment(commitment)
        assert state.progress == pytest.approx(0.5)

    def test_milestones_done_and_overdue_are_counted_on_the_day(self):
        commitment = CommitmentFactory()
        MilestoneFactory(commitment=commitment, due=date(2023, 1, 1), done_on=date(2022, 12, 1))
        MilestoneFactory(commitment=commitment, due=date(2023, 6, 1))
        state = ProgrammeSnapshot(commitments=[commitment], as_of=date(2024, 1, 1)).for_commitment(
            commitment
        )
        assert (state.milestones_done, state.milestones_total, state.milestones_overdue) == (
            1,
            2,
            1,
        )

    def test_the_whole_programme_has_five_areas_and_fourteen_commitments(self):
        snapshot = ProgrammeSnapshot()
        assert [a.area.code for a in snapshot.area_states] == [
            "governance",
            "facilitation",
            "security",
            "capacity",
            "cooperation",
        ]
        assert len(snapshot.commitment_states) == Commitment.objects.count() == 14

    def test_a_falling_indicator_reads_its_direction_from_the_model(self):
        indicator = IndicatorFactory(
            direction=Direction.DOWN, baseline_value=60, target_value=36, unit="hours"
        )
        MeasurementFactory(indicator=indicator, value=48, status=WorkflowStatus.PUBLISHED)
        state = ProgrammeSnapshot(commitments=[indicator.commitment]).indicator_states[indicator.pk]
        assert state.progress == pytest.approx(0.5)


@pytest.mark.django_db
def test_a_quarter_under_review_does_not_hide_what_members_reported_before():
    """Each member counts with its latest published value, so the programme's value does not
    drop while the newest quarter is only partly published."""
    from core.progress import indicator_series

    indicator = IndicatorFactory(aggregation=Aggregation.MEAN)
    early, late = MemberFactory(), MemberFactory()
    for member in (early, late):
        MeasurementFactory(
            indicator=indicator,
            member=member,
            period_start=date(2024, 1, 1),
            value=40,
            status=WorkflowStatus.PUBLISHED,
        )
    MeasurementFactory(
        indicator=indicator,
        member=early,
        period_start=date(2024, 4, 1),
        value=60,
        status=WorkflowStatus.PUBLISHED,
    )
    MeasurementFactory(
        indicator=indicator,
        member=late,
        period_start=date(2024, 4, 1),
        value=99,
        status=WorkflowStatus.SUBMITTED,
    )
    state = ProgrammeSnapshot(commitments=[indicator.commitment]).indicator_states[indicator.pk]
    assert state.latest_value == Decimal("50")  # (60 + 40) / 2, not 60 alone
    assert state.reporting_members == 2 and state.latest_period == date(2024, 4, 1)
    series = indicator_series([indicator])[indicator.pk]
    assert series == [(date(2024, 1, 1), Decimal("40")), (date(2024, 4, 1), Decimal("50"))]


@pytest.mark.django_db
def test_the_series_ends_where_the_snapshot_stands():
    from core.progress import indicator_series

    indicators = [IndicatorFactory(aggregation=aggregation) for aggregation in Aggregation.values]
    programme = IndicatorFactory(scope=IndicatorScope.PROGRAMME)
    members = [MemberFactory() for _ in range(3)]
    for index, indicator in enumerate(indicators):
        for quarter in range(4):
            for position, member in enumerate(members[: quarter + 1]):
                MeasurementFactory(
                    indicator=indicator,
                    member=member,
                    period_start=date(2024, 3 * quarter + 1, 1),
                    value=(index + quarter + position) % 3,
                    status=WorkflowStatus.PUBLISHED,
                )
    for quarter in range(4):
        MeasurementFactory(
            indicator=programme,
            member=None,
            value=30 + quarter,
            period_start=date(2024, 3 * quarter + 1, 1),
            status=WorkflowStatus.PUBLISHED,
        )
    everything = [*indicators, programme]
    snapshot = ProgrammeSnapshot(commitments=list({i.commitment for i in everything}))
    series = indicator_series(everything)
    for indicator in everything:
        assert series[indicator.pk][-1] == (
            snapshot.indicator_states[indicator.pk].latest_period,
            snapshot.indicator_states[indicator.pk].latest_value,
        )
