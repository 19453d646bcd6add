"""The security rules and figures, on the models and services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.tests.factories import MemberFactory
from core.tests.helpers import publish_on as published
from core.tests.helpers import refused
from security import services
from security.choices import AEOStatus, Involvement, Readiness
from security.models import AEOOperatorCount, MutualRecognition
from security.tests.factories import (
    AEOOperatorCountFactory,
    AEOProgrammeFactory,
    CustomsUnionFactory,
    MutualRecognitionFactory,
    PassengerDataReadinessFactory,
    RiskManagementAssessmentFactory,
    SafeAdoptionFactory,
    SecurityStrategyRoleFactory,
)

pytestmark = pytest.mark.django_db


# --- SAFE, AEO, strategy --------------------------------------------------------------------


def test_a_letter_of_intent_comes_after_safe_and_not_in_the_future():
    early = SafeAdoptionFactory.build(member=MemberFactory(), letter_of_intent_on=date(2004, 1, 1))
    assert "letter_of_intent_on" in refused(early)
    late = SafeAdoptionFactory.build(
        member=MemberFactory(), letter_of_intent_on=date.today() + timedelta(days=1)
    )
    assert "letter_of_intent_on" in refused(late)


def test_one_safe_adoption_per_member():
    first = SafeAdoptionFactory()
    assert "member" in refused(SafeAdoptionFactory.build(member=first.member))


def test_a_running_aeo_programme_has_a_launch_date_and_a_scope():
    record = AEOProgrammeFactory.build(member=MemberFactory(), launched_on=None, covers="")
    assert {"launched_on", "covers"} <= set(refused(record))


def test_operators_are_certified_only_by_a_running_programme():
    record = AEOProgrammeFactory.build(
        member=MemberFactory(), programme_status=AEOStatus.PLANNED, launched_on=None, covers=""
    )
    assert "certified_operators" in refused(record)


def test_no_programme_has_no_launch_date():
    record = AEOProgrammeFactory.build(
        member=MemberFactory(), programme_status=AEOStatus.NONE, certified_operators=0
    )
    assert "programme_status" in refused(record)


def test_customs_with_a_seat_on_the_security_body_is_involved():
    record = SecurityStrategyRoleFactory.build(
        member=MemberFactory(), involvement=Involvement.NOT, seat_on_security_body=True
    )
    assert "seat_on_security_body" in refused(record)
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_shares_of_members_with_operational_aeo_and_strategy_roles():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    published(AEOProgrammeFactory(member=fra, launched_on=date(2015, 1, 1)))
    AEOProgrammeFactory(member=deu)  # a draft: not counted
    published(SecurityStrategyRoleFactory(member=fra, involvement=Involvement.PARTLY))
    published(
        SecurityStrategyRoleFactory(
            member=deu, involvement=Involvement.NOT, seat_on_security_body=False
        )
    )
    assert services.members_with_operational_aeo(date(2026, 1, 1)) == 50.0
    assert services.members_with_operational_aeo(date(2014, 1, 1)) == 0.0
    assert services.members_in_security_strategy(date(2026, 1, 1)) == 50.0


# --- certified operators per year ------------------------------------------------------------


def test_a_count_above_zero_needs_a_pilot_or_operational_programme():
    member = MemberFactory()
    count = AEOOperatorCountFactory.build(member=member, year=2024, certified_operators=40)
    assert "certified_operators" in refused(count)  # no programme at all
    programme = AEOProgrammeFactory(
        member=member,
        programme_status=AEOStatus.PLANNED,
        launched_on=None,
        covers="",
        certified_operators=0,
        counted_on=None,
    )
    assert refused(count)["certified_operators"] == [
        "Operators are certified by a pilot or operational programme: record the member's AEO "
        "programme as such first."
    ]
    # A count of zero is a fact whatever the programme's status.
    AEOOperatorCountFactory.build(member=member, certified_operators=0).full_clean()
    programme.programme_status = AEOStatus.PILOT
    programme.launched_on = date(2023, 5, 1)
    programme.covers = "both"
    programme.save()
    count.full_clean()


def test_a_count_is_for_a_year_from_the_programmes_launch_that_has_begun():
    member = AEOProgrammeFactory(launched_on=date(2012, 6, 1)).member
    before = AEOOperatorCountFactory.build(member=member, year=2011)
    assert refused(before)["year"] == [
        "The member's AEO programme was launched in 2012: no operator was certified before."
    ]
    AEOOperatorCountFactory.build(member=member, year=2012).full_clean()
    AEOOperatorCountFactory.build(member=member, year=date.today().year).full_clean()
    future = AEOOperatorCountFactory.build(member=member, year=date.today().year + 1)
    assert refused(future)["year"] == ["Operators are counted in a year that has begun."]
    for year in (1066, 9999):
        assert "year" in refused(AEOOperatorCountFactory.build(member=member, year=year))


def test_a_count_is_never_negative():
    member = AEOProgrammeFactory().member
    count = AEOOperatorCountFactory.build(member=member, certified_operators=-1)
    assert "certified_operators" in refused(count)
    with pytest.raises(IntegrityError), transaction.atomic():
        AEOOperatorCountFactory(member=member, certified_operators=-1)


def test_one_count_per_member_and_year():
    first = AEOOperatorCountFactory(member=AEOProgrammeFactory().member, year=2020)
    again = AEOOperatorCountFactory.build(member=first.member, year=2020)
    assert refused(again)["year"] == ["This member has a count for that year: update it."]
    first.certified_operators = 150
    first.full_clean()  # the record itself is no clash
    AEOOperatorCountFactory.build(member=first.member, year=2021).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        AEOOperatorCountFactory(member=first.member, year=2020)


def test_certified_operators_by_year_sum_the_counts_published_by_a_day():
    fra, deu, ita = MemberFactory(code="FRA"), MemberFactory(code="DEU"), MemberFactory(code="ITA")
    for member, year, operators, day in (
        (fra, 2022, 100, date(2023, 2, 1)),
        (fra, 2023, 130, date(2024, 2, 1)),
        (deu, 2023, 70, date(2024, 3, 1)),
        (ita, 2023, 5, date(2025, 3, 1)),  # published later
    ):
        published(
            AEOOperatorCountFactory(member=member, year=year, certified_operators=operators), day
        )
    AEOOperatorCountFactory(member=deu, year=2022, certified_operators=60)  # a draft
    assert services.certified_operators_by_year(date(2024, 6, 30)) == [
        {"year": 2022, "operators": 100, "members": 1},
        {"year": 2023, "operators": 200, "members": 2},
    ]
    assert services.certified_operators_by_year(date(2025, 6, 30))[-1] == {
        "year": 2023,
        "operators": 205,
        "members": 3,
    }
    # A day in 2023 gives no later year, and a member no longer active does not count.
    assert [r["year"] for r in services.certified_operators_by_year(date(2023, 2, 1))] == [2022]
    fra.is_active = False
    fra.save()
    assert services.certified_operators_by_year(date(2024, 6, 30)) == [
        {"year": 2023, "operators": 70, "members": 1}
    ]
    assert AEOOperatorCount.objects.count() == 5


# --- mutual recognition -----------------------------------------------------------------------


def test_an_arrangement_has_two_distinct_parties():
    fra = MemberFactory(code="FRA")
    with pytest.raises(ValidationError) as error:
        MutualRecognition(status="negotiating").check_parties([fra], [])
    assert "at least two parties" in str(error.value)
    with pytest.raises(ValidationError) as error:
        MutualRecognition(status="negotiating").check_parties([fra, fra], [])
    assert "never recognises itself" in str(error.value)


def test_a_member_does_not_recognise_a_union_it_belongs_to():
    fra = MemberFactory(code="FRA")
    eu = CustomsUnionFactory()
    eu.members.add(fra)
    with pytest.raises(ValidationError) as error:
        MutualRecognition(status="negotiating").check_parties([fra], [eu])
    assert "FRA belongs to EU" in str(error.value)


def test_the_same_parties_have_one_live_arrangement_in_whatever_order():
    fra, jpn = MemberFactory(code="FRA"), MemberFactory(code="JPN")
    MutualRecognitionFactory(parties=[fra, jpn])
    with pytest.raises(ValidationError) as error:
        MutualRecognition(status="negotiating").check_parties([jpn, fra], [])
    assert "live arrangement" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        MutualRecognitionFactory(parties=[jpn, fra])


def test_an_ended_arrangement_does_not_block_a_new_one():
    fra, jpn = MemberFactory(code="FRA"), MemberFactory(code="JPN")
    old = MutualRecognitionFactory(parties=[fra, jpn])
    old.ended_on = date(2024, 1, 1)
    old.save()
    assert MutualRecognition(status="negotiating").check_parties([fra, jpn], []) == "FRA|JPN"


def test_an_arrangement_is_implemented_once_every_aeo_programme_is_operational():
    fra, jpn = MemberFactory(code="FRA"), MemberFactory(code="JPN")
    AEOProgrammeFactory(member=fra)
    AEOProgrammeFactory(member=jpn, programme_status=AEOStatus.PILOT)
    eu = CustomsUnionFactory(aeo_operational=False)
    arrangement = MutualRecognition(status="implemented")
    with pytest.raises(ValidationError) as error:
        arrangement.check_parties([fra, jpn], [eu])
    assert "not yet for EU, JPN" in str(error.value)


def test_a_signed_arrangement_has_its_dates_in_order():
    record = MutualRecognition(
        status="implemented", signed_on=date(2020, 1, 1), implemented_on=date(2019, 1, 1)
    )
    assert "implemented_on" in refused(record)
    assert "signed_on" in refused(MutualRecognition(status="signed"))


def test_implemented_arrangements_in_force_on_a_day():
    arrangement = MutualRecognitionFactory(status="implemented", implemented_on=date(2021, 1, 1))
    assert services.implemented_recognitions(date(2022, 1, 1)) == 1
    assert services.implemented_recognitions(date(2020, 1, 1)) == 0
    arrangement.ended_on = date(2023, 1, 1)
    arrangement.save()
    assert services.implemented_recognitions(date(2024, 1, 1)) == 0


# --- passenger data and risk management -------------------------------------------------------


def test_passenger_data_readiness_is_restricted_by_default():
    assert PassengerDataReadinessFactory().confidentiality == "restricted"
    assert RiskManagementAssessmentFactory().confidentiality == "restricted"


def test_passenger_data_is_used_on_a_legal_basis_with_safeguards():
    record = PassengerDataReadinessFactory.build(
        member=MemberFactory(),
        api_legal_basis=False,
        pnr_status=Readiness.OPERATIONAL,
        safeguards="",
        passenger_unit=False,
    )
    errors = refused(record)
    assert {"api_legal_basis", "pnr_legal_basis", "safeguards", "passenger_unit"} <= set(errors)


def test_operational_access_has_gone_live():
    record = PassengerDataReadinessFactory.build(member=MemberFactory(), go_live=None)
    assert "go_live" in refused(record)


def test_maturity_is_scored_from_one_to_five():
    record = RiskManagementAssessmentFactory.build(member=MemberFactory(), targeting=6)
    assert "targeting" in refused(record)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskManagementAssessmentFactory(targeting=0)


def test_median_maturity_and_its_change_since_the_previous_round():
    fra, deu, ita = MemberFactory(code="FRA"), MemberFactory(code="DEU"), MemberFactory(code="ITA")
    for member, first, latest in ((fra, 2, 3), (deu, 3, 3), (ita, 1, 2)):
        for day, score in ((date(2022, 1, 1), first), (date(2025, 1, 1), latest)):
            published(
                RiskManagementAssessmentFactory(
                    member=member,
                    assessed_on=day,
                    strategy=score,
                    data_intelligence=score,
                    targeting=score,
                    post_clearance=score,
                    performance=score,
                ),
                day,
            )
    assert services.median_maturity(date(2026, 1, 1)) == 3.0
    assert services.median_maturity_change(date(2026, 1, 1)) == 1.0
    assert services.median_maturity(date(2023, 1, 1)) == 2.0


def test_shares_of_members_with_operational_api_and_pnr():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    published(PassengerDataReadinessFactory(member=fra))
    published(
        PassengerDataReadinessFactory(
            member=deu,
            pnr_legal_basis=True,
            pnr_status=Readiness.OPERATIONAL,
            passenger_unit=True,
        )
    )
    assert services.members_with_operational_api(date(2026, 1, 1)) == 100.0
    assert services.members_with_operational_pnr(date(2026, 1, 1)) == 50.0
