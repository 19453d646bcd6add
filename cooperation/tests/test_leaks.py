"""A confidential agreement and the exchanges under it never reach a user who was not granted
them.

A unique marker is planted in every text of a confidential agreement between France and Italy
(title, scope, legal basis, safeguards) and of the information France sent Italy under it
(reference, legal basis, note); then looked for everywhere a user could read it: every API
endpoint of the registers (list, detail, CSV export, filters and searches, audit history,
grants) and the aggregate endpoints (exchange counts, summary). It never reaches another member,
the council, an anonymous user or secretariat staff not named on it; it reaches the parties, and
named staff until they are revoked, from the next request.

The browser pages are searched the same way (`page_addresses`), and the report's PDF in
test_report.py.
"""

from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from guardian.shortcuts import assign_perm

from cooperation import urls as page_urls
from cooperation.tests.factories import AgreementFactory, InformationExchangeFactory
from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import MemberFactory, UserFactory
from core.tests.helpers import publish_on

pytestmark = pytest.mark.django_db

MARK = "Xw4Marker"
SEARCH = MARK[:4]
API = "/api/v1/cooperation"
AGREEMENTS = f"{API}/agreements/"
EXCHANGES = f"{API}/information-exchanges/"


@pytest.fixture
def ita(db):
    return MemberFactory(code="ITA", name="Italy")


@pytest.fixture
def ita_user(ita):
    return UserFactory.for_member(ita, username="member-ita")


@pytest.fixture
def reviewer(db):
    return UserFactory.secretariat(username="reviewer")


@pytest.fixture
def secrets(fra, ita):
    agreement = publish_on(
        AgreementFactory(
            parties=[fra, ita],
            title=f"{MARK}-title",
            scope=f"{MARK}-scope",
            legal_basis=f"{MARK}-legal-basis",
            safeguards=f"{MARK}-safeguards",
            confidentiality=Confidentiality.CONFIDENTIAL,
        ),
        date(2020, 1, 1),
    )
    exchanges = [
        InformationExchangeFactory(
            agreement=agreement,
            sender=fra,
            receiver=ita,
            reference=f"{MARK}-ref-{number}",
            personal_data=True,
            legal_basis=f"{MARK}-exchange-basis",
            note=f"{MARK}-note",
            classification=Confidentiality.PUBLIC if number else Confidentiality.CONFIDENTIAL,
            date=date(2024, 3, number + 1),
        )
        for number in range(2)
    ]
    # Plain records around them, so that lists and counts are not empty.
    other = publish_on(AgreementFactory(confidentiality=Confidentiality.PUBLIC))
    InformationExchangeFactory(
        agreement=other, sender=other.parties.first(), receiver=other.parties.last()
    )
    return {"agreement": agreement, "exchanges": exchanges}


def endpoints(secrets):
    agreement = secrets["agreement"]
    addresses = []
    for base in (AGREEMENTS, EXCHANGES):
        addresses += [
            base,
            f"{base}export/",
            f"{base}?q={SEARCH}",
            f"{base}?search={SEARCH}",
            f"{base}?member=FRA",
            f"{base}?region=EUR",
            f"{base}?page_size=500",
        ]
    addresses += [
        f"{AGREEMENTS}?party=ITA",
        f"{AGREEMENTS}?confidentiality=confidential",
        f"{AGREEMENTS}?status=in_force",
        f"{AGREEMENTS}?expiring_within=100000",
        f"{EXCHANGES}?agreement={agreement.pk}",
        f"{EXCHANGES}?personal_data=true",
        f"{AGREEMENTS}{agreement.pk}/",
        f"{AGREEMENTS}{agreement.pk}/history/",
        f"{AGREEMENTS}{agreement.pk}/grants/",
    ]
    for exchange in secrets["exchanges"]:
        addresses += [
            f"{EXCHANGES}{exchange.pk}/",
            f"{EXCHANGES}{exchange.pk}/history/",
            f"{EXCHANGES}{exchange.pk}/grants/",
        ]
    return addresses


AGGREGATES = [f"{API}/exchanges/counts/?start=2020-01-01", f"{API}/summary/?start=2020-01-01"]


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def read(client, address):
    response = client.get(address)
    assert response.status_code < 500, (address, response.status_code)
    return body(response)


def leaks(client, addresses, mark=MARK):
    return [address for address in addresses if mark in read(client, address)]


@pytest.fixture
def outsiders(deu_user, council_user, secretariat_user):
    return {
        "another member": deu_user,
        "council": council_user,
        "anonymous": None,
        "secretariat not named": secretariat_user,
    }


def test_no_endpoint_gives_the_marker_to_a_user_not_granted(api, secrets, outsiders):
    addresses = endpoints(secrets) + AGGREGATES
    for who, user in outsiders.items():
        assert leaks(api(user), addresses) == [], who


def test_the_aggregates_count_the_hidden_exchanges_without_their_details(api, secrets, deu_user):
    counts = api(deu_user).get(f"{API}/exchanges/counts/?start=2020-01-01").json()
    assert counts["total"] == 3 and counts["personal_data"]["yes"] == 2
    summary = api().get(f"{API}/summary/?start=2020-01-01").json()
    assert summary["agreements"]["in_force"] == 2
    assert MARK not in str(summary)


def test_the_parties_read_the_marker(api, secrets, fra_user, ita_user):
    agreement, sent = secrets["agreement"], secrets["exchanges"][0]
    for user in (fra_user, ita_user):
        client = api(user)
        assert f"{MARK}-safeguards" in read(client, f"{AGREEMENTS}{agreement.pk}/")
        assert f"{MARK}-note" in read(client, f"{EXCHANGES}{sent.pk}/")
        assert f"{MARK}-ref-0" in read(client, f"{EXCHANGES}export/")
        assert f"{MARK}-title" in read(client, f"{AGREEMENTS}?search={SEARCH}")


