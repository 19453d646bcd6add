"""The cooperation API: the contract's fields, the rules as 400s, who reads and changes the
records of several parties (agreements, exchanges) on every endpoint (a party, another member,
the secretariat, council, anonymous), grants, the workflow, bulk creation, CSV round trips and
query counts. What every register does is tested for these registers too, in
core/tests/test_registers.py (docs/development/testing.md)."""

from datetime import date

import pytest

from cooperation.models import Agreement, InformationExchange
from cooperation.tests.factories import (
    AgreementFactory,
    FollowUpActionFactory,
    InformationExchangeFactory,
    OutreachActionFactory,
    PartnerFactory,
    StakeholderDialogueFactory,
)
from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import MemberFactory, UserFactory
from core.tests.helpers import csv_of, publish_on

pytestmark = pytest.mark.django_db

API = "/api/v1/cooperation"


@pytest.fixture
def ita(db):
    return MemberFactory(code="ITA", name="Italy")


@pytest.fixture
def ita_user(ita):
    """A user of the other party (the receiver of FRA's exchanges)."""
    return UserFactory.for_member(ita, username="member-ita")


def agreement_of(fra, ita, **kwargs):
    return AgreementFactory(parties=[fra, ita], **kwargs)


# --- the contract -----------------------------------------------------------------------------


