"""factory_boy factories for core records; area apps build theirs on these."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from core.choices import IndicatorScope, WorkflowStatus
from core.models import (
    Commitment,
    DueDateExtension,
    Indicator,
    Measurement,
    Member,
    Milestone,
    NotApplicableAnswer,
    Region,
    StrategicArea,
)
from core.periods import period_containing
from core.roles import council_group, secretariat_group


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = "EUR"
    name = "Europe"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: "Q" + chr(65 + n // 26 % 26) + chr(65 + n % 26))
    name = factory.LazyAttribute(lambda m: f"Customs of {m.code}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="EUR"))
    joined_on = date(1990, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")

    @classmethod
    def secretariat(cls, **kwargs):
        user = cls(is_staff=True, **kwargs)
        user.groups.add(secretariat_group())
        return user

    @classmethod
    def council(cls, **kwargs):
        user = cls(**kwargs)
        user.groups.add(council_group())
        return user

    @classmethod
    def for_member(cls, member, **kwargs):
        user = cls(**kwargs)
        user.groups.add(member.group)
        return user


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    area = factory.LazyFunction(lambda: StrategicArea.objects.get(code="governance"))
    code = factory.Sequence(lambda n: f"T-{n}")
    title = factory.Sequence(lambda n: f"Test commitment {n}")
    start = date(2022, 1, 1)
    target_date = date(2027, 12, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    commitment = factory.SubFactory(CommitmentFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due = date(2024, 6, 30)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    commitment = factory.SubFactory(CommitmentFactory)
    code = factory.Sequence(lambda n: f"T-{n}.1")
    name = factory.Sequence(lambda n: f"Test indicator {n}")
    unit = "%"
    baseline_value = 20
    baseline_date = date(2021, 12, 31)
    target_value = 80
    target_date = date(2027, 12, 31)
    scope = IndicatorScope.MEMBER


class ManualIndicatorFactory(IndicatorFactory):
    """An indicator members enter by hand, made for the tests under the reference commitment
    TF-1 (so TF-1's pages show it): the reference indicators may become computed, and a test of
    member submissions must not depend on which of them are still manual."""

    class Meta:
        django_get_or_create = ["code"]

    commitment = factory.LazyFunction(lambda: Commitment.objects.get(code="TF-1"))
    code = "TF-9.1"
    name = "Test indicator entered by each member"
    baseline_value = 62
    target_value = 90
    weight = 1
    source = "manual"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(ManualIndicatorFactory)
    member = factory.SubFactory(MemberFactory)
    # Quarters from 2000 on, starting over after 2089: dates stay in the platform's range.
    period_start = factory.Sequence(lambda n: date(2000 + (n // 4) % 90, 3 * (n % 4) + 1, 1))
    # The whole period of the indicator's frequency that starts there.
    period_end = factory.LazyAttribute(
        lambda m: period_containing(m.period_start, m.indicator.frequency)[1]
    )
    value = 50
    status = WorkflowStatus.DRAFT


class NotApplicableAnswerFactory(factory.django.DjangoModelFactory):
    """A member's answer that it has no AEO programme to report (a register reported once)."""

    class Meta:
        model = NotApplicableAnswer

    member = factory.SubFactory(MemberFactory)
    register = "security/aeo-programmes"
    reason = "Our administration runs no AEO programme and plans none before 2028."


class DueDateExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DueDateExtension

    member = factory.SubFactory(MemberFactory)
    register = "security/aeo-programmes"
    due_on = date(2026, 12, 31)
    reason = "The new AEO law comes into force in the autumn."