def test_named_staff_read_the_marker_until_revoked_from_the_next_request(
    api, secrets, fra_user, reviewer, secretariat_user
):
    agreement, sent = secrets["agreement"], secrets["exchanges"][0]
    owner, staff = api(fra_user), api(reviewer)
    assert leaks(staff, endpoints(secrets)) == []

    for url in (f"{AGREEMENTS}{agreement.pk}/", f"{EXCHANGES}{sent.pk}/"):
        granted = owner.post(f"{url}grant/", {"staff": "reviewer"}, format="json")
        assert granted.status_code == 200
    assert f"{MARK}-scope" in read(staff, f"{AGREEMENTS}{agreement.pk}/")
    assert f"{MARK}-note" in read(staff, f"{EXCHANGES}{sent.pk}/")
    assert f"{MARK}-ref-0" in read(staff, f"{EXCHANGES}export/")
    # Only what it was named on: the other exchange under the agreement stays out of reach.
    assert f"{MARK}-ref-1" not in read(staff, f"{EXCHANGES}?page_size=500")
    # And only the staff named.
    assert leaks(api(secretariat_user), endpoints(secrets)) == []

    for url in (f"{AGREEMENTS}{agreement.pk}/", f"{EXCHANGES}{sent.pk}/"):
        revoked = owner.post(f"{url}revoke/", {"staff": "reviewer"}, format="json")
        assert revoked.status_code == 200 and revoked.json() == []
    assert leaks(staff, endpoints(secrets)) == []


def test_a_member_is_never_granted_the_marker(api, secrets, fra_user, deu_user):
    """Member grants are for restricted records: a confidential agreement and the exchanges
    stay with their parties and the secretariat staff named on them."""
    agreement, sent = secrets["agreement"], secrets["exchanges"][0]
    owner = api(fra_user)
    for url in (f"{AGREEMENTS}{agreement.pk}/", f"{EXCHANGES}{sent.pk}/"):
        refused = owner.post(f"{url}grant/", {"member": "DEU"}, format="json")
        assert refused.status_code == 400 and "member" in refused.json()
    assert leaks(api(deu_user), endpoints(secrets)) == []


def test_a_member_granted_an_exchange_never_reads_the_agreement_title(
    api, client, secrets, deu, deu_user
):
    """A member granted an exchange before member grants were refused on exchanges reads the
    exchange, never the title of the confidential agreement it is under."""
    sent = secrets["exchanges"][0]
    assign_perm("view_informationexchange", deu.group, sent)
    assert f"{MARK}-note" in read(api(deu_user), f"{EXCHANGES}{sent.pk}/")
    assert f"{MARK}-title" not in read(api(deu_user), f"{EXCHANGES}{sent.pk}/")
    client.force_login(deu_user)
    for url in ("/cooperation/exchanges/", sent.get_absolute_url()):
        html = read(client, url)
        assert f"{MARK}-ref-0" in html
        assert f"{MARK}-title" not in html and "an agreement you may not read" in html


def test_an_unpublished_agreement_is_not_read_even_when_granted(api, secrets, deu, deu_user):
    agreement = secrets["agreement"]
    # A grant made before member grants of confidential records were refused.
    assign_perm("view_agreement", deu.group, agreement)
    type(agreement).objects.filter(pk=agreement.pk).update(status=WorkflowStatus.SUBMITTED)
    assert leaks(api(deu_user), endpoints(secrets)) == []


# --- browser pages ---------------------------------------------------------------------------
# (The report's PDF: test_report.py, `test_the_report_pdf_never_prints_the_marker`.)


def page_addresses(secrets):
    """Every browser page of the cooperation area a user could read: the lists (with a search,
    and sorted by each column), the area page, and each marked record's detail and edit pages
    and audit history."""
    addresses = [reverse("cooperation:area")]
    for pattern in page_urls.urlpatterns:
        listing = isinstance(pattern, URLPattern) and pattern.name.endswith("_list")
        if listing:
            address = reverse(f"cooperation:{pattern.name}")
            addresses += [address, f"{address}?q={SEARCH}"]
    # Sorted by any column, a list orders only the rows its reader reads, by what it reads.
    for column in ("title", "agreement_status", "expires_on", "confidentiality", "status"):
        addresses.append(f"{reverse('cooperation:agreement_list')}?sort={column}")
    for column in ("reference", "sender", "receiver", "agreement", "-date"):
        addresses.append(f"{reverse('cooperation:exchange_list')}?sort={column}")
    for record in (secrets["agreement"], *secrets["exchanges"]):
        detail = record.get_absolute_url()
        model = record._meta.model_name
        addresses += [detail, f"{detail}edit/", f"/history/cooperation/{model}/{record.pk}/"]
    return addresses


def test_no_browser_page_gives_the_marker_to_a_user_not_granted(secrets, outsiders):
    addresses = page_addresses(secrets)
    for who, user in outsiders.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert leaks(client, addresses) == [], who


def test_the_parties_read_the_marker_in_the_browser(secrets, fra_user, ita_user):
    agreement, sent = secrets["agreement"], secrets["exchanges"][0]
    for user in (fra_user, ita_user):
        client = Client()
        client.force_login(user)
        assert f"{MARK}-safeguards" in read(client, agreement.get_absolute_url())
        assert f"{MARK}-note" in read(client, sent.get_absolute_url())
        assert f"{MARK}-title" in read(client, f"/cooperation/exchanges/?q={SEARCH}")
