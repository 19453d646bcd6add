"""The submission workflow: draft -> submitted -> validated -> published, or
returned with a reason; only the secretariat validates, returns and publishes. Values of
computed indicators are recorded by the platform, never entered by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import computed
from core.choices import WorkflowStatus
from core.models import Indicator, Measurement, WorkflowConflict
from core.tests.factories import ManualIndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(fra):
    return MeasurementFactory(member=fra)


def test_a_member_submits_its_draft_and_the_secretariat_validates_and_publishes_it(
    draft, fra_user, secretariat_user
):
    draft.submit(fra_user)
    draft.validate(secretariat_user)
    draft.publish(secretariat_user)
    draft.refresh_from_db()
    assert draft.status == WorkflowStatus.PUBLISHED
    assert draft.published_at is not None


def test_a_returned_submission_goes_back_to_its_member_with_the_reason(
    draft, fra_user, secretariat_user
):
    draft.submit(fra_user)
    draft.return_to_member(secretariat_user, "The value is a share, not a count.")
    draft.refresh_from_db()
    assert draft.status == WorkflowStatus.RETURNED
    assert draft.returned_reason == "The value is a share, not a count."
    assert draft.is_editable_by(fra_user)
    draft.submit(fra_user)
    assert draft.status == WorkflowStatus.SUBMITTED
    assert draft.returned_reason == ""


def test_returning_needs_a_reason(draft, fra_user, secretariat_user):
    draft.submit(fra_user)
    with pytest.raises(ValidationError):
        draft.return_to_member(secretariat_user, "  ")


@pytest.mark.parametrize("action", ["validate", "publish", "return"])
def test_a_member_cannot_validate_publish_or_return(draft, fra_user, action):
    draft.submit(fra_user)
    with pytest.raises(PermissionDenied):
        draft.transition(action, fra_user, reason="because")


def test_another_member_cannot_submit_a_members_draft(draft, deu_user):
    with pytest.raises(PermissionDenied):
        draft.submit(deu_user)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (WorkflowStatus.DRAFT, "validate"),
        (WorkflowStatus.DRAFT, "publish"),
        (WorkflowStatus.SUBMITTED, "publish"),
        (WorkflowStatus.SUBMITTED, "submit"),
        (WorkflowStatus.VALIDATED, "submit"),
        (WorkflowStatus.PUBLISHED, "validate"),
        (WorkflowStatus.PUBLISHED, "return"),
        (WorkflowStatus.RETURNED, "publish"),
    ],
)
def test_a_transition_from_the_wrong_status_is_a_conflict(fra, secretariat_user, status, action):
    measurement = MeasurementFactory(member=fra, status=status)
    with pytest.raises(WorkflowConflict):
        measurement.transition(action, secretariat_user, reason="because")
    measurement.refresh_from_db()
    assert measurement.status == status


def test_members_edit_only_drafts_and_returned_records(fra, fra_user, secretariat_user):
    for status in WorkflowStatus.values:
        measurement = MeasurementFactory(member=fra, status=status)
        assert measurement.is_editable_by(fra_user) == (
            status in (WorkflowStatus.DRAFT, WorkflowStatus.RETURNED)
        )
        assert measurement.is_editable_by(secretariat_user) == (status != WorkflowStatus.PUBLISHED)


def test_a_measurement_of_a_computed_indicator_cannot_be_entered_by_hand(fra):
    gov_1_1 = Indicator.objects.get(code="GOV-1.1")
    assert gov_1_1.is_computed
    for member in (fra, None):
        measurement = Measurement(
            indicator=gov_1_1,
            member=member,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 3, 31),
            value=75,
        )
        with pytest.raises(ValidationError) as error:
            measurement.full_clean()
        assert error.value.message_dict["indicator"] == [
            "GOV-1.1 is computed by the platform from its registers; it cannot be entered by hand."
        ]


def test_a_manual_indicators_measurement_passes_the_same_check(fra):
    measurement = MeasurementFactory.build(member=fra, indicator=ManualIndicatorFactory())
    assert not measurement.indicator.is_computed
    measurement.full_clean()


def test_the_platform_still_records_a_computed_indicator(monkeypatch):
    monkeypatch.setattr(computed, "compute", lambda source, as_of: Decimal("75"))
    gov_1_1 = Indicator.objects.get(code="GOV-1.1")
    recorded = computed.record(gov_1_1, date(2025, 1, 1), date(2025, 3, 31), date(2025, 3, 31))
    assert recorded.pk is not None and recorded.member is None
    assert recorded.value == Decimal("75") and recorded.status == WorkflowStatus.PUBLISHED