def test_a_party_records_an_agreement_with_the_contracts_fields(api, fra_user, fra, ita):
    wto = PartnerFactory(name="World Trade Organization")
    response = api(fra_user).post(
        f"{API}/agreements/",
        {
            "title": "MoU on electronic exchange of origin data",
            "kind": "mou",
            "parties": ["fra", "ITA"],
            "partners": [wto.pk],
            "status": "in_force",
            "signed_on": "2019-03-01",
            "entry_into_force": "2019-06-01",
            "expires_on": "2029-05-31",
            "confidentiality": "restricted",
            "allows_personal_data": True,
            "data_protection_clauses": True,
            "legal_basis": "Article 12 of the MoU",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert {k: data[k] for k in ("kind", "parties", "partners", "status", "confidentiality")} == {
        "kind": "mou",
        "parties": ["FRA", "ITA"],
        "partners": [wto.pk],
        "status": "in_force",
        "confidentiality": "restricted",
    }
    assert data["allows_personal_data"] and data["data_protection_clauses"]
    assert data["legal_basis"] == "Article 12 of the MoU"
    assert data["submission_status"] == "draft"
    agreement = Agreement.objects.get(pk=data["id"])
    assert agreement.created_by == fra_user
    assert agreement.history.count() == 1


def test_an_exchange_carries_the_contracts_fields(api, fra_user, fra, ita):
    agreement = agreement_of(fra, ita)
    response = api(fra_user).post(
        f"{API}/information-exchanges/",
        {
            "agreement": agreement.pk,
            "receiver": "ITA",
            "reference": "FR-2024-001",
            "date": "2024-03-15",
            "category": "enforcement",
            "classification": "confidential",
            "personal_data": True,
            "legal_basis": "Article 3",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert {k: data[k] for k in ("agreement", "date", "personal_data", "classification")} == {
        "agreement": agreement.pk,
        "date": "2024-03-15",
        "personal_data": True,
        "classification": "confidential",
    }
    assert (data["sender"], data["receiver"]) == ("FRA", "ITA")


# --- rules through the API --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"data_protection_clauses": False}, "data_protection_clauses"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"entry_into_force": "2014-01-01"}, "entry_into_force"),
        ({"expires_on": "2015-01-01"}, "expires_on"),
        ({"signed_on": None}, "signed_on"),
        ({"parties": ["FRA"]}, "parties"),
        ({"parties": ["FRA", "XXX"]}, "parties"),
        ({"status": "suspended"}, "status"),
        ({"kind": "treaty"}, "kind"),
        ({"signed_on": "0001-01-01"}, "signed_on"),
    ],
)
def test_an_agreement_against_the_rules_is_a_400_naming_the_field(
    api, fra_user, fra, ita, changes, field
):
    body = {
        "title": "CMAA",
        "kind": "cmaa",
        "parties": ["FRA", "ITA"],
        "status": "in_force",
        "signed_on": "2014-06-01",
        "entry_into_force": "2015-01-01",
        "allows_personal_data": True,
        "data_protection_clauses": True,
        "legal_basis": "Article 3",
        **changes,
    }
    response = api(fra_user).post(f"{API}/agreements/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "2014-12-31"}, "agreement"),
        ({"personal_data": True, "legal_basis": ""}, "legal_basis"),
        ({"receiver": "FRA"}, "receiver"),
        ({"receiver": "DEU"}, "receiver"),
        ({"category": "gossip"}, "category"),
        ({"reference": "FR-1"}, "reference"),
    ],
)
def test_an_exchange_against_the_rules_is_a_400_naming_the_field(
    api, fra_user, fra, ita, deu, changes, field
):
    agreement = agreement_of(fra, ita)
    InformationExchangeFactory(agreement=agreement, sender=fra, receiver=ita, reference="FR-1")
    body = {
        "agreement": agreement.pk,
        "receiver": "ITA",
        "reference": "FR-2",
        "date": "2024-01-10",
        "category": "risk",
        **changes,
    }
    response = api(fra_user).post(f"{API}/information-exchanges/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert InformationExchange.objects.count() == 1


def test_personal_data_under_an_agreement_that_does_not_allow_it_is_a_400(api, fra_user, fra, ita):
    agreement = agreement_of(
        fra, ita, allows_personal_data=False, data_protection_clauses=False, legal_basis=""
    )
    response = api(fra_user).post(
        f"{API}/information-exchanges/",
        {
            "agreement": agreement.pk,
            "receiver": "ITA",
            "reference": "FR-3",
            "date": "2024-01-10",
            "category": "risk",
            "personal_data": True,
            "legal_basis": "national law",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "personal_data" in response.json()


def test_a_member_records_only_agreements_it_is_a_party_to(api, fra_user, deu, ita):
    response = api(fra_user).post(
        f"{API}/agreements/",
        {"title": "Not ours", "kind": "mou", "parties": ["DEU", "ITA"]},
        format="json",
    )
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_a_member_records_only_exchanges_it_sends(api, fra_user, fra, ita):
    agreement = agreement_of(fra, ita)
    response = api(fra_user).post(
        f"{API}/information-exchanges/",
        {
            "agreement": agreement.pk,
            "sender": "ITA",
            "receiver": "FRA",
            "reference": "IT-1",
            "date": "2024-01-10",
            "category": "origin",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not InformationExchange.objects.exists()


def test_an_exchange_under_an_agreement_the_member_cannot_read_is_a_400(
    api, deu_user, deu, fra, ita
):
    hidden = agreement_of(fra, ita, confidentiality=Confidentiality.CONFIDENTIAL)
    response = api(deu_user).post(
        f"{API}/information-exchanges/",
        {
            "agreement": hidden.pk,
            "receiver": "ITA",
            "reference": "DE-1",
            "date": "2024-01-10",
            "category": "origin",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "does not exist" in response.json()["agreement"][0]


# --- the permission matrix: agreements -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "confidentiality", "status", "expected"),
    [
        ("owner", Confidentiality.CONFIDENTIAL, WorkflowStatus.DRAFT, 200),
        ("other", Confidentiality.MEMBERS, WorkflowStatus.PUBLISHED, 200),
        ("other", Confidentiality.PUBLIC, WorkflowStatus.SUBMITTED, 404),
        ("other", Confidentiality.RESTRICTED, WorkflowStatus.PUBLISHED, 404),
        ("other", Confidentiality.CONFIDENTIAL, WorkflowStatus.PUBLISHED, 404),
        ("council", Confidentiality.MEMBERS, WorkflowStatus.PUBLISHED, 200),
        ("council", Confidentiality.RESTRICTED, WorkflowStatus.PUBLISHED, 404),
        ("anonymous", Confidentiality.PUBLIC, WorkflowStatus.PUBLISHED, 200),
        ("anonymous", Confidentiality.MEMBERS, WorkflowStatus.PUBLISHED, 404),
        ("secretariat", Confidentiality.RESTRICTED, WorkflowStatus.DRAFT, 200),
        ("secretariat", Confidentiality.CONFIDENTIAL, WorkflowStatus.PUBLISHED, 404),
    ],
)
def test_who_reads_an_agreement(api, users, fra, ita, who, confidentiality, status, expected):
    agreement = agreement_of(fra, ita, confidentiality=confidentiality, status=status)
    client = api(users[who])
    url = f"{API}/agreements/{agreement.pk}/"
    assert client.get(url).status_code == expected
    assert client.get(f"{url}history/").status_code == expected
    assert client.get(f"{API}/agreements/").json()["count"] == (1 if expected == 200 else 0)
    exported = csv_of(client.get(f"{API}/agreements/export/"))
    assert (len(exported.strip().splitlines()) == 2) == (expected == 200)


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        ("owner", WorkflowStatus.DRAFT, 200),
        ("owner", WorkflowStatus.PUBLISHED, 409),
        ("other", WorkflowStatus.PUBLISHED, 403),
        ("other", WorkflowStatus.DRAFT, 404),
        ("council", WorkflowStatus.PUBLISHED, 403),
        ("anonymous", WorkflowStatus.PUBLISHED, 401),
        ("secretariat", WorkflowStatus.PUBLISHED, 200),
    ],
)
def test_who_changes_an_agreement(api, users, fra, ita, who, status, expected):
    agreement = agreement_of(fra, ita, confidentiality=Confidentiality.PUBLIC, status=status)
    response = api(users[who]).patch(
        f"{API}/agreements/{agreement.pk}/", {"scope": "Changed"}, format="json"
    )
    assert response.status_code == expected
    agreement.refresh_from_db()
    assert (agreement.scope == "Changed") == (expected == 200)


def test_a_party_cannot_leave_its_own_agreement(api, fra_user, fra, ita, deu):
    agreement = agreement_of(fra, ita)
    response = api(fra_user).patch(
        f"{API}/agreements/{agreement.pk}/", {"parties": ["ITA", "DEU"]}, format="json"
    )
    assert response.status_code == 403
    assert set(agreement.parties.values_list("code", flat=True)) == {"FRA", "ITA"}


def test_the_agreement_workflow_is_open_to_every_party(
    api, fra_user, ita_user, deu_user, secretariat_user, fra, ita
):
    agreement = agreement_of(fra, ita)
    url = f"{API}/agreements/{agreement.pk}"
    assert api(deu_user).post(f"{url}/submit/").status_code == 404
    assert api(ita_user).post(f"{url}/submit/").json()["submission_status"] == "submitted"
    assert api(fra_user).post(f"{url}/validate/").status_code == 403
    assert api(secretariat_user).post(f"{url}/validate/").status_code == 200
    published = api(secretariat_user).post(f"{url}/publish/").json()
    assert (published["status"], published["submission_status"]) == ("in_force", "published")
    assert api(fra_user).post(f"{url}/submit/").status_code == 409


def test_an_agreement_with_exchanges_is_not_deleted(api, secretariat_user, fra, ita):
    exchange = InformationExchangeFactory(sender=fra, receiver=ita)
    response = api(secretariat_user).delete(f"{API}/agreements/{exchange.agreement_id}/")
    assert response.status_code == 409
    assert Agreement.objects.filter(pk=exchange.agreement_id).exists()


def test_the_expiring_agreements_are_listed(api, fra_user, fra, ita):
    from datetime import timedelta

    soon = agreement_of(fra, ita, expires_on=date.today() + timedelta(days=90))
    agreement_of(fra, ita, expires_on=date.today() + timedelta(days=900))
    data = api(fra_user).get(f"{API}/agreements/?expiring_within=180").json()
    assert [row["id"] for row in data["results"]] == [soon.pk]
    assert data["results"][0]["expires_soon"] is True


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("party=ita", 1),
        ("party=DEU", 0),
        ("region=EUR", 1),
        ("status=in_force", 1),
        ("status=signed", 0),
        ("kind=cmaa", 1),
        ("submission_status=draft", 1),
        ("search=assistance", 1),
        ("q=nothing-like-it", 0),
        ("in_force_on=2014-01-01", 0),
        ("signed_after=2014-01-01", 1),
    ],
)
def test_agreements_are_filtered(api, fra_user, fra, ita, query, count):
    agreement_of(fra, ita)
    assert api(fra_user).get(f"{API}/agreements/?{query}").json()["count"] == count


# --- the permission matrix: exchanges --------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 200),
        ("receiver", 200),
        ("other", 404),
        ("council", 404),
        ("anonymous", 404),
        ("secretariat", 404),
    ],
)
@pytest.mark.parametrize("classification", [Confidentiality.PUBLIC, Confidentiality.CONFIDENTIAL])
def test_who_reads_an_exchange(api, users, ita_user, fra, ita, who, expected, classification):
    exchange = InformationExchangeFactory(sender=fra, receiver=ita, classification=classification)
    client = api(ita_user if who == "receiver" else users[who])
    url = f"{API}/information-exchanges/{exchange.pk}/"
    assert client.get(url).status_code == expected
    assert client.get(f"{url}history/").status_code == expected
    assert client.get(f"{url}grants/").status_code in (
        (expected,) if expected == 404 else (200, 403)
    )
    listed = client.get(f"{API}/information-exchanges/")
    assert listed.status_code == 200
    assert listed.json()["count"] == (1 if expected == 200 else 0)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 200),
        ("receiver", 403),
        ("other", 404),
        ("council", 403),
        ("anonymous", 401),
        ("secretariat", 404),
    ],
)
def test_who_changes_an_exchange(api, users, ita_user, fra, ita, who, expected):
    exchange = InformationExchangeFactory(sender=fra, receiver=ita)
    client = api(ita_user if who == "receiver" else users[who])
    response = client.patch(
        f"{API}/information-exchanges/{exchange.pk}/", {"note": "Changed"}, format="json"
    )
    assert response.status_code == expected
    exchange.refresh_from_db()
    assert (exchange.note == "Changed") == (expected == 200)


