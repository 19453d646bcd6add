"""factory_boy factories for the security registers."""

from datetime import date

import factory

from core.tests.factories import MemberFactory
from security.choices import AEOCoverage, AEOStatus, Involvement, Readiness
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafeEdition,
    SecurityStrategyRole,
)


class SafeAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafeAdoption

    member = factory.SubFactory(MemberFactory)
    letter_of_intent_on = date(2008, 5, 1)
    edition = factory.LazyFunction(lambda: SafeEdition.objects.get(year=2021))


class AEOProgrammeFactory(factory.django.DjangoModelFactory):
    """An operational programme by default."""

    class Meta:
        model = AEOProgramme

    member = factory.SubFactory(MemberFactory)
    programme_status = AEOStatus.OPERATIONAL
    launched_on = date(2012, 1, 1)
    covers = AEOCoverage.BOTH
    certified_operators = 120
    counted_on = date(2025, 12, 31)


class AEOOperatorCountFactory(factory.django.DjangoModelFactory):
    """A count of 2024, of a member with an operational programme (made if it has none): a
    count above zero needs a pilot or operational one."""

    class Meta:
        model = AEOOperatorCount
        skip_postgeneration_save = True

    member = factory.SubFactory(MemberFactory)
    year = 2024
    certified_operators = 100

    @factory.post_generation
    def programme(count, create, extracted, **kwargs):
        if create and not AEOProgramme.objects.filter(member=count.member).exists():
            AEOProgrammeFactory(member=count.member)


class SecurityStrategyRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityStrategyRole

    member = factory.SubFactory(MemberFactory)
    involvement = Involvement.FULLY
    seat_on_security_body = True
    strategy_dated = date(2023, 3, 1)


class CustomsUnionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomsUnion
        django_get_or_create = ["code"]

    code = "EU"
    name = "European Union"
    aeo_operational = True


class MutualRecognitionFactory(factory.django.DjangoModelFactory):
    """Pass `parties=[member, ...]` (members) to set them; the key follows."""

    class Meta:
        model = MutualRecognition
        skip_postgeneration_save = True

    status = "signed"
    signed_on = date(2020, 6, 1)
    party_key = ""

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        members = [p for p in extracted or [] if not isinstance(p, CustomsUnion)]
        unions = [p for p in extracted or [] if isinstance(p, CustomsUnion)]
        if not members and not unions:
            members = [MemberFactory(), MemberFactory()]
        self.members.set(members)
        self.customs_unions.set(unions)
        self.party_key = MutualRecognition.key_of(members, unions)
        self.save()


class PassengerDataReadinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PassengerDataReadiness

    member = factory.SubFactory(MemberFactory)
    api_legal_basis = True
    api_status = Readiness.OPERATIONAL
    pnr_status = Readiness.PLANNED
    go_live = date(2019, 4, 1)
    safeguards = "Access logged; data deleted after five years."


class RiskManagementAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskManagementAssessment

    member = factory.SubFactory(MemberFactory)
    assessed_on = date(2025, 10, 1)
    strategy = 3
    data_intelligence = 3
    targeting = 4
    post_clearance = 2
    performance = 3
    assessor = "WCO diagnostic mission"
