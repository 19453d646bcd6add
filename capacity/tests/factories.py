"""factory_boy factories for the capacity-building registers."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from capacity.choices import DiagnosticTool, DonorKind, Modality, Priority, ProjectStatus, Uptake
from capacity.models import (
    SDG,
    DiagnosticMission,
    Donor,
    Evaluation,
    Funding,
    Instrument,
    InstrumentReview,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.choices import Confidentiality
from core.models import Commitment, StrategicArea
from core.tests.factories import MemberFactory


def area(code):
    return StrategicArea.objects.get(code=code)


def commitment(code):
    return Commitment.objects.get(code=code)


def instrument(code):
    return Instrument.objects.get(code=code)


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor

    name = factory.Sequence(lambda n: f"Donor agency {n}")
    kind = DonorKind.BILATERAL
    country = "JPN"


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project in the pipeline. Pass `beneficiaries=[member]`, `commitments=["TF-1"]` and
    `sdgs=[16]` to link them; `funded_by=donor` (or a list) records a funding row for its start
    year, so the project may then be made active (`ActiveProjectFactory`)."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"CB-P{n:04d}")
    title = factory.Sequence(lambda n: f"Modernisation project {n}")
    start = date(2023, 1, 1)
    end = date(2026, 12, 31)
    status = ProjectStatus.PIPELINE
    currency = "EUR"
    budget = Decimal("1000000.00")
    strategic_plan = "Customs strategic plan 2023-2027"

    @factory.post_generation
    def beneficiaries(self, create, extracted, **kwargs):
        if extracted:
            self.beneficiaries.set(extracted)

    @factory.post_generation
    def commitments(self, create, extracted, **kwargs):
        if extracted:
            self.commitments.set([commitment(c) if isinstance(c, str) else c for c in extracted])

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if extracted:
            self.sdgs.set(SDG.objects.filter(number__in=extracted))

    @factory.post_generation
    def funded_by(self, create, extracted, **kwargs):
        donors = extracted if isinstance(extracted, list | tuple) else [extracted]
        for donor in donors:
            if donor is not None:
                FundingFactory(project=self, donor=donor, year=self.start.year)


class ActiveProjectFactory(ProjectFactory):
    """An active project with a beneficiary (a new member unless given), a funder (a new donor
    unless given) and the commitment TF-1 (area facilitation) unless given."""

    status = ProjectStatus.ACTIVE

    @factory.post_generation
    def beneficiaries(self, create, extracted, **kwargs):
        self.beneficiaries.set(extracted if extracted is not None else [MemberFactory()])

    @factory.post_generation
    def commitments(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else ["TF-1"]
        self.commitments.set([commitment(c) if isinstance(c, str) else c for c in codes])

    @factory.post_generation
    def funded_by(self, create, extracted, **kwargs):
        donors = extracted if extracted is not None else [DonorFactory()]
        for donor in donors if isinstance(donors, list | tuple) else [donors]:
            FundingFactory(project=self, donor=donor, year=self.start.year)


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funding

    project = factory.SubFactory(ProjectFactory)
    donor = factory.SubFactory(DonorFactory)
    year = 2023
    committed = Decimal("100000.00")
    disbursed = Decimal("40000.00")
    committed_eur = Decimal("100000.00")
    disbursed_eur = Decimal("40000.00")


class DiagnosticMissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticMission

    member = factory.SubFactory(MemberFactory)
    tool = DiagnosticTool.WCO_DIAGNOSTIC_FRAMEWORK
    start = date(2023, 3, 6)
    end = factory.LazyAttribute(lambda m: m.start + timedelta(days=11))
    team_lead = "WCO Capacity Building Directorate"
    findings = "Risk management is manual; no post-clearance audit unit."


class RecommendationFactory(factory.django.DjangoModelFactory):
    """An open high-priority recommendation in the facilitation area, of a mission made for it
    unless one is given: to `member` if given (its member is always its mission's), with
    `confidentiality` if given (restricted by default, as missions are)."""

    class Meta:
        model = Recommendation

    class Params:
        member = None
        confidentiality = Confidentiality.RESTRICTED

    mission = factory.Maybe(
        "member",
        yes_declaration=factory.SubFactory(
            DiagnosticMissionFactory,
            member=factory.SelfAttribute("..member"),
            confidentiality=factory.SelfAttribute("..confidentiality"),
        ),
        no_declaration=factory.SubFactory(
            DiagnosticMissionFactory, confidentiality=factory.SelfAttribute("..confidentiality")
        ),
    )
    text = factory.Sequence(lambda n: f"Set up a risk-management unit ({n})")
    area = factory.LazyFunction(lambda: area("facilitation"))
    priority = Priority.HIGH
    owner = "Directorate of Risk Management"
    due = date(2024, 6, 30)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    project = factory.SubFactory(ActiveProjectFactory)
    evaluated_on = date(2025, 6, 1)
    evaluator = "Independent evaluation office"
    relevance = 4
    coherence = 3
    effectiveness = 3
    efficiency = 2
    impact = 3
    sustainability = 2
    evidence = "Interviews with 24 officers; release-time data before and after."
    summary = "Relevant and effective; sustainability depends on staff retention."


class InstrumentUptakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentUptake

    member = factory.SubFactory(MemberFactory)
    instrument = factory.LazyFunction(lambda: instrument("RKC"))
    uptake = Uptake.ACCEDED
    since = date(2015, 5, 1)


class InstrumentReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentReview

    instrument = factory.LazyFunction(lambda: instrument("RKC"))
    reviewed_on = factory.Sequence(lambda n: date(2020 + n % 5, 1 + n // 5 % 12, 1))
    relevance = 4
    impact = 3
    evidence = "Survey of 120 members; accession data."
    reviewer = "Capacity Building Committee"


class TrainingActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingActivity

    member = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Risk management workshop {n}")
    area = factory.LazyFunction(lambda: area("facilitation"))
    modality = Modality.IN_PERSON
    start = date(2024, 9, 2)
    end = date(2024, 9, 6)
    participants = 25
    hours = Decimal("30.0")