def test_the_secretariat_records_an_exchange_and_keeps_reading_it(api, secretariat_user, fra, ita):
    agreement = agreement_of(fra, ita)
    client = api(secretariat_user)
    response = client.post(
        f"{API}/information-exchanges/",
        {
            "agreement": agreement.pk,
            "sender": "FRA",
            "receiver": "ITA",
            "reference": "FR-9",
            "date": "2024-01-10",
            "category": "valuation",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert client.get(f"{API}/information-exchanges/{response.json()['id']}/").status_code == 200
    colleague = UserFactory.secretariat(username="colleague")
    assert api(colleague).get(f"{API}/information-exchanges/").json()["count"] == 0


# --- grants ---------------------------------------------------------------------------------


def test_a_party_names_secretariat_staff_on_an_exchange_until_it_revokes(
    api, fra_user, secretariat_user, fra, ita
):
    exchange = InformationExchangeFactory(sender=fra, receiver=ita)
    url = f"{API}/information-exchanges/{exchange.pk}/"
    staff = api(secretariat_user)
    assert staff.get(url).status_code == 404
    granted = api(fra_user).post(f"{url}grant/", {"staff": "secretariat"}, format="json")
    assert granted.status_code == 200 and granted.json() == [{"staff": "secretariat"}]
    assert staff.get(url).status_code == 200
    assert staff.get(f"{API}/information-exchanges/").json()["count"] == 1
    revoked = api(fra_user).post(f"{url}revoke/", {"staff": "secretariat"}, format="json")
    assert revoked.status_code == 200 and revoked.json() == []
    assert staff.get(url).status_code == 404
    history = InformationExchange.staff_grants().history.order_by("history_id")
    assert [(h.history_type, h.history_user) for h in history] == [
        ("+", fra_user),
        ("-", fra_user),
    ]


def test_a_member_granted_reads_a_restricted_agreement_until_revoked(
    api, fra_user, deu_user, fra, ita, deu
):
    agreement = agreement_of(
        fra, ita, confidentiality=Confidentiality.RESTRICTED, status=WorkflowStatus.PUBLISHED
    )
    url = f"{API}/agreements/{agreement.pk}/"
    germany = api(deu_user)
    assert germany.get(url).status_code == 404
    assert api(fra_user).post(f"{url}grant/", {"member": "DEU"}).json() == [{"member": "DEU"}]
    assert germany.get(url).status_code == 200
    # A grant lets Germany read, never change or share.
    assert germany.patch(url, {"scope": "x"}, format="json").status_code == 403
    assert germany.post(f"{url}grant/", {"member": "DEU"}).status_code == 403
    assert api(fra_user).post(f"{url}revoke/", {"member": "DEU"}).json() == []
    assert germany.get(url).status_code == 404
    assert [h.history_type for h in Agreement.read_grants().history.order_by("history_id")] == [
        "+",
        "-",
    ]


def test_a_party_is_not_granted_what_it_always_reads(api, fra_user, secretariat_user, fra, ita):
    agreement = agreement_of(fra, ita)
    response = api(fra_user).post(f"{API}/agreements/{agreement.pk}/grant/", {"member": "ITA"})
    assert response.status_code == 400 and "member" in response.json()
    exchange = InformationExchangeFactory(agreement=agreement, sender=fra, receiver=ita)
    response = api(fra_user).post(
        f"{API}/information-exchanges/{exchange.pk}/grant/", {"member": "ITA"}
    )
    assert response.status_code == 400 and "member" in response.json()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("receiver", 403), ("other", 404), ("council", 403), ("anonymous", 401), ("secretariat", 404)],
)
def test_only_the_sender_and_staff_named_share_an_exchange(
    api, users, ita_user, fra, ita, who, expected
):
    exchange = InformationExchangeFactory(sender=fra, receiver=ita)
    client = api(ita_user if who == "receiver" else users[who])
    response = client.post(
        f"{API}/information-exchanges/{exchange.pk}/grant/", {"staff": "secretariat"}
    )
    assert response.status_code == expected
    assert not InformationExchange.staff_grants().objects.exists()


