"""The governance indicators computed from the registers, their recording by the periodic task,
and the weekly email of mandates ending within 180 days."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from core.choices import WorkflowStatus
from core.computed import period_containing, record_computed_indicators
from core.models import Indicator, Measurement
from core.tasks import record_computed_indicators as record_task
from core.tests.factories import MemberFactory, UserFactory
from governance import services
from governance.choices import Presence
from governance.models import MandateDigest
from governance.tasks import send_mandate_digest
from governance.tests.factories import (
    AttendanceFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_the_governance_indicators_are_computed_from_the_registers():
    sources = dict(Indicator.objects.filter(code__startswith="GOV").values_list("code", "source"))
    assert sources == {
        "GOV-1.1": "computed:governance.mandates_within_term_limits",
        "GOV-2.1": "computed:governance.meeting_participation_rate",
        "GOV-2.2": "computed:governance.consultation_response_rate",
        "GOV-2.3": "computed:governance.decisions_published_within_30_days",
    }


def test_share_of_positions_whose_current_mandate_respects_the_limits():
    legacy = PositionFactory()
    MandateFactory(position=legacy, holder="Veteran", start=date(2012, 1, 1))
    MandateFactory(position=legacy, holder="Veteran", start=date(2017, 1, 1))
    MandateFactory(position=legacy, holder="Veteran", start=date(2022, 1, 1))  # a third term
    MandateFactory(position=PositionFactory(), start=date(2023, 1, 1))
    MandateFactory(position=PositionFactory(), start=date(2024, 1, 1))
    # A position that is not of higher responsibility is not counted.
    MandateFactory(
        position=PositionFactory(higher_responsibility=False),
        start=date(2010, 1, 1),
        end=date(2030, 1, 1),
    )
    assert services.mandates_within_term_limits(TODAY) == pytest.approx(66.7)
    # When the third term ends and a new holder starts, every position is within the limits.
    MandateFactory(position=legacy, holder="Successor", start=date(2027, 1, 1))
    assert services.mandates_within_term_limits(date(2027, 6, 1)) == 100.0


def test_meeting_participation_over_the_year_to_the_day():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    recent = MeetingFactory(held_on=date(2026, 6, 1))
    old = MeetingFactory(held_on=date(2025, 6, 1))
    AttendanceFactory(meeting=recent, member=fra, presence=Presence.IN_PERSON)
    AttendanceFactory(meeting=recent, member=deu, presence=Presence.REMOTE)
    AttendanceFactory(meeting=old, member=fra, presence=Presence.ABSENT)
    assert services.meeting_participation_rate(TODAY) == 100.0
    assert services.meeting_participation_rate(date(2026, 5, 31)) == 0.0
    assert services.meeting_participation_rate(date(2020, 1, 1)) is None


def test_consultation_response_rate_counts_published_responses_of_active_members():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    MemberFactory(code="XXA", is_active=False)
    consultation = ConsultationFactory(opened_on=date(2026, 3, 1), closes_on=date(2026, 5, 31))
    ConsultationResponseFactory(consultation=consultation, member=fra, status="published")
    ConsultationResponseFactory(consultation=consultation, member=deu, status="submitted")
    assert services.consultation_response_rate(TODAY) == 50.0


def test_a_member_is_not_asked_before_it_joined():
    MemberFactory(code="FRA")
    MemberFactory(code="NEW", joined_on=date(2026, 9, 1))
    ConsultationFactory(opened_on=date(2026, 3, 1), closes_on=date(2026, 5, 31))
    figures = services.participation_by_member(date(2026, 1, 1), date(2026, 12, 31))
    assert {m.code: p.consultations for m, p in figures.items()} == {"FRA": 1, "NEW": 0}


def test_share_of_decisions_published_within_30_days():
    def published(decided_on, days):
        decision = DecisionFactory(decided_on=decided_on)
        moment = datetime.combine(decided_on + timedelta(days=days), datetime.min.time())
        decision.published_at = timezone.make_aware(moment)
        decision.save()

    published(date(2026, 3, 1), 10)
    published(date(2026, 4, 1), 30)
    published(date(2026, 5, 1), 45)
    DecisionFactory(decided_on=date(2026, 6, 1), published_at=None)  # never published
    DecisionFactory(
        decided_on=date(2026, 11, 1), published_at=None
    )  # too recent to count: 30 days not yet past
    assert services.decisions_published_within_30_days(TODAY) == 50.0


def test_the_task_records_published_programme_measurements_once():
    position = PositionFactory()
    MandateFactory(position=position, start=date(2023, 1, 1))
    first = record_computed_indicators(today=TODAY)
    # Of the governance indicators, only GOV-1.1 has data to compute (no meeting, no decision).
    assert {m.indicator.code for m in first if m.indicator.code.startswith("GOV")} == {"GOV-1.1"}
    measurement = Measurement.objects.get(indicator__code="GOV-1.1", period_start=date(2026, 10, 1))
    assert measurement.value == Decimal("100")
    assert measurement.status == WorkflowStatus.PUBLISHED and measurement.member is None
    assert measurement.period_end == date(2026, 12, 31)
    count, history = Measurement.objects.count(), measurement.history.count()
    record_computed_indicators(today=TODAY)
    assert Measurement.objects.count() == count
    assert measurement.history.count() == history  # nothing changed, nothing written


def test_the_task_records_the_previous_quarter_as_of_its_last_day():
    MandateFactory(start=date(2021, 10, 1), end=date(2026, 9, 30))
    record_computed_indicators(today=TODAY)
    values = dict(
        Measurement.objects.filter(indicator__code="GOV-1.1").values_list("period_start", "value")
    )
    # On 30 September the mandate was in force; today no position is filled: no value.
    assert values == {date(2026, 7, 1): Decimal("100")}


def test_the_periodic_task_runs():
    MandateFactory(start=date.today() - timedelta(days=10))
    assert record_task.delay().get() >= 1


def test_periods_of_each_frequency():
    assert period_containing(date(2026, 11, 23), "quarterly") == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert period_containing(date(2026, 2, 3), "monthly") == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_containing(date(2026, 2, 3), "annual") == (date(2026, 1, 1), date(2026, 12, 31))


# --- the weekly digest ------------------------------------------------------------------------


def test_the_secretariat_gets_the_weekly_digest_of_ending_mandates_once():
    UserFactory.secretariat(username="sg-office", email="office@wcoomd.example")
    UserFactory.secretariat(username="no-mail", email="")
    today = date.today()
    MandateFactory(
        holder="Ending Soon", start=today - timedelta(days=1700), end=today + timedelta(days=60)
    )
    MandateFactory(
        holder="Far Away", start=today - timedelta(days=10), end=today + timedelta(days=1500)
    )
    send_mandate_digest.delay()
    send_mandate_digest.delay()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["office@wcoomd.example"]
    assert "Ending Soon" in message.body and "Far Away" not in message.body
    assert "may be renewed once" in message.body
    digest = MandateDigest.objects.get()
    assert (digest.mandate_count, digest.recipient_count) == (1, 1)
