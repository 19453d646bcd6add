"""What a user may learn indirectly of the records it may not read (issue 7): another member's
exchange references, the count and dates of the exchanges under an agreement, a partner's
contact in the audit trail; and filters that must never fail (a year out of range)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cooperation.tests.factories import (
    AgreementFactory,
    InformationExchangeFactory,
    PartnerFactory,
)
from core.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/cooperation"


@pytest.fixture
def ita(db):
    return MemberFactory(code="ITA", name="Italy")


def exchange_data(**changes):
    return {
        "reference": "IT-1",
        "date": "2024-01-10",
        "category": "origin",
        **changes,
    }


@pytest.mark.parametrize("reference", ["IT-1", "IT-unknown"])
def test_another_members_exchange_references_cannot_be_probed(
    api, fra_user, fra, ita, deu, reference
):
    agreement = AgreementFactory(parties=[fra, ita, deu])
    InformationExchangeFactory(agreement=agreement, sender=ita, receiver=deu, reference="IT-1")
    response = api(fra_user).post(
        f"{API}/information-exchanges/",
        exchange_data(agreement=agreement.pk, sender="ITA", receiver="FRA", reference=reference),
        format="json",
    )
    # The same answer whether ITA has that reference or not.
    assert response.status_code == 403
    assert "reference" not in str(response.json())


def test_an_agreements_dates_error_neither_counts_nor_dates_its_exchanges(fra, ita, deu):
    agreement = AgreementFactory(parties=[fra, ita, deu])
    InformationExchangeFactory(
        agreement=agreement, sender=ita, receiver=deu, date=date(2024, 3, 15)
    )
    agreement.entry_into_force = date(2024, 6, 1)
    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()
    message = " ".join(refused.value.message_dict["agreement_status"])
    assert "must cover the information exchanged under it" in message
    assert "March" not in message and "2024" not in message and "1 " not in message


def test_deleting_an_agreement_with_exchanges_does_not_say_they_exist(
    api, secretariat_user, fra, ita
):
    exchange = InformationExchangeFactory(sender=fra, receiver=ita)
    response = api(secretariat_user).delete(f"{API}/agreements/{exchange.agreement_id}/")
    assert response.status_code == 409
    assert "exchange" not in str(response.json()).lower()


def test_a_partners_contact_is_left_out_of_its_history_for_anonymous_users(
    api, client, fra_user, secretariat_user
):
    partner = PartnerFactory(name="Academia network")
    partner.contact_name, partner.contact_email = "Jane Roe", "jane@example.org"
    partner.save()
    partner.acronym = "AN"
    partner.save()

    anonymous = str(api().get(f"{API}/partners/{partner.pk}/history/").json())
    page = client.get(partner.get_absolute_url()).content.decode()
    history_page = client.get(f"/history/cooperation/partner/{partner.pk}/").content.decode()
    for shown in (anonymous, page, history_page):
        assert "Jane Roe" not in shown and "jane@example.org" not in shown
        assert "Contact person" not in shown  # nor the contact given at creation
    assert "AN" in anonymous

    signed_in = str(api(fra_user).get(f"{API}/partners/{partner.pk}/history/").json())
    assert "Jane Roe" in signed_in and "jane@example.org" in signed_in
    client.force_login(fra_user)
    assert "jane@example.org" in client.get(partner.get_absolute_url()).content.decode()


@pytest.mark.parametrize("year", ["99999", "-5", "1899", "2101"])
@pytest.mark.parametrize(
    ("register", "page"),
    [
        ("information-exchanges", "/cooperation/exchanges/"),
        ("dialogues", "/cooperation/dialogues/"),
        ("outreach-actions", "/cooperation/outreach/"),
    ],
)
def test_a_year_out_of_range_is_a_400_in_the_api_and_ignored_on_pages(
    api, client, fra_user, register, page, year
):
    response = api(fra_user).get(f"{API}/{register}/?year={year}")
    assert response.status_code == 400 and "year" in response.json()
    client.force_login(fra_user)
    assert client.get(f"{page}?year={year}").status_code == 200
    assert api(fra_user).get(f"{API}/{register}/?year=2024").status_code == 200