def test_the_secretariat_shares_a_confidential_agreement_only_once_named_on_it(
    api, fra_user, secretariat_user, fra, ita, deu
):
    agreement = agreement_of(fra, ita, confidentiality=Confidentiality.CONFIDENTIAL)
    url = f"{API}/agreements/{agreement.pk}/"
    UserFactory.secretariat(username="reviewer")
    staff = api(secretariat_user)
    assert staff.post(f"{url}grant/", {"staff": "reviewer"}).status_code == 404
    api(fra_user).post(f"{url}grant/", {"staff": "secretariat"})
    assert staff.post(f"{url}grant/", {"staff": "reviewer"}).status_code == 200
    # Named staff share it with staff, never with a member that is not a party.
    assert staff.post(f"{url}grant/", {"member": "DEU"}).status_code == 400
    assert staff.get(f"{url}grants/").json() == [{"staff": "reviewer"}, {"staff": "secretariat"}]


def test_a_confidential_agreement_or_an_exchange_is_never_granted_to_a_member(
    api, fra_user, deu_user, fra, ita, deu
):
    agreement = agreement_of(
        fra, ita, confidentiality=Confidentiality.CONFIDENTIAL, status=WorkflowStatus.PUBLISHED
    )
    exchange = InformationExchangeFactory(agreement=agreement, sender=fra, receiver=ita)
    for url in (f"{API}/agreements/{agreement.pk}/", f"{API}/information-exchanges/{exchange.pk}/"):
        response = api(fra_user).post(f"{url}grant/", {"member": "DEU"}, format="json")
        assert response.status_code == 400
        assert "not shared with other members" in str(response.json()["member"])
        assert api(deu_user).get(url).status_code == 404
        # Revoking stays allowed (a grant made before the rule).
        assert api(fra_user).post(f"{url}revoke/", {"member": "DEU"}).status_code == 200


