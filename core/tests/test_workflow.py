"""The submission workflow (DESIGN.md 3): draft -> submitted -> validated -> published, or
returned with a reason; only the secretariat validates, returns and publishes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.choices import WorkflowStatus
from core.models import WorkflowConflict
from core.tests.factories import MeasurementFactory

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
