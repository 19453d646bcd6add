"""factory_boy factories for the governance registers."""

from datetime import date, datetime, time

import factory
from django.utils import timezone

from core.tests.factories import MemberFactory
from governance.choices import Presence
from governance.models import (
    Attendance,
    Body,
    Consultation,
    ConsultationResponse,
    Decision,
    DecisionDocument,
    Mandate,
    Meeting,
    Position,
)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Test body {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Test position {n}")
    term_years = 5
    max_terms = 2


class MandateFactory(factory.django.DjangoModelFactory):
    """A five-year term from `start`; pass `end` for another length."""

    class Meta:
        model = Mandate

    position = factory.SubFactory(PositionFactory)
    holder = factory.Sequence(lambda n: f"Holder {n}")
    member = factory.SubFactory(MemberFactory)
    start = date(2023, 1, 1)
    end = factory.LazyAttribute(lambda m: m.position.longest_term_end(m.start))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    held_on = date(2026, 6, 25)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)
    presence = Presence.IN_PERSON


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision published on the day it was taken, as members and the public read it; pass
    `published_at=None` for one the secretariat has not published yet."""

    class Meta:
        model = Decision

    body = factory.SubFactory(BodyFactory)
    reference = factory.Sequence(lambda n: f"DEC-{n:04d}")
    title = factory.Sequence(lambda n: f"Decision {n}")
    decided_on = date(2026, 6, 25)
    published_at = factory.LazyAttribute(
        lambda d: timezone.make_aware(datetime.combine(d.decided_on, time(12)))
    )


class DecisionDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionDocument

    decision = factory.SubFactory(DecisionFactory)
    title = "Minutes"
    url = "https://www.wcoomd.org/en/about-us/legal-instruments.aspx"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    reference = factory.Sequence(lambda n: f"CONS-{n:03d}")
    title = factory.Sequence(lambda n: f"Consultation {n}")
    opened_on = date(2026, 3, 1)
    closes_on = date(2026, 5, 31)


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationResponse

    consultation = factory.SubFactory(ConsultationFactory)
    member = factory.SubFactory(MemberFactory)
    responded_on = date(2026, 4, 15)
    summary = "We support the proposal, with the comments attached."