# --- the programme registers: secretariat writes, everyone reads -----------------------------

PUBLIC_REGISTERS = {
    "partners": (PartnerFactory, {"name": "Academia network", "kind": "academia"}),
    "dialogues": (
        StakeholderDialogueFactory,
        {"kind": "workshop", "title": "Workshop", "held_on": "2024-02-01", "members": ["FRA"]},
    ),
    "follow-up-actions": (FollowUpActionFactory, None),
    "outreach-actions": (
        OutreachActionFactory,
        {
            "kind": "statement",
            "title": "Statement to the UN",
            "held_on": "2024-02-01",
            "region": "EUR",
            "commitments": ["COOP-2"],
        },
    ),
}


# That only the secretariat writes them is tested for every register the secretariat keeps in
# core/tests/test_registers.py.


@pytest.mark.parametrize("path", sorted(PUBLIC_REGISTERS))
@pytest.mark.parametrize("who", ["owner", "other", "council", "anonymous", "secretariat"])
def test_everyone_reads_the_programme_registers(api, users, path, who):
    make, _ = PUBLIC_REGISTERS[path]
    record = make()
    client = api(users[who])
    assert client.get(f"{API}/{path}/").json()["count"] >= 1
    assert client.get(f"{API}/{path}/{record.pk}/").status_code == 200


@pytest.mark.parametrize("path", sorted(PUBLIC_REGISTERS))
def test_the_secretariat_records_the_programme_registers(api, secretariat_user, fra, path):
    make, body = PUBLIC_REGISTERS[path]
    record = make()
    if body is None:
        body = {
            "dialogue": record.dialogue_id,
            "action": "Publish guidance",
            "owner": "Secretariat",
            "due": "2024-12-31",
        }
    client = api(secretariat_user)
    response = client.post(f"{API}/{path}/", body, format="json")
    assert response.status_code == 201, response.content
    assert client.patch(f"{API}/{path}/{record.pk}/", {}, format="json").status_code == 200


