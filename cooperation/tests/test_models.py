"""The cooperation rules and figures, on the models, querysets and services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cooperation import services
from cooperation.choices import ActionStatus, AgreementStatus
from cooperation.models import Agreement, InformationExchange, Partner
from cooperation.tests.factories import (
    AgreementFactory,
    FollowUpActionFactory,
    InformationExchangeFactory,
    OutreachActionFactory,
    PartnerFactory,
    StakeholderDialogueFactory,
)
from core.models import Indicator, Region
from core.registry import computed_indicators
from core.tests.factories import MemberFactory
from core.tests.helpers import publish_on, refused

pytestmark = pytest.mark.django_db


def violates_a_constraint(record):
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


# --- agreements -------------------------------------------------------------------------------


def test_an_agreement_allowing_personal_data_has_clauses_and_a_legal_basis():
    agreement = AgreementFactory.build(data_protection_clauses=False, legal_basis=" ")
    assert {"data_protection_clauses", "legal_basis"} <= set(refused(agreement))
    violates_a_constraint(AgreementFactory.build(data_protection_clauses=False))
    violates_a_constraint(AgreementFactory.build(legal_basis=""))


def test_an_agreement_without_personal_data_needs_no_clauses():
    AgreementFactory.build(
        allows_personal_data=False, data_protection_clauses=False, legal_basis=""
    ).full_clean()


def test_an_agreement_enters_into_force_after_its_signature():
    agreement = AgreementFactory.build(
        signed_on=date(2016, 1, 1), entry_into_force=date(2015, 1, 1)
    )
    assert "entry_into_force" in refused(agreement)
    violates_a_constraint(agreement)


def test_an_agreement_expires_after_it_enters_into_force():
    agreement = AgreementFactory.build(expires_on=date(2015, 1, 1))
    assert "expires_on" in refused(agreement)
    violates_a_constraint(agreement)


def test_an_agreement_in_force_has_signature_and_entry_into_force_dates():
    agreement = AgreementFactory.build(signed_on=None, entry_into_force=None)
    assert {"signed_on", "entry_into_force"} <= set(refused(agreement))
    violates_a_constraint(AgreementFactory.build(signed_on=None, entry_into_force=None))
    violates_a_constraint(AgreementFactory.build(entry_into_force=None))


def test_an_agreement_is_in_force_only_once_it_entered_into_force():
    agreement = AgreementFactory.build(entry_into_force=date.today() + timedelta(days=10))
    assert "entry_into_force" in refused(agreement)
    agreement.agreement_status = AgreementStatus.SIGNED
    agreement.full_clean()


def test_an_agreement_under_negotiation_needs_no_dates():
    AgreementFactory.build(
        agreement_status=AgreementStatus.NEGOTIATING, signed_on=None, entry_into_force=None
    ).full_clean()


def test_a_signature_date_has_come():
    agreement = AgreementFactory.build(
        agreement_status=AgreementStatus.SIGNED,
        signed_on=date.today() + timedelta(days=1),
        entry_into_force=None,
    )
    assert "signed_on" in refused(agreement)


def test_a_terminated_agreement_and_only_it_has_a_termination_date():
    terminated = AgreementFactory.build(agreement_status=AgreementStatus.TERMINATED)
    assert "terminated_on" in refused(terminated)
    violates_a_constraint(terminated)
    in_force = AgreementFactory.build(terminated_on=date(2020, 1, 1))
    assert "terminated_on" in refused(in_force)
    violates_a_constraint(in_force)


def test_an_expired_agreement_expired_on_a_past_day():
    expired = AgreementFactory.build(agreement_status=AgreementStatus.EXPIRED)
    assert "expires_on" in refused(expired)
    violates_a_constraint(expired)
    expired.expires_on = date.today() + timedelta(days=30)
    assert "expires_on" in refused(expired)


def test_an_agreement_has_at_least_two_parties_members_and_partners_counted():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    wto = Partner.objects.get(acronym="WTO")
    agreement = Agreement()
    with pytest.raises(ValidationError) as error:
        agreement.check_parties([fra], [])
    assert "at least two parties" in error.value.message_dict["parties"][0]
    with pytest.raises(ValidationError) as error:
        agreement.check_parties([fra, fra], [])
    assert "once" in " ".join(error.value.message_dict["parties"])
    assert agreement.check_parties([fra], [wto]) == ([fra], [wto])
    assert agreement.check_parties([fra, deu], []) == ([fra, deu], [])


def test_set_parties_refuses_a_single_party_and_leaves_the_parties_unchanged():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    agreement = AgreementFactory(parties=[fra, deu])
    with pytest.raises(ValidationError):
        agreement.set_parties([fra], [])
    assert set(agreement.parties.values_list("code", flat=True)) == {"FRA", "DEU"}


def test_in_force_on_a_day_including_the_last_day_but_not_the_termination_day():
    expired = AgreementFactory(
        agreement_status=AgreementStatus.EXPIRED, expires_on=date(2020, 12, 31)
    )
    terminated = AgreementFactory(
        agreement_status=AgreementStatus.TERMINATED, terminated_on=date(2021, 6, 1)
    )
    signed = AgreementFactory(agreement_status=AgreementStatus.SIGNED)
    for day, expected in [
        (date(2014, 12, 31), set()),
        (date(2020, 12, 31), {expired.pk, terminated.pk}),
        (date(2021, 1, 1), {terminated.pk}),
        (date(2021, 6, 1), set()),
    ]:
        assert set(Agreement.objects.in_force_on(day).values_list("pk", flat=True)) == expected
        assert {a.pk for a in (expired, terminated, signed) if a.in_force_on(day)} == expected


def test_agreements_expiring_within_180_days_are_flagged():
    today = date.today()
    soon = AgreementFactory(expires_on=today + timedelta(days=100))
    later = AgreementFactory(expires_on=today + timedelta(days=400))
    AgreementFactory(expires_on=None)
    assert list(Agreement.objects.expiring_within(180)) == [soon]
    assert soon.expires_soon and not later.expires_soon


def test_an_agreement_keeps_its_exchanges_within_its_time_in_force():
    exchange = InformationExchangeFactory(date=date(2024, 3, 15))
    agreement = exchange.agreement
    agreement.agreement_status = AgreementStatus.TERMINATED
    agreement.terminated_on = date(2024, 1, 1)
    assert "agreement_status" in refused(agreement)
    agreement.terminated_on = date(2024, 6, 1)
    agreement.full_clean()


def test_a_partner_party_to_an_agreement_is_not_deleted():
    partner = PartnerFactory()
    AgreementFactory(partners=[partner])
    with pytest.raises(ValidationError):
        partner.delete()
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_the_international_organisations_are_reference_data():
    assert set(Partner.objects.values_list("acronym", flat=True)) >= {
        "WTO",
        "UNCTAD",
        "UPU",
        "ICAO",
        "IMO",
        "OECD",
        "WB",
    }


# --- information exchanges ------------------------------------------------------------------


def test_an_exchange_is_refused_when_its_agreement_was_not_in_force_on_its_date():
    exchange = InformationExchangeFactory.build(
        sender=MemberFactory(), receiver=MemberFactory(), date=date(2014, 12, 31)
    )
    exchange.agreement = AgreementFactory(parties=[exchange.sender, exchange.receiver])
    assert "agreement" in refused(exchange)
    signed = AgreementFactory(
        parties=[exchange.sender, exchange.receiver], agreement_status=AgreementStatus.SIGNED
    )
    exchange.agreement, exchange.date = signed, date(2024, 1, 1)
    assert "agreement" in refused(exchange)


def test_an_exchange_made_while_its_agreement_was_in_force_stays_valid_once_terminated():
    exchange = InformationExchangeFactory(date=date(2020, 3, 1))
    agreement = exchange.agreement
    agreement.agreement_status = AgreementStatus.TERMINATED
    agreement.terminated_on = date(2023, 1, 1)
    agreement.full_clean()
    agreement.save()
    exchange.refresh_from_db()
    exchange.full_clean()
    later = InformationExchangeFactory.build(
        agreement=agreement,
        sender=exchange.sender,
        receiver=exchange.receiver,
        date=date(2023, 1, 1),
    )
    assert "agreement" in refused(later)


def test_personal_data_is_exchanged_only_under_an_agreement_that_allows_it():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    agreement = AgreementFactory(
        parties=[fra, deu],
        allows_personal_data=False,
        data_protection_clauses=False,
        legal_basis="",
    )
    exchange = InformationExchangeFactory.build(
        agreement=agreement, sender=fra, receiver=deu, personal_data=True
    )
    assert "personal_data" in refused(exchange)


def test_personal_data_is_exchanged_on_a_legal_basis():
    exchange = InformationExchangeFactory.build(
        sender=MemberFactory(), receiver=MemberFactory(), personal_data=True, legal_basis=""
    )
    exchange.agreement = AgreementFactory(parties=[exchange.sender, exchange.receiver])
    assert "legal_basis" in refused(exchange)
    violates_a_constraint(exchange)


def test_sender_and_receiver_are_parties_and_differ():
    fra, deu, ita = (MemberFactory(code=c) for c in ("FRA", "DEU", "ITA"))
    agreement = AgreementFactory(parties=[fra, deu])
    outsider = InformationExchangeFactory.build(agreement=agreement, sender=ita, receiver=deu)
    assert "sender" in refused(outsider)
    to_outsider = InformationExchangeFactory.build(agreement=agreement, sender=fra, receiver=ita)
    assert "receiver" in refused(to_outsider)
    to_itself = InformationExchangeFactory.build(agreement=agreement, sender=fra, receiver=fra)
    assert "receiver" in refused(to_itself)
    violates_a_constraint(to_itself)


def test_an_exchange_is_dated_on_a_day_that_has_come_and_its_reference_is_the_senders_own():
    exchange = InformationExchangeFactory()
    exchange.date = date.today() + timedelta(days=1)
    assert "date" in refused(exchange)
    twin = InformationExchangeFactory.build(
        agreement=exchange.agreement,
        sender=exchange.sender,
        receiver=exchange.receiver,
        reference=exchange.reference,
    )
    violates_a_constraint(twin)


def test_staff_who_record_an_exchange_keep_reading_it(secretariat_user):
    from core.tests.factories import UserFactory

    colleague = UserFactory.secretariat(username="colleague")
    exchange = InformationExchangeFactory(updated_by=secretariat_user)
    assert InformationExchange.objects.for_user(secretariat_user).filter(pk=exchange.pk).exists()
    assert not InformationExchange.objects.for_user(colleague).exists()


# --- dialogue and follow-up -----------------------------------------------------------------


def test_a_done_action_and_only_it_has_the_date_it_was_done():
    done = FollowUpActionFactory.build(
        dialogue=StakeholderDialogueFactory(), status=ActionStatus.DONE
    )
    assert "done_on" in refused(done)
    violates_a_constraint(done)
    open_ = FollowUpActionFactory.build(
        dialogue=StakeholderDialogueFactory(), done_on=date(2024, 6, 1)
    )
    assert "done_on" in refused(open_)
    violates_a_constraint(open_)


def test_an_action_is_due_and_done_after_its_dialogue():
    dialogue = StakeholderDialogueFactory(held_on=date(2024, 5, 20))
    action = FollowUpActionFactory.build(
        dialogue=dialogue, due=date(2024, 5, 1), status=ActionStatus.DONE, done_on=date(2024, 5, 2)
    )
    assert {"due", "done_on"} <= set(refused(action))


def test_an_action_is_done_on_a_day_that_has_come():
    action = FollowUpActionFactory.build(
        dialogue=StakeholderDialogueFactory(),
        status=ActionStatus.DONE,
        done_on=date.today() + timedelta(days=2),
    )
    assert "done_on" in refused(action)


# --- figures and computed indicators --------------------------------------------------------


def test_the_share_of_agreements_in_force_with_data_protection_clauses():
    day = date(2024, 6, 30)
    publish_on(AgreementFactory())
    publish_on(
        AgreementFactory(allows_personal_data=False, data_protection_clauses=True, legal_basis="")
    )
    publish_on(
        AgreementFactory(allows_personal_data=False, data_protection_clauses=False, legal_basis="")
    )
    publish_on(AgreementFactory(agreement_status=AgreementStatus.SIGNED))  # not in force
    AgreementFactory()  # not published: not counted
    assert services.data_protection_figures(day) == {
        "in_force": 3,
        "allowing_personal_data": 1,
        "with_data_protection_clauses": 2,
        "share_with_clauses": 66.7,
    }
    assert services.agreements_with_data_protection(day) == 66.7
    assert services.agreements_with_data_protection(date(2014, 1, 1)) is None


def test_dialogues_and_outreach_actions_in_the_twelve_months_to_a_day():
    for day in (date(2023, 6, 30), date(2023, 7, 1), date(2024, 6, 30), date(2024, 7, 1)):
        StakeholderDialogueFactory(held_on=day)
        OutreachActionFactory(held_on=day)
    assert services.dialogues_in_year(date(2024, 6, 30)) == 2
    assert services.outreach_actions_in_year(date(2024, 6, 30)) == 2
    assert services.dialogues_by_year(date(2024, 6, 30)) == {2023: 2, 2024: 1}
    assert services.outreach_by_year(date(2030, 1, 1)) == {2023: 2, 2024: 2}


def test_the_share_of_follow_up_actions_done_on_time():
    dialogue = StakeholderDialogueFactory(held_on=date(2024, 1, 10))
    due = date(2024, 3, 31)
    FollowUpActionFactory(dialogue=dialogue, due=due, status="done", done_on=date(2024, 3, 1))
    FollowUpActionFactory(dialogue=dialogue, due=due, status="done", done_on=date(2024, 4, 2))
    FollowUpActionFactory(dialogue=dialogue, due=due, status="open")
    FollowUpActionFactory(dialogue=dialogue, due=due, status="dropped")
    FollowUpActionFactory(dialogue=dialogue, due=date(2025, 6, 30))  # not yet due
    assert services.follow_up_actions_on_time(date(2024, 12, 31)) == 33.3
    assert services.follow_up_actions_on_time(date(2024, 1, 31)) is None
    assert services.follow_up_by_year(date(2024, 12, 31)) == {2024: (3, 1)}


def test_outreach_counts_in_its_region_or_in_its_members_regions():
    europe = Region.objects.get(code="EUR")
    other_region = Region.objects.exclude(code="EUR").order_by("code").first()
    far = MemberFactory(code="ZZA", region=other_region)
    OutreachActionFactory(region=europe)
    OutreachActionFactory().members.set([far, MemberFactory(code="ZZB", region=other_region)])
    OutreachActionFactory()
    counts = {
        code: n for code, _, n in services.outreach_by_region(date(2024, 1, 1), date(2024, 12, 31))
    }
    assert counts["EUR"] == 1
    assert counts[other_region.code] == 1
    assert counts[None] == 1


def test_exchange_counts_are_aggregates_per_year_category_and_personal_data():
    InformationExchangeFactory(date=date(2023, 5, 1), category="risk")
    InformationExchangeFactory(date=date(2024, 5, 1), personal_data=True)
    InformationExchangeFactory(date=date(2024, 6, 1))
    counts = services.exchange_counts(date(2023, 1, 1), date(2024, 12, 31))
    assert counts["total"] == 3
    assert counts["by_year"] == [{"year": 2023, "count": 1}, {"year": 2024, "count": 2}]
    assert counts["by_category"]["enforcement"] == 2 and counts["by_category"]["risk"] == 1
    assert counts["personal_data"] == {"yes": 1, "no": 2}


def test_the_cooperation_indicators_are_computed_from_the_registers():
    sources = dict(Indicator.objects.filter(code__startswith="COOP-").values_list("code", "source"))
    assert sources == {
        "COOP-1.1": "computed:cooperation.dialogues_in_year",
        "COOP-1.2": "computed:cooperation.follow_up_actions_on_time",
        "COOP-2.1": "computed:cooperation.outreach_actions_in_year",
        "COOP-3.1": "computed:cooperation.agreements_with_data_protection",
    }
    registered = computed_indicators()
    for source in sources.values():
        assert source.removeprefix("computed:") in registered


def test_the_computed_indicators_are_recorded_by_the_periodic_task():
    from core.computed import record_computed_indicators
    from core.models import Measurement

    StakeholderDialogueFactory(held_on=date.today() - timedelta(days=10))
    record_computed_indicators()
    values = Measurement.objects.filter(indicator__code="COOP-1.1").values_list("value", flat=True)
    assert 1 in [int(v) for v in values]
