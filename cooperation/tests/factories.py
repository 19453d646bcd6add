"""factory_boy factories for the cooperation registers."""

from datetime import date

import factory

from cooperation.choices import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    DialogueKind,
    ExchangeCategory,
    OutreachKind,
    PartnerKind,
)
from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.tests.factories import MemberFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Business association {n}")
    kind = PartnerKind.BUSINESS_ASSOCIATION
    contact_name = "Contact person"
    contact_email = "contact@example.org"


class AgreementFactory(factory.django.DjangoModelFactory):
    """A CMAA in force since 2015 that allows personal data, with its safeguards. Pass
    `parties=[member, ...]` (two new members by default) and `partners=[...]`."""

    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mutual administrative assistance agreement {n}")
    kind = AgreementKind.CMAA
    agreement_status = AgreementStatus.IN_FORCE
    signed_on = date(2014, 6, 1)
    entry_into_force = date(2015, 1, 1)
    scope = "Assistance in the prevention, investigation and repression of customs offences."
    allows_personal_data = True
    data_protection_clauses = True
    legal_basis = "Articles 3 and 9 of the agreement; national data-protection law."
    safeguards = "Purpose limitation; onward transfer only with consent."

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if not create:
            return
        self.parties.set(extracted if extracted is not None else [MemberFactory(), MemberFactory()])

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)

    @classmethod
    def readable_by(cls, member, **fields):
        """An agreement the member is a party to (the generic register tests ask for one)."""
        return cls(parties=[member, MemberFactory()], **fields)


class InformationExchangeFactory(factory.django.DjangoModelFactory):
    """An exchange between the agreement's first two member parties (pass `agreement`, or
    `sender` and `receiver`, which then become the parties of a new agreement)."""

    class Meta:
        model = InformationExchange

    sender = factory.SubFactory(MemberFactory)
    receiver = factory.SubFactory(MemberFactory)
    agreement = factory.LazyAttribute(lambda e: AgreementFactory(parties=[e.sender, e.receiver]))
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    date = date(2024, 3, 15)
    category = ExchangeCategory.ENFORCEMENT
    personal_data = False
    legal_basis = "Article 3 of the agreement."

    @classmethod
    def readable_by(cls, member, **fields):
        """An exchange the member sent (the generic register tests ask for one it reads)."""
        return cls(sender=member, **fields)


class StakeholderDialogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderDialogue

    kind = DialogueKind.PSCG_MEETING
    title = factory.Sequence(lambda n: f"Private Sector Consultative Group meeting {n}")
    held_on = date(2024, 5, 20)
    outcomes = "Agreed to draft guidance on data exchange with operators."


class FollowUpActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    dialogue = factory.SubFactory(StakeholderDialogueFactory)
    action = factory.Sequence(lambda n: f"Follow-up action {n}")
    owner = "WCO Secretariat"
    due = date(2024, 9, 30)
    status = ActionStatus.OPEN


class OutreachActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachAction

    kind = OutreachKind.FORUM
    title = factory.Sequence(lambda n: f"Outreach action {n}")
    forum = "G20 Trade and Investment Working Group"
    audience = "Trade ministers' representatives"
    held_on = date(2024, 10, 3)
    outcome = "Customs cooperation cited in the ministerial statement."