def test_a_follow_up_action_done_without_its_date_is_a_400(api, secretariat_user):
    dialogue = StakeholderDialogueFactory()
    response = api(secretariat_user).post(
        f"{API}/follow-up-actions/",
        {
            "dialogue": dialogue.pk,
            "action": "Draft guidance",
            "owner": "PSCG",
            "due": "2024-12-31",
            "status": "done",
        },
        format="json",
    )
    assert response.status_code == 400 and "done_on" in response.json()


def test_a_partners_contact_is_shown_to_signed_in_users_only(api, fra_user):
    partner = PartnerFactory()
    assert "contact_email" not in api().get(f"{API}/partners/{partner.pk}/").json()
    assert api(fra_user).get(f"{API}/partners/{partner.pk}/").json()["contact_email"]


# --- aggregate counts and the summary ------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "other", "council", "secretariat", "anonymous"])
def test_anyone_reads_the_exchange_counts(api, users, fra, ita, who):
    InformationExchangeFactory(sender=fra, receiver=ita, date=date(2024, 3, 1), personal_data=True)
    response = api(users[who]).get(f"{API}/exchanges/counts/?end=2024-12-31")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1 and data["personal_data"] == {"yes": 1, "no": 0}
    assert data["by_year"] == [{"year": 2024, "count": 1}]


def test_the_summary_gives_the_period_s_figures(api, fra, ita):
    publish_on(agreement_of(fra, ita))
    InformationExchangeFactory(sender=fra, receiver=ita, date=date(2024, 3, 1))
    StakeholderDialogueFactory(held_on=date(2024, 5, 1))
    OutreachActionFactory(held_on=date(2024, 6, 1))
    data = api().get(f"{API}/summary/?start=2024-01-01&end=2024-12-31").json()
    assert data["agreements"]["in_force"] == 1
    assert data["agreements"]["share_with_clauses"] == 100.0
    assert data["exchanges"]["total"] == 1
    assert data["dialogues"]["held"] == 1
    assert data["outreach"]["actions"] == 1


# --- bulk and CSV ---------------------------------------------------------------------------


def test_a_bulk_of_exchanges_is_created_all_or_none(api, fra_user, fra, ita):
    agreement = agreement_of(fra, ita)
    row = {"agreement": agreement.pk, "receiver": "ITA", "category": "risk", "date": "2024-01-10"}
    rows = [{**row, "reference": "FR-1"}, {**row, "reference": "FR-2", "date": "2010-01-01"}]
    client = api(fra_user)
    assert client.post(f"{API}/information-exchanges/", rows, format="json").status_code == 400
    assert not InformationExchange.objects.exists()
    rows[1]["date"] = "2024-02-10"
    assert client.post(f"{API}/information-exchanges/", rows, format="json").status_code == 201
    assert InformationExchange.objects.filter(sender=fra).count() == 2


def test_a_bulk_of_agreements_is_created_all_or_none(api, fra_user, fra, ita, deu):
    row = {"kind": "mou", "status": "negotiating"}
    rows = [
        {**row, "title": "One", "parties": ["FRA", "ITA"]},
        {**row, "title": "Two", "parties": ["DEU", "ITA"]},
    ]
    client = api(fra_user)
    assert client.post(f"{API}/agreements/", rows, format="json").status_code == 403
    assert not Agreement.objects.exists()
    rows[1]["parties"] = ["FRA", "DEU"]
    assert client.post(f"{API}/agreements/", rows, format="json").status_code == 201
    assert Agreement.objects.count() == 2


