"""The governance rules, on the models: they hold for the API, the forms and the demo data."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import WorkflowConflict
from governance.choices import Presence
from governance.models import Mandate, add_years
from governance.tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def mandate(position, holder, start, end=None, **kwargs):
    """A mandate checked by its rules, then saved: what every form and endpoint does."""
    record = Mandate(
        position=position,
        holder=holder,
        start=start,
        end=end or position.longest_term_end(start),
        **kwargs,
    )
    record.full_clean()
    record.save()
    return record


@pytest.fixture
def position():
    return PositionFactory(title="Secretary General", term_years=5, max_terms=2)


def test_a_term_lasts_at_most_the_positions_term_length(position):
    with pytest.raises(ValidationError) as refused:
        mandate(position, "A. Holder", date(2023, 1, 1), date(2028, 1, 1))
    assert "at most 5 years" in refused.value.message_dict["end"][0]
    assert not Mandate.objects.exists()


def test_a_full_five_year_term_is_accepted(position):
    record = mandate(position, "A. Holder", date(2023, 1, 1))
    assert record.end == date(2027, 12, 31)
    assert record.term_number == 1
    assert record.respects_term_limits


def test_a_mandate_cannot_end_before_it_starts(position):
    with pytest.raises(ValidationError) as refused:
        mandate(position, "A. Holder", date(2023, 1, 1), date(2022, 1, 1))
    assert "end" in refused.value.message_dict


def test_the_database_refuses_a_mandate_ending_before_it_starts(position):
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.bulk_create(
            [Mandate(position=position, holder="X", start=date(2023, 1, 1), end=date(2022, 1, 1))]
        )


def test_the_holders_next_term_is_numbered_two(position):
    first = mandate(position, "A. Holder", date(2023, 1, 1))
    second = mandate(position, "a.  holder", date(2028, 1, 1))
    assert second.term_number == 2
    assert second.previous == first


def test_a_third_consecutive_term_is_refused(position):
    mandate(position, "A. Holder", date(2023, 1, 1))
    mandate(position, "A. Holder", date(2028, 1, 1))
    with pytest.raises(ValidationError) as refused:
        mandate(position, "A. Holder", date(2033, 1, 1))
    assert "third consecutive term" in refused.value.message_dict["holder"][0]
    assert Mandate.objects.count() == 2


def test_a_term_after_someone_else_held_the_position_counts_from_one(position):
    mandate(position, "A. Holder", date(2023, 1, 1))
    mandate(position, "B. Other", date(2028, 1, 1))
    again = mandate(position, "A. Holder", date(2033, 1, 1))
    assert again.term_number == 1


def test_mandates_of_one_position_cannot_overlap(position):
    mandate(position, "A. Holder", date(2023, 1, 1))
    with pytest.raises(ValidationError) as refused:
        mandate(position, "B. Other", date(2027, 6, 1))
    assert "cannot overlap" in refused.value.message_dict["start"][0]


def test_the_database_refuses_overlapping_mandates_that_skip_validation(position):
    mandate(position, "A. Holder", date(2023, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.bulk_create(
            [Mandate(position=position, holder="B", start=date(2024, 1, 1), end=date(2025, 1, 1))]
        )


def test_mandates_of_different_positions_may_overlap(position):
    mandate(position, "A. Holder", date(2023, 1, 1))
    deputy = PositionFactory(body=position.body, title="Deputy Secretary General")
    assert mandate(deputy, "B. Other", date(2024, 1, 1)).term_number == 1


def test_inserting_an_earlier_term_that_makes_a_later_one_a_third_is_refused(position):
    mandate(position, "A. Holder", date(2023, 1, 1))
    mandate(position, "A. Holder", date(2033, 1, 1))  # someone else's term between is missing
    with pytest.raises(ValidationError) as refused:
        mandate(position, "A. Holder", date(2028, 1, 1))
    assert (
        "from 01 January 2033 a third consecutive term" in refused.value.message_dict["holder"][0]
    )


def test_deleting_a_term_numbers_the_following_ones_again(position):
    first = mandate(position, "A. Holder", date(2023, 1, 1))
    second = mandate(position, "A. Holder", date(2028, 1, 1))
    first.delete()
    second.refresh_from_db()
    assert (second.term_number, second.previous) == (1, None)


def test_moving_a_term_to_another_position_numbers_both_positions_again(position):
    first = mandate(position, "A. Holder", date(2023, 1, 1))
    second = mandate(position, "A. Holder", date(2028, 1, 1))
    deputy = PositionFactory(body=position.body, title="Deputy Secretary General")
    first.position = deputy
    first.full_clean()
    first.save()
    second.refresh_from_db()
    assert (second.term_number, second.previous) == (1, None)
    assert (first.term_number, first.previous) == (1, None)


def test_mandates_that_began_before_the_rule_was_adopted_are_recorded_as_outside_the_limits(
    position,
):
    mandate(position, "Veteran", date(2010, 1, 1))
    mandate(position, "Veteran", date(2015, 1, 1))
    third = mandate(position, "Veteran", date(2020, 1, 1), date(2025, 6, 30))
    assert third.term_number == 3
    assert not third.respects_term_limits


def test_renewal_creates_the_next_full_term_from_the_day_after(position):
    first = mandate(position, "A. Holder", date(2023, 1, 1))
    second = first.renew(by=None)
    assert (second.start, second.end, second.term_number) == (
        date(2028, 1, 1),
        date(2032, 12, 31),
        2,
    )
    assert second.holder == first.holder and second.member == first.member


def test_a_mandate_cannot_be_renewed_beyond_the_limit(position):
    second = mandate(position, "A. Holder", date(2023, 1, 1)).renew(by=None)
    with pytest.raises(ValidationError) as refused:
        second.renew(by=None)
    assert "cannot be renewed" in refused.value.message_dict["term_number"][0]


def test_a_mandate_cannot_be_renewed_twice(position):
    first = mandate(position, "A. Holder", date(2023, 1, 1))
    first.renew(by=None)
    with pytest.raises(WorkflowConflict):
        first.renew(by=None)


def test_renewal_is_refused_when_the_position_is_already_taken_then(position):
    first = mandate(position, "A. Holder", date(2023, 1, 1))
    mandate(position, "Successor", date(2028, 1, 1))
    with pytest.raises((ValidationError, WorkflowConflict)):
        first.renew(by=None)


def test_renewal_keeps_a_29_february_start_sensible():
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)


def test_mandates_ending_within_180_days(position):
    soon = mandate(position, "Soon", date(2021, 12, 1), date(2026, 11, 30))
    other = PositionFactory(body=position.body, title="Director")
    mandate(other, "Later", date(2025, 1, 1))
    assert list(Mandate.objects.ending_within(180, today=date(2026, 11, 23))) == [soon]


# --- decisions and meetings -----------------------------------------------------------------


def test_votes_cannot_exceed_the_members_present():
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, presence=Presence.IN_PERSON)
    AttendanceFactory(meeting=meeting, presence=Presence.REMOTE)
    AttendanceFactory(meeting=meeting, presence=Presence.ABSENT)
    decision = DecisionFactory.build(
        body=meeting.body, meeting=meeting, decided_on=meeting.held_on, votes_for=2, votes_abstain=1
    )
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert "3 votes were cast but 2 members were present" in refused.value.messages[0]
    decision.votes_abstain = 0
    decision.full_clean()


def test_votes_are_not_limited_when_no_attendance_is_recorded():
    meeting = MeetingFactory()
    DecisionFactory.build(
        body=meeting.body, meeting=meeting, decided_on=meeting.held_on, votes_for=150
    ).full_clean()


def test_a_decision_is_taken_at_its_meeting_by_its_body():
    meeting = MeetingFactory(held_on=date(2026, 6, 25), ends_on=date(2026, 6, 27))
    decision = DecisionFactory.build(
        body=BodyFactory(code="other-body"), meeting=meeting, decided_on=date(2026, 7, 1)
    )
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    assert set(refused.value.message_dict) >= {"meeting", "decided_on"}


def test_a_decision_is_published_once():
    decision = DecisionFactory(published_at=None)
    decision.publish(by=None)
    assert decision.is_published
    with pytest.raises(WorkflowConflict):
        decision.publish(by=None)


def test_a_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory.build(held_on=date(2026, 6, 25), ends_on=date(2026, 6, 24))
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_a_members_attendance_is_recorded_once_per_meeting():
    first = AttendanceFactory()
    again = AttendanceFactory.build(meeting=first.meeting, member=first.member)
    with pytest.raises(ValidationError) as refused:
        again.full_clean()
    assert "member" in refused.value.message_dict


def test_a_response_is_given_while_the_consultation_is_open():
    from governance.tests.factories import ConsultationFactory, ConsultationResponseFactory

    consultation = ConsultationFactory(opened_on=date(2026, 3, 1), closes_on=date(2026, 5, 31))
    late = ConsultationResponseFactory.build(
        consultation=consultation, responded_on=date(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as refused:
        late.full_clean()
    assert "responded_on" in refused.value.message_dict


def test_a_member_responds_once_to_a_consultation():
    from governance.tests.factories import ConsultationResponseFactory

    first = ConsultationResponseFactory()
    again = ConsultationResponseFactory.build(consultation=first.consultation, member=first.member)
    with pytest.raises(ValidationError) as refused:
        again.full_clean()
    assert "consultation" in refused.value.message_dict


def test_a_body_has_one_position_of_a_title(position):
    again = PositionFactory.build(body=position.body, title=position.title)
    with pytest.raises(ValidationError) as refused:
        again.full_clean()
    assert "title" in refused.value.message_dict
