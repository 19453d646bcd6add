"""The cooperation pages: the secretariat records partners, dialogues and their follow-up
actions and outreach actions; the secretariat and the parties' users record agreements, and
senders' users the information they exchanged. A confidential agreement and an exchange reach
no one who was not granted them, on any page; grants and revocations take effect on the next
request."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cooperation.choices import ActionStatus, AgreementStatus
from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from cooperation.tests.factories import (
    AgreementFactory,
    FollowUpActionFactory,
    InformationExchangeFactory,
    OutreachActionFactory,
    PartnerFactory,
    StakeholderDialogueFactory,
)
from core import grants
from core.choices import Confidentiality, WorkflowStatus
from core.models import Commitment, Region
from core.tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date.today()


def published(agreement):
    agreement.status = WorkflowStatus.PUBLISHED
    agreement.published_at = timezone.now() - timedelta(days=1)
    agreement.save()
    return agreement


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def third(db):
    """France's partner in its agreements: a party, but not one of the five users' members."""
    return MemberFactory(code="ITA", name="Italy")


@pytest.fixture
def reviewer(db):
    return UserFactory.secretariat(username="reviewer")


# --- every page, for the five users -------------------------------------------------------


@pytest.fixture
def records(fra, third):
    partner = PartnerFactory(name="World Trade Organization", acronym="WTO")
    public = published(
        AgreementFactory(
            title="Public framework", confidentiality=Confidentiality.PUBLIC, parties=[fra, third]
        )
    )
    public.partners.add(partner)
    draft = AgreementFactory(title="Draft MoU", parties=[fra, third])
    exchange = InformationExchangeFactory(agreement=public, sender=fra, receiver=third)
    dialogue = StakeholderDialogueFactory()
    dialogue.partners.add(partner)
    FollowUpActionFactory(dialogue=dialogue)
    outreach = OutreachActionFactory()
    return {
        "partner": partner,
        "public": public,
        "draft": draft,
        "exchange": exchange,
        "dialogue": dialogue,
        "outreach": outreach,
    }


USERS = ["owner", "other", "secretariat", "council", "anonymous"]
# path (from the records) -> status for owner, other, secretariat, council, anonymous. (Every
# register's list and its new form are tested for these users in core/tests/test_registers.py.)
PAGES = [
    (lambda r: "/cooperation/", [200, 200, 200, 200, 200]),
    (lambda r: r["partner"].get_absolute_url(), [200, 200, 200, 200, 200]),
    (lambda r: r["public"].get_absolute_url(), [200, 200, 200, 200, 200]),
    (lambda r: r["draft"].get_absolute_url(), [200, 404, 200, 404, 404]),
    (lambda r: r["exchange"].get_absolute_url(), [200, 404, 404, 404, 404]),
    (lambda r: r["dialogue"].get_absolute_url(), [200, 200, 200, 200, 200]),
    (lambda r: r["outreach"].get_absolute_url(), [200, 200, 200, 200, 200]),
    # Edit forms: a party's users edit a draft agreement, the sender's an exchange; the
    # secretariat the agreements it reads and its own registers.
    (lambda r: f"{r['draft'].get_absolute_url()}edit/", [200, 404, 200, 404, 302]),
    (lambda r: f"{r['public'].get_absolute_url()}edit/", [403, 403, 200, 403, 302]),
    (lambda r: f"{r['exchange'].get_absolute_url()}edit/", [200, 404, 404, 404, 302]),
    (lambda r: f"{r['partner'].get_absolute_url()}edit/", [403, 403, 200, 403, 302]),
    (lambda r: f"{r['dialogue'].get_absolute_url()}edit/", [403, 403, 200, 403, 302]),
    (lambda r: f"{r['outreach'].get_absolute_url()}edit/", [403, 403, 200, 403, 302]),
]


@pytest.mark.parametrize(("who", "column"), [(who, i) for i, who in enumerate(USERS)])
def test_each_page_answers_each_user_as_its_rights_say(client, users, records, who, column):
    login(client, users[who])
    answers = {}
    for path_of, statuses in PAGES:
        path = path_of(records)
        answers[path] = (client.get(path).status_code, statuses[column])
    assert {path: got for path, (got, _) in answers.items()} == {
        path: expected for path, (_, expected) in answers.items()
    }


def test_the_navigation_links_to_the_cooperation_area(client):
    assert 'href="/cooperation/"' in page(client.get("/"))


def test_the_area_page_shows_commitments_key_figures_and_charts(client, fra, third, fra_user):
    published(
        AgreementFactory(
            parties=[fra, third],
            expires_on=TODAY + timedelta(days=90),
            allows_personal_data=False,
            data_protection_clauses=True,
        )
    )
    published(
        AgreementFactory(
            parties=[fra, third],
            allows_personal_data=False,
            data_protection_clauses=False,
            legal_basis="",
        )
    )
    dialogue = StakeholderDialogueFactory(held_on=TODAY - timedelta(days=30))
    FollowUpActionFactory(
        dialogue=dialogue,
        due=TODAY - timedelta(days=5),
        status=ActionStatus.DONE,
        done_on=TODAY - timedelta(days=6),
    )
    FollowUpActionFactory(dialogue=dialogue, due=TODAY - timedelta(days=2))
    europe = Region.objects.get(code="EUR")
    OutreachActionFactory(held_on=TODAY - timedelta(days=10), region=europe)
    OutreachActionFactory(held_on=TODAY - timedelta(days=400))
    InformationExchangeFactory(sender=fra, receiver=third, date=TODAY - timedelta(days=1))

    login(client, fra_user)
    response = client.get("/cooperation/")
    html = page(response)
    for code in ("COOP-1", "COOP-2", "COOP-3"):
        assert f'href="/commitments/{code}/"' in html
    figures = response.context["figures"]
    assert figures["data_protection"]["in_force"] == 2
    assert figures["data_protection"]["share_with_clauses"] == 50
    assert (figures["dialogues"], figures["outreach"]) == (1, 1)
    assert figures["follow_up"] == {"due": 2, "done_on_time": 1, "share_on_time": 50}
    assert "Stakeholder dialogue events per year" in html
    assert "Political outreach actions per year" in html
    assert {name: n for _, name, n in response.context["outreach_regions"]}["Europe"] == 1
    assert html.count("<svg") >= 3
    assert [a.expires_on for a in response.context["expiring"]] == [TODAY + timedelta(days=90)]
    # Exchanges: counts only.
    assert response.context["exchanges"]["total"] == 1
    assert "1 exchange recorded since" in html

    # Aggregate counts are for everyone, as in the summary and the public report.
    login(client, None)
    response = client.get("/cooperation/")
    assert response.context["exchanges"]["total"] == 1
    assert "1 exchange recorded since" in page(response)


# --- confidential agreements and exchanges ------------------------------------------------


@pytest.fixture
def secret(fra, third):
    """France's confidential agreement, published and expiring soon, with a partner, and an
    exchange France sent under it."""
    partner = PartnerFactory(name="Secret partner org")
    agreement = published(
        AgreementFactory(
            title="Secret pact",
            scope="Covert scope",
            confidentiality=Confidentiality.CONFIDENTIAL,
            parties=[fra, third],
            partners=[partner],
            expires_on=TODAY + timedelta(days=60),
        )
    )
    exchange = InformationExchangeFactory(
        agreement=agreement, sender=fra, receiver=third, reference="SECRET-REF", note="Covert"
    )
    return agreement, exchange, partner


def pages_of(agreement, exchange, partner):
    """Every page where the agreement or the exchange could show: path -> its detail?"""
    return {
        "/cooperation/": False,
        "/cooperation/agreements/": False,
        "/cooperation/agreements/?q=secret": False,
        "/cooperation/agreements/?q=covert": False,
        f"/cooperation/agreements/?partner={partner.pk}": False,
        "/cooperation/agreements/?party=FRA": False,
        "/cooperation/exchanges/": False,
        "/cooperation/exchanges/?q=SECRET": False,
        f"/cooperation/exchanges/?agreement={agreement.pk}": False,
        partner.get_absolute_url(): False,
        agreement.get_absolute_url(): True,
        exchange.get_absolute_url(): True,
        f"/history/cooperation/agreement/{agreement.pk}/": True,
        f"/history/cooperation/informationexchange/{exchange.pk}/": True,
    }


def assert_nothing_shows(client, agreement, exchange, partner):
    for path, is_detail in pages_of(agreement, exchange, partner).items():
        response = client.get(path)
        if is_detail:
            assert response.status_code == 404, path
        else:
            html = page(response)
            for secret in ("Secret pact", "SECRET-REF", agreement.get_absolute_url()):
                assert secret not in html, (path, secret)


@pytest.mark.parametrize("who", ["other", "secretariat", "council", "anonymous"])
def test_a_confidential_agreement_and_its_exchange_never_show_to_users_not_granted(
    client, users, secret, who
):
    login(client, users[who])
    assert_nothing_shows(client, *secret)


def test_the_parties_see_them_everywhere(client, fra_user, secret):
    agreement, exchange, partner = secret
    login(client, fra_user)
    for path in pages_of(agreement, exchange, partner):
        html = page(client.get(path))
        if "exchange" in path or "informationexchange" in path:
            assert "SECRET-REF" in html, path
        else:
            assert "Secret pact" in html, path


def test_a_receiver_reads_the_exchange_but_only_the_sender_changes_it(client, third, secret):
    _, exchange, _ = secret
    login(client, UserFactory.for_member(third, username="member-ita"))
    assert "SECRET-REF" in page(client.get(exchange.get_absolute_url()))
    assert client.get(f"{exchange.get_absolute_url()}edit/").status_code == 403
    assert "Read access" not in page(client.get(exchange.get_absolute_url()))


def test_the_secretariat_names_staff_in_the_browser_from_the_next_request(
    client, secret, reviewer, secretariat_user
):
    agreement, exchange, partner = secret
    grants.grant(agreement, staff=reviewer)
    grants.grant(exchange, staff=reviewer)
    login(client, reviewer)
    for record in (agreement, exchange):
        url = record.get_absolute_url()
        html = page(client.get(url))
        assert "Secretariat staff" in html and "reviewer" in html
        response = client.post(f"{url}access/grant/", {"staff": "secretariat"}, follow=True)
        assert "secretariat may now read" in " ".join(messages_of(response))

    login(client, secretariat_user)
    assert "Secret pact" in page(client.get(agreement.get_absolute_url()))
    assert "Secret pact" in page(client.get("/cooperation/agreements/?q=secret"))
    assert "Secret pact" in page(client.get("/cooperation/"))  # expiring soon
    assert "SECRET-REF" in page(client.get(exchange.get_absolute_url()))
    assert "SECRET-REF" in page(client.get("/cooperation/exchanges/"))

    login(client, reviewer)
    for record in (agreement, exchange):
        client.post(f"{record.get_absolute_url()}access/revoke/", {"staff": "secretariat"})
    login(client, secretariat_user)
    assert_nothing_shows(client, agreement, exchange, partner)
    # Every grant and revocation is kept, with who made it.
    kept = agreement.staff_grants().history.filter(content_object_id=agreement.pk)
    assert [(h.history_type, h.user.username, h.history_user) for h in kept.order_by("pk")] == [
        ("+", "reviewer", None),
        ("+", "secretariat", reviewer),
        ("-", "secretariat", reviewer),
    ]


def test_staff_named_on_an_exchange_only_never_see_the_agreement_title(client, secret, reviewer):
    agreement, exchange, _ = secret
    grants.grant(exchange, staff=reviewer)
    login(client, reviewer)
    for path in ("/cooperation/exchanges/", exchange.get_absolute_url()):
        html = page(client.get(path))
        assert "SECRET-REF" in html, path
        assert "Secret pact" not in html and agreement.get_absolute_url() not in html, path
        assert "an agreement you may not read" in html, path
    grants.grant(agreement, staff=reviewer)
    for path in ("/cooperation/exchanges/", exchange.get_absolute_url()):
        assert "Secret pact" in page(client.get(path)), path


def test_a_party_grants_a_member_a_restricted_agreement_and_revokes_it(
    client, fra_user, deu_user, fra, third
):
    agreement = published(
        AgreementFactory(
            title="Restricted pact",
            confidentiality=Confidentiality.RESTRICTED,
            parties=[fra, third],
        )
    )
    login(client, fra_user)
    html = page(client.get(agreement.get_absolute_url()))
    assert "Read access" in html and "No other member." in html
    response = client.post(
        f"{agreement.get_absolute_url()}access/grant/", {"member": "DEU"}, follow=True
    )
    assert "Germany may now read" in " ".join(messages_of(response))
    assert "Germany (DEU)" in page(response)

    login(client, deu_user)
    assert "Restricted pact" in page(client.get(agreement.get_absolute_url()))
    assert "Read access" not in page(client.get(agreement.get_absolute_url()))
    assert (
        client.post(f"{agreement.get_absolute_url()}access/grant/", {"member": "DEU"}).status_code
        == 403
    )

    login(client, fra_user)
    client.post(f"{agreement.get_absolute_url()}access/revoke/", {"member": "DEU"})
    login(client, deu_user)
    assert client.get(agreement.get_absolute_url()).status_code == 404


def test_a_confidential_agreement_and_an_exchange_are_never_granted_to_a_member(
    client, fra_user, deu_user, secret
):
    agreement, exchange, partner = secret
    login(client, fra_user)
    for record in (agreement, exchange):
        response = client.post(
            f"{record.get_absolute_url()}access/grant/", {"member": "DEU"}, follow=True
        )
        assert "not shared with other members" in " ".join(messages_of(response))
        assert not record.read_grants().objects.filter(content_object=record).exists()
    login(client, deu_user)
    assert_nothing_shows(client, agreement, exchange, partner)


def test_a_party_is_never_granted_what_it_always_reads(client, fra_user, secret):
    agreement, _, _ = secret
    login(client, fra_user)
    response = client.post(
        f"{agreement.get_absolute_url()}access/grant/", {"member": "ITA"}, follow=True
    )
    assert "Italy always reads this record." in messages_of(response)
    assert not agreement.read_grants().objects.filter(content_object=agreement).exists()


def test_another_member_cannot_grant_itself_what_it_does_not_see(client, deu_user, secret):
    agreement, exchange, _ = secret
    login(client, deu_user)
    for record in (agreement, exchange):
        response = client.post(f"{record.get_absolute_url()}access/grant/", {"member": "DEU"})
        assert response.status_code == 404


# --- forms: records and rules -------------------------------------------------------------


def agreement_data(parties, partners=(), **changes):
    data = {
        "title": "Customs cooperation MoU",
        "kind": "mou",
        "agreement_status": AgreementStatus.IN_FORCE,
        "signed_on": "2020-03-01",
        "entry_into_force": "2020-06-01",
        "expires_on": "",
        "terminated_on": "",
        "parties": [m.pk for m in parties],
        "partners": [p.pk for p in partners],
        "scope": "Exchange of enforcement information.",
        "confidentiality": Confidentiality.RESTRICTED,
        "allows_personal_data": "on",
        "data_protection_clauses": "on",
        "legal_basis": "Article 5 of the MoU.",
        "safeguards": "Purpose limitation.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_party_records_an_agreement_and_moves_it_through_the_workflow(
    client, fra, deu, fra_user, secretariat_user
):
    partner = PartnerFactory(name="Universal Postal Union", acronym="UPU")
    login(client, fra_user)
    response = client.post("/cooperation/agreements/new/", agreement_data([fra, deu], [partner]))
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    assert set(agreement.parties.all()) == {fra, deu} and list(agreement.partners.all()) == [
        partner
    ]
    assert (agreement.status, agreement.created_by) == (WorkflowStatus.DRAFT, fra_user)
    url = agreement.get_absolute_url()
    html = page(client.get(url))
    assert f'href="{url}edit/"' in html and "Submit to the secretariat" in html
    assert "History" in html and "Customs cooperation MoU" in html

    client.post(f"{url}submit/")
    login(client, secretariat_user)
    assert "Validate" in page(client.get(url))
    client.post(f"{url}validate/")
    client.post(f"{url}publish/")
    agreement.refresh_from_db()
    assert agreement.status == WorkflowStatus.PUBLISHED
    # Published: its parties no longer change it, the secretariat does.
    login(client, fra_user)
    assert client.get(f"{url}edit/").status_code == 403
    login(client, secretariat_user)
    response = client.post(
        f"{url}edit/", agreement_data([fra, deu], [partner], expires_on="2030-06-01")
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.expires_on == date(2030, 6, 1)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"data_protection_clauses": None}, "has data-protection clauses"),
        ({"legal_basis": ""}, "names its legal basis"),
        ({"entry_into_force": "2019-01-01"}, "enters into force on or after its signature"),
        ({"agreement_status": AgreementStatus.TERMINATED}, "Say when the agreement was terminated"),
    ],
)
def test_an_agreement_breaking_a_rule_is_refused_with_the_reason(
    client, fra, deu, fra_user, changes, error
):
    login(client, fra_user)
    html = page(client.post("/cooperation/agreements/new/", agreement_data([fra, deu], **changes)))
    assert error in html
    assert not Agreement.objects.exists()


def test_the_rules_on_the_parties_come_back_as_form_errors(client, fra, deu, fra_user):
    login(client, fra_user)
    html = page(client.post("/cooperation/agreements/new/", agreement_data([fra])))
    assert "An agreement has at least two parties" in html
    third = MemberFactory()
    html = page(client.post("/cooperation/agreements/new/", agreement_data([deu, third])))
    assert "Your administration is a party to the agreements it records." in html
    assert not Agreement.objects.exists()


def test_a_party_removing_all_parties_on_edit_is_refused_and_nothing_changes(
    client, fra, deu, fra_user
):
    agreement = AgreementFactory(parties=[fra, deu])
    login(client, fra_user)
    html = page(client.post(f"{agreement.get_absolute_url()}edit/", agreement_data([fra])))
    assert "An agreement has at least two parties" in html
    assert set(agreement.parties.all()) == {fra, deu}


def exchange_data(agreement, receiver, **changes):
    data = {
        "receiver": receiver.pk,
        "agreement": agreement.pk,
        "reference": "FR-2024-001",
        "date": "2024-03-15",
        "category": "enforcement",
        "classification": Confidentiality.RESTRICTED,
        "legal_basis": "Article 3 of the agreement.",
        "note": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_sender_records_an_exchange_under_an_agreement_in_force(client, fra, third, fra_user):
    agreement = AgreementFactory(parties=[fra, third])
    login(client, fra_user)
    assert f'value="{agreement.pk}" selected' in page(
        client.get(f"/cooperation/exchanges/new/?agreement={agreement.pk}")
    )
    response = client.post("/cooperation/exchanges/new/", exchange_data(agreement, third))
    exchange = InformationExchange.objects.get()
    assert response.status_code == 302 and response.url == exchange.get_absolute_url()
    assert (exchange.sender, exchange.receiver, exchange.created_by) == (fra, third, fra_user)
    # The same reference again: refused with the reason.
    html = page(client.post("/cooperation/exchanges/new/", exchange_data(agreement, third)))
    assert "recorded an exchange with this reference" in html
    assert InformationExchange.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"date": "2014-12-31"}, "The agreement was not in force on 31 December 2014"),
        ({"personal_data": "on", "legal_basis": ""}, "Personal data is exchanged only on a"),
    ],
)
def test_an_exchange_breaking_a_rule_is_refused_with_the_reason(
    client, fra, third, fra_user, changes, error
):
    agreement = AgreementFactory(parties=[fra, third])
    login(client, fra_user)
    html = page(
        client.post("/cooperation/exchanges/new/", exchange_data(agreement, third, **changes))
    )
    assert error in html
    assert not InformationExchange.objects.exists()


def test_personal_data_under_an_agreement_that_does_not_allow_it_is_refused(
    client, fra, third, fra_user
):
    agreement = AgreementFactory(
        parties=[fra, third], allows_personal_data=False, data_protection_clauses=False
    )
    login(client, fra_user)
    html = page(
        client.post(
            "/cooperation/exchanges/new/", exchange_data(agreement, third, personal_data="on")
        )
    )
    assert "The agreement does not allow the exchange of personal data." in html
    assert not InformationExchange.objects.exists()


def test_a_receiver_that_is_not_a_party_is_refused(client, fra, third, deu, fra_user):
    agreement = AgreementFactory(parties=[fra, third])
    login(client, fra_user)
    html = page(client.post("/cooperation/exchanges/new/", exchange_data(agreement, deu)))
    assert "The receiver is not a party to the agreement." in html


def test_staff_who_record_an_exchange_keep_reading_it(client, fra, third, reviewer):
    agreement = AgreementFactory(parties=[fra, third])
    login(client, reviewer)
    response = client.post(
        "/cooperation/exchanges/new/", {**exchange_data(agreement, third), "sender": fra.pk}
    )
    exchange = InformationExchange.objects.get()
    assert response.status_code == 302
    assert "FR-2024-001" in page(client.get(exchange.get_absolute_url()))
    assert "reviewer" in page(client.get(exchange.get_absolute_url()))


def test_the_secretariat_records_partners_dialogues_actions_and_outreach(
    client, fra, deu, secretariat_user
):
    login(client, secretariat_user)
    response = client.post(
        "/cooperation/partners/new/",
        {
            "name": "International Chamber of Commerce",
            "acronym": "ICC",
            "kind": "business_association",
        },
    )
    partner = Partner.objects.get(acronym="ICC")
    assert response.status_code == 302 and response.url == partner.get_absolute_url()

    response = client.post(
        "/cooperation/dialogues/new/",
        {
            "kind": "pscg_meeting",
            "title": "PSCG meeting, spring",
            "held_on": "2024-04-10",
            "partners": [partner.pk],
            "members": [fra.pk, deu.pk],
            "outcomes": "Guidance on e-commerce data.",
        },
    )
    dialogue = StakeholderDialogue.objects.get()
    assert response.status_code == 302 and list(dialogue.partners.all()) == [partner]
    assert "PSCG meeting, spring" in page(client.get(partner.get_absolute_url()))

    action = {
        "dialogue": dialogue.pk,
        "action": "Draft the guidance",
        "owner": "ICC",
        "due": "2024-09-30",
    }
    html = page(client.post("/cooperation/follow-up/new/", {**action, "status": "done"}))
    assert "Say when the action was done." in html
    html = page(
        client.post(
            "/cooperation/follow-up/new/", {**action, "status": "open", "due": "2024-01-01"}
        )
    )
    assert "An action falls due after the dialogue that agreed it." in html
    assert not FollowUpAction.objects.exists()
    response = client.post(
        "/cooperation/follow-up/new/", {**action, "status": "done", "done_on": "2024-09-01"}
    )
    assert response.status_code == 302 and response.url == dialogue.get_absolute_url()
    assert "on time" in page(client.get(dialogue.get_absolute_url()))

    response = client.post(
        "/cooperation/outreach/new/",
        {
            "kind": "forum",
            "title": "G20 trade ministers",
            "forum": "G20",
            "audience": "Ministers",
            "held_on": "2024-10-03",
            "region": "",
            "members": [fra.pk],
            "outcome": "Cited in the statement.",
            "commitments": [Commitment.objects.get(code="COOP-2").pk],
        },
    )
    outreach = OutreachAction.objects.get()
    assert response.status_code == 302 and response.url == outreach.get_absolute_url()
    assert "COOP-2" in page(client.get(outreach.get_absolute_url()))


def test_a_partner_with_the_name_of_another_is_refused(client, secretariat_user):
    PartnerFactory(name="World Bank")
    login(client, secretariat_user)
    html = page(client.post("/cooperation/partners/new/", {"name": "World Bank", "kind": "other"}))
    assert "already exists" in html


# --- lists: filters and search ------------------------------------------------------------


def test_lists_filter_and_search(client, fra, third, fra_user):
    cmaa = published(AgreementFactory(title="Assistance with Italy", parties=[fra, third]))
    published(
        AgreementFactory(
            title="Framework with business", kind="framework", parties=[MemberFactory(), third]
        )
    )
    login(client, fra_user)
    response = client.get("/cooperation/agreements/?kind=cmaa")
    assert [a.title for a in response.context["object_list"]] == [cmaa.title]
    response = client.get("/cooperation/agreements/?q=business")
    assert [a.title for a in response.context["object_list"]] == ["Framework with business"]
    response = client.get("/cooperation/agreements/?party=fra")
    assert [a.title for a in response.context["object_list"]] == [cmaa.title]
    html = page(client.get("/cooperation/agreements/"))
    assert 'type="checkbox" name="status"' in html and '<select name="region"' in html
    assert '<select name="partner"' in html and html.count('name="q"') == 1
    StakeholderDialogueFactory(title="Workshop on data", kind="workshop")
    StakeholderDialogueFactory(title="PSCG plenary")
    response = client.get("/cooperation/dialogues/?kind=workshop")
    assert [d.title for d in response.context["object_list"]] == ["Workshop on data"]
    OutreachActionFactory(title="UN General Assembly side event", forum="UN")
    response = client.get("/cooperation/outreach/?q=assembly")
    assert [o.title for o in response.context["object_list"]] == ["UN General Assembly side event"]


def test_a_bad_filter_on_a_list_is_a_form_error_not_a_500(client):
    for path in (
        "/cooperation/partners/?kind=none",
        "/cooperation/agreements/?status=x&signed_after=never&expiring_within=-3&partner=x",
        "/cooperation/exchanges/?date_after=31-31-2020&year=last&category=x",
        "/cooperation/dialogues/?held_after=soon&partner=x",
        "/cooperation/follow-up/?status=x&due_before=later&dialogue=x",
        "/cooperation/outreach/?held_before=x&year=y",
    ):
        assert client.get(path).status_code == 200, path


# --- query counts -------------------------------------------------------------------------


def add_agreements(rows, fra):
    partner = PartnerFactory()
    for i in range(rows):
        published(
            AgreementFactory(
                parties=[fra, MemberFactory()],
                partners=[partner],
                expires_on=TODAY + timedelta(days=i + 1),
            )
        )
        AgreementFactory(confidentiality=Confidentiality.CONFIDENTIAL)  # nobody's of ours
        if i % 2:
            restricted = AgreementFactory(confidentiality=Confidentiality.RESTRICTED)
            grants.grant(published(restricted), member=fra)


def add_exchanges(rows, fra):
    other = MemberFactory()
    agreement = AgreementFactory(parties=[fra, other])
    secretariat = UserFactory.secretariat(username="secretariat")
    for _ in range(rows):
        exchange = InformationExchangeFactory(agreement=agreement, sender=fra, receiver=other)
        grants.grant(exchange, staff=secretariat)
        InformationExchangeFactory()


def add_dialogues(rows, fra):
    partner = PartnerFactory()
    for _ in range(rows):
        dialogue = StakeholderDialogueFactory()
        dialogue.partners.add(partner)
        FollowUpActionFactory(dialogue=dialogue)


def add_outreach(rows, fra):
    region = Region.objects.get(code="EUR")
    commitment = Commitment.objects.get(code="COOP-2")
    for i in range(rows):
        outreach = OutreachActionFactory(
            region=region if i % 2 else None, held_on=TODAY - timedelta(days=i)
        )
        outreach.commitments.add(commitment)
        outreach.members.add(fra)


def add_everything(rows, fra):
    add_agreements(rows, fra)
    add_exchanges(rows, fra)
    add_dialogues(rows, fra)
    add_outreach(rows, fra)


# Each request: the savepoint and its release; for a signed-in user its session, the user, its
# groups and its member grants (roles). Then the page's own queries (measured: the ceilings are
# what the pages cost, for 3 rows as for 30). (The registers' lists are measured for every
# register in core/tests/test_registers.py, but for the exchanges, which the secretariat reads
# only when named on them.)
LIST_CASES = [
    # count, page (sender, receiver, agreement joined, whether its agreement is read); regions
    # for the filter
    ("/cooperation/exchanges/", add_exchanges, 9),
    # the programme snapshot, data protection, dialogues and outreach in the year and by year,
    # follow-up on time, outreach by region, the expiring agreements with their parties and
    # partners, exchange counts (signed-in users only)
    ("/cooperation/", add_everything, 26),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize("who", ["secretariat", "member", "anonymous"])
@pytest.mark.parametrize(("path", "add", "ceiling"), LIST_CASES)
def test_pages_cost_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, fra, fra_user, rows, who, path, add, ceiling
):
    add(rows, fra)
    user = {
        "secretariat": UserFactory.secretariat(username="secretariat"),
        "member": fra_user,
        "anonymous": None,
    }[who]
    login(client, user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(path)
    assert response.status_code == 200
    if rows == 30 and who == "member" and "page_obj" in response.context:
        assert response.context["page_obj"].paginator.count >= 30
    if rows == 30 and path == "/cooperation/" and who == "member":
        assert len(response.context["expiring"]) == 30


def test_staff_who_record_a_confidential_agreement_keep_reading_it(
    client, fra, deu, reviewer, secretariat_user
):
    login(client, reviewer)
    response = client.post(
        "/cooperation/agreements/new/",
        agreement_data([fra, deu], confidentiality=Confidentiality.CONFIDENTIAL),
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == agreement.get_absolute_url()
    html = page(client.get(agreement.get_absolute_url()))
    assert "Secretariat staff" in html and "<li>reviewer" in html
    login(client, secretariat_user)
    assert client.get(agreement.get_absolute_url()).status_code == 404