@pytest.mark.parametrize(
    ("register", "model", "fields"),
    [
        (
            "agreements",
            Agreement,
            ["title", "kind", "parties", "partners", "status", "signed_on", "legal_basis"],
        ),
        (
            "information-exchanges",
            InformationExchange,
            ["agreement", "sender", "receiver", "reference", "date", "category", "note"],
        ),
    ],
)
def test_a_register_round_trips_through_csv(api, fra_user, fra, ita, register, model, fields):
    agreement = agreement_of(fra, ita, partners=[PartnerFactory()])
    agreement_of(fra, ita, signed_on=date(2013, 1, 1), title="Second agreement")
    for number in range(3):
        InformationExchangeFactory(
            agreement=agreement, sender=fra, receiver=ita, note=f"Note {number}, with a comma"
        )
    client = api(fra_user)
    before = client.get(f"{API}/{register}/?page_size=100").json()["results"]
    exported = csv_of(client.get(f"{API}/{register}/export/"))
    if model is Agreement:
        InformationExchange.objects.all().delete()
    model.objects.all().delete()
    response = client.generic("POST", f"{API}/{register}/import/", exported, "text/csv")
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": len(before), "updated": 0}
    after = client.get(f"{API}/{register}/?page_size=100").json()["results"]
    assert [{f: r[f] for f in fields} for r in after] == [{f: r[f] for f in fields} for r in before]
    again = client.generic("POST", f"{API}/{register}/import/", exported, "text/csv")
    assert again.json() == {"created": 0, "updated": len(before)}


def test_a_csv_row_against_the_rules_is_reported_and_nothing_is_imported(api, fra_user, fra, ita):
    agreement = agreement_of(fra, ita)
    text = (
        "agreement,sender,receiver,reference,date,category\n"
        f"{agreement.pk},FRA,ITA,FR-1,2024-01-10,risk\n"
        f"{agreement.pk},FRA,ITA,FR-2,2010-01-10,risk\n"
    )
    response = api(fra_user).generic(
        "POST", f"{API}/information-exchanges/import/", text, "text/csv"
    )
    assert response.status_code == 400
    assert response.json()["rows"][0]["row"] == 3
    assert "agreement" in response.json()["rows"][0]["errors"]
    assert not InformationExchange.objects.exists()


# --- query counts -----------------------------------------------------------------------------


# The registers' API lists are measured for every register in core/tests/test_registers.py,
# but for the exchanges: only their sender, their receiver and those granted them read them.


def make_rows(register, rows, fra, ita):
    for _ in range(rows):
        if register == "agreements":
            publish_on(
                AgreementFactory(
                    parties=[MemberFactory(), MemberFactory()], partners=[PartnerFactory()]
                )
            )
        elif register == "information-exchanges":
            InformationExchangeFactory(sender=fra, receiver=ita)
        elif register == "dialogues":
            dialogue = StakeholderDialogueFactory()
            dialogue.members.set([MemberFactory()])
            dialogue.partners.set([PartnerFactory()])
            FollowUpActionFactory(dialogue=dialogue)
        elif register == "outreach-actions":
            action = OutreachActionFactory()
            action.members.set([MemberFactory()])


@pytest.mark.parametrize("rows", [3, 30])
def test_the_exchanges_api_list_costs_a_fixed_number_of_queries(
    api, fra_user, fra, ita, django_assert_max_num_queries, rows
):
    make_rows("information-exchanges", rows, fra, ita)
    # savepoint + release, groups, member grants, count, page (sender and receiver joined)
    with django_assert_max_num_queries(6):
        response = api(fra_user).get(f"{API}/information-exchanges/?page_size=100")
    assert response.json()["count"] >= rows


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(
    ("path", "ceiling"), [("summary/?end=2024-12-31", 16), ("exchanges/counts/", 6)]
)
def test_figures_cost_a_fixed_number_of_queries(
    api, fra_user, fra, ita, django_assert_max_num_queries, path, ceiling, rows
):
    for register in ("agreements", "information-exchanges", "dialogues", "outreach-actions"):
        make_rows(register, rows, fra, ita)
    with django_assert_max_num_queries(ceiling):
        response = api(fra_user).get(f"{API}/{path}")
    assert response.status_code == 200


# --- audit ------------------------------------------------------------------------------------


def test_a_change_of_an_agreements_parties_is_audited_with_old_and_new_and_its_author(
    api, fra_user, fra, ita, deu
):
    agreement = agreement_of(fra, ita)
    url = f"{API}/agreements/{agreement.pk}/"
    response = api(fra_user).patch(url, {"parties": ["FRA", "ITA", "DEU"]}, format="json")
    assert response.status_code == 200, response.json()
    history = api(fra_user).get(f"{url}history/").json()
    change = {"field": "parties", "old": ["France (FRA)", "Italy (ITA)"]}
    change["new"] = ["France (FRA)", "Germany (DEU)", "Italy (ITA)"]
    assert change in history[0]["changes"] and history[0]["user"] == "member-fra"
