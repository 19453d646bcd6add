"""factory_boy factories for the facilitation registers, one valid record each (the generic
register tests find them by name). The TFA's measures and the framework's first standards are
loaded with the programme: `measure()` and `standard()` fetch them."""

from datetime import date

import factory

from core.tests.factories import MemberFactory
from facilitation.choices import ActivityKind, AdoptionStatus, BorderMode, Category
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)


def measure(code):
    return TFAMeasure.objects.get(code=code)


def standard(number):
    return EcommerceStandard.objects.get(number=number)


class TFANotificationFactory(factory.django.DjangoModelFactory):
    """Category B with a definitive date, by default."""

    class Meta:
        model = TFANotification

    member = factory.SubFactory(MemberFactory)
    measure = factory.LazyFunction(lambda: measure("7.4"))
    category = Category.B
    definitive_date = date(2024, 6, 30)


class ReleaseTimeStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReleaseTimeStudy

    member = factory.SubFactory(MemberFactory)
    year = 2024
    mode = BorderMode.SEA
    average_release_hours = 48
    sample_size = 1200


class EcommerceStandardFactory(factory.django.DjangoModelFactory):
    """A standard added to the framework (numbered after the ones loaded with the programme)."""

    class Meta:
        model = EcommerceStandard

    number = factory.Sequence(lambda n: 100 + n)
    principle = "Advance electronic data and risk management"
    title = factory.Sequence(lambda n: f"Standard of the framework {n}")
    since = 2018


class EcommerceAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EcommerceAdoption

    member = factory.SubFactory(MemberFactory)
    standard = factory.LazyFunction(lambda: standard(1))
    version = 1
    adoption_status = AdoptionStatus.FULLY
    adopted_on = date(2024, 3, 1)


class JointActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointActivity

    held_on = date(2026, 5, 12)
    partner = "WTO Committee on Trade Facilitation"
    kind = ActivityKind.MEETING
    title = factory.Sequence(lambda n: f"Joint session {n}")


class RevenueReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RevenueReport

    member = factory.SubFactory(MemberFactory)
    year = 2025
    currency = "EUR"
    total_revenue = 1_000_000
    ecommerce_revenue = 50_000
