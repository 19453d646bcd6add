"""The security pages: members report their SAFE adoption, AEO programme, part in the national
security strategy, passenger-data readiness and risk-management assessments and move them
through the workflow; the secretariat records mutual recognition arrangements and customs
unions, validates and publishes; restricted records are read only by their member, the
secretariat and the members it grants."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.choices import Confidentiality, WorkflowStatus
from core.models import Region
from core.tests.factories import MemberFactory
from security.choices import AEOStatus, Readiness
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    MutualRecognition,
    PassengerDataReadiness,
    SafeAdoption,
    SafePillar,
)
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


def published(factory, **kwargs):
    """A record published yesterday: it counts in today's figures."""
    return factory(
        status=WorkflowStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
        **kwargs,
    )


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def implemented(parties, **kwargs):
    return MutualRecognitionFactory(
        status="implemented",
        signed_on=date(2015, 1, 1),
        implemented_on=date(2016, 1, 1),
        parties=parties,
        **kwargs,
    )


# --- the area and network pages --------------------------------------------------------------


def test_the_area_page_shows_commitments_key_figures_and_the_aeo_chart(client, fra, deu):
    published(AEOProgrammeFactory, member=fra)
    published(
        AEOProgrammeFactory,
        member=deu,
        programme_status=AEOStatus.PLANNED,
        launched_on=None,
        covers="",
        certified_operators=0,
        counted_on=None,
    )
    adoption = published(SafeAdoptionFactory, member=fra)
    adoption.pillars.set(SafePillar.objects.filter(number=1))
    published(PassengerDataReadinessFactory, member=deu)
    html = page(client.get("/security/"))
    for code in ("SEC-1", "SEC-2", "SEC-3"):
        assert f'href="/commitments/{code}/"' in html
    assert "members with an operational AEO programme" in html
    assert "members with operational access to PNR data" in html
    assert "<svg" in html and "by status" in html
    assert dict(page_context(client, "/security/", "aeo_counts"))["Operational"] == 1
    assert [count for pillar, count in page_context(client, "/security/", "pillars")][0] == 1
    # Passenger data: shares only, never a member's restricted record.
    assert "Germany" not in html and "/security/passenger-data/" in html
    for name in ("safe", "aeo", "recognitions", "network", "strategy", "assessments", "unions"):
        assert f'href="/security/{name}/"' in html


def page_context(client, path, name):
    response = client.get(path)
    assert response.status_code == 200
    return response.context[name]


def test_the_navigation_links_to_the_security_area(client):
    assert 'href="/security/"' in page(client.get("/"))


def test_the_network_shows_who_recognises_whom_by_region(client, fra, deu):
    asia = Region.objects.exclude(code="EUR").order_by("name").first()
    jpn = MemberFactory(code="JPN", name="Japan", region=asia)
    union = CustomsUnionFactory()
    union.members.add(fra, deu)
    implemented([jpn, union])
    implemented([fra, jpn])
    MutualRecognitionFactory(parties=[deu, jpn])  # signed, not implemented: not shown
    response = client.get("/security/network/")
    html = page(response)
    groups = {
        name: {party.code: [p.code for p, _ in partners] for party, partners in rows}
        for name, rows in response.context["groups"]
    }
    assert groups[asia.name] == {"JPN": ["EU", "FRA"]}  # partners by name
    assert groups["Europe"] == {"FRA": ["JPN"]}
    assert groups["Customs unions"] == {"EU": ["JPN"]}
    assert list(dict(response.context["groups"]))[-1] == "Customs unions"
    assert "Japan" in html and "DEU" not in html


# --- lists, filters and what each user sees --------------------------------------------------


def test_a_member_lists_its_own_records_and_the_published_ones_of_others(
    client, fra, deu, fra_user
):
    own = AEOProgrammeFactory(member=fra)
    other_draft = AEOProgrammeFactory(member=deu)
    client.force_login(fra_user)
    html = page(client.get("/security/aeo/"))
    assert own.get_absolute_url() in html and other_draft.get_absolute_url() not in html
    other_draft.status = WorkflowStatus.PUBLISHED
    other_draft.save()
    assert other_draft.get_absolute_url() in page(client.get("/security/aeo/"))


def test_restricted_lists_show_only_what_the_user_may_read(client, fra, deu, fra_user):
    own = PassengerDataReadinessFactory(member=fra)
    other = published(PassengerDataReadinessFactory, member=deu)
    other_assessment = published(RiskManagementAssessmentFactory, member=deu)
    public = published(
        RiskManagementAssessmentFactory,
        member=deu,
        assessed_on=date(2024, 1, 1),
        confidentiality=Confidentiality.PUBLIC,
    )
    client.force_login(fra_user)
    html = page(client.get("/security/passenger-data/"))
    assert own.get_absolute_url() in html and other.get_absolute_url() not in html
    html = page(client.get("/security/assessments/"))
    assert public.get_absolute_url() in html
    assert other_assessment.get_absolute_url() not in html
    client.logout()
    html = page(client.get("/security/passenger-data/"))
    assert own.get_absolute_url() not in html and other.get_absolute_url() not in html


def test_lists_filter_and_search(client, fra, deu):
    published(AEOProgrammeFactory, member=fra)
    published(AEOProgrammeFactory, member=deu, programme_status=AEOStatus.PILOT)
    response = client.get("/security/aeo/?status=pilot")
    assert [p.member.code for p in response.context["object_list"]] == ["DEU"]
    response = client.get("/security/aeo/?q=france")
    assert [p.member.code for p in response.context["object_list"]] == ["FRA"]
    html = page(client.get("/security/aeo/"))
    assert '<select name="region"' in html and 'type="checkbox" name="status"' in html
    implemented([fra, deu], title="France–Germany")
    MutualRecognitionFactory(title="Another", parties=[deu, MemberFactory()])
    response = client.get("/security/recognitions/?party=fra")
    assert [r.title for r in response.context["object_list"]] == ["France–Germany"]
    html = page(client.get("/security/safe/"))
    assert '<select name="pillar"' in html


def test_a_bad_filter_on_a_list_is_a_form_error_not_a_500(client):
    for path in (
        "/security/safe/?pillar=first&letter_after=never&edition=x",
        "/security/aeo/?status=flying&launched_before=31-31-2020",
        "/security/aeo-operators/?year=last&year_from=x&submission_status=lost",
        "/security/strategy/?involvement=maybe&seat_on_security_body=perhaps",
        "/security/recognitions/?status=x&signed_after=soon&live=maybe",
        "/security/passenger-data/?api_status=x&go_live_after=later",
        "/security/assessments/?assessed_after=nope&confidentiality=secret",
    ):
        assert client.get(path).status_code == 200, path


# --- query counts ----------------------------------------------------------------------------


def add_safe(rows, fra):
    pillars = list(SafePillar.objects.all())
    SafeAdoptionFactory(member=fra).pillars.set(pillars)
    for _ in range(rows):
        published(SafeAdoptionFactory).pillars.set(pillars[:2])
        SafeAdoptionFactory()  # a draft


def add_counts(rows, fra):
    AEOOperatorCountFactory(member=fra)
    for i in range(rows):
        published(AEOOperatorCountFactory, year=2000 + i % 25)
        AEOOperatorCountFactory()


def add_strategy(rows, fra):
    SecurityStrategyRoleFactory(member=fra)
    for _ in range(rows):
        published(SecurityStrategyRoleFactory)


def add_recognitions(rows, fra):
    union = CustomsUnionFactory()
    for i in range(rows):
        other = published(AEOProgrammeFactory).member
        if i % 2:
            implemented([fra, other])
        else:
            implemented([other, union])
        MutualRecognitionFactory(parties=[other, MemberFactory()])


def add_everything(rows, fra):
    add_safe(rows, fra)
    add_counts(rows, fra)
    add_strategy(rows, fra)
    add_recognitions(rows, fra)
    for _ in range(rows):
        published(PassengerDataReadinessFactory)
        published(RiskManagementAssessmentFactory)


# Each request: the savepoint and release of its transaction; for a signed-in user its session,
# the user, its groups and its member grants (roles). Then the page's own queries. (The
# registers' lists are measured for every register in core/tests/test_registers.py.)
LIST_CASES = [
    # arrangements in force, their members (regions joined), their customs unions
    ("/security/network/", add_recognitions, 9),
    # figures (strategy, AEO, arrangements, API, PNR: 2 each but arrangements; maturity and
    # its change), AEO counts, operators certified by year, pillar counts, pillars, the snapshot
    ("/security/", add_everything, 27),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize("who", ["secretariat", "member", "anonymous"])
@pytest.mark.parametrize(("path", "add", "ceiling"), LIST_CASES)
def test_pages_cost_a_fixed_number_of_queries(
    client,
    django_assert_max_num_queries,
    fra,
    fra_user,
    secretariat_user,
    rows,
    who,
    path,
    add,
    ceiling,
):
    add(rows, fra)
    user = {"secretariat": secretariat_user, "member": fra_user, "anonymous": None}[who]
    if user is not None:
        client.force_login(user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(path)
    assert response.status_code == 200
    if rows == 30 and who == "secretariat" and "page_obj" in response.context:
        assert response.context["page_obj"].paginator.count >= 30
    if rows == 30 and "network" in path:
        assert sum(len(rows) for _, rows in response.context["groups"]) >= 30


@pytest.mark.parametrize("years", [3, 30])
def test_the_programme_page_costs_the_same_whatever_its_counts(
    client, django_assert_max_num_queries, fra, fra_user, years
):
    programme = AEOProgrammeFactory(member=fra, launched_on=date(1990, 1, 1))
    for year in range(1995, 1995 + years):
        AEOOperatorCountFactory(member=fra, year=year)
    client.force_login(fra_user)
    # The savepoint and release; session, user, groups, member grants; the programme, its
    # history, its evidence files and their history, the member's counts.
    with django_assert_max_num_queries(11):
        response = client.get(programme.get_absolute_url())
    assert len(response.context["operator_counts"]) == years


# --- restricted records and read access ------------------------------------------------------


def test_another_members_restricted_record_is_404_until_granted_and_after_revoked(
    client, fra, deu, fra_user, deu_user
):
    record = published(PassengerDataReadinessFactory, member=fra)
    url = record.get_absolute_url()
    client.force_login(deu_user)
    assert client.get(url).status_code == 404
    # Another member cannot grant itself access to what it does not see.
    assert client.post(f"{url}access/grant/", {"member": "DEU"}).status_code == 404

    client.force_login(fra_user)
    html = page(client.get(url))
    assert "Read access" in html and "No other member." in html
    response = client.post(f"{url}access/grant/", {"member": "DEU"}, follow=True)
    assert "Germany may now read" in " ".join(messages_of(response))
    assert "Germany (DEU)" in page(response)

    client.force_login(deu_user)
    html = page(client.get(url))
    assert "Read access" not in html  # it reads, but does not share
    assert url in page(client.get("/security/passenger-data/"))
    assert client.post(f"{url}access/grant/", {"member": "DEU"}).status_code == 403

    client.force_login(fra_user)
    client.post(f"{url}access/revoke/", {"member": "DEU"})
    client.force_login(deu_user)
    assert client.get(url).status_code == 404


def test_the_secretariat_grants_read_access_to_an_assessment(
    client, fra, deu, deu_user, secretariat_user
):
    record = published(RiskManagementAssessmentFactory, member=fra)
    url = record.get_absolute_url()
    client.force_login(deu_user)
    assert client.get(url).status_code == 404
    client.force_login(secretariat_user)
    client.post(f"{url}access/grant/", {"member": "DEU"})
    client.force_login(deu_user)
    assert page(client.get(url))


def test_a_member_is_never_granted_its_own_record(client, fra, fra_user):
    record = PassengerDataReadinessFactory(member=fra)
    url = record.get_absolute_url()
    client.force_login(fra_user)
    response = client.post(f"{url}access/grant/", {"member": "FRA"}, follow=True)
    assert "France always reads this record." in messages_of(response)
    assert not record.read_grants().objects.filter(content_object=record).exists()


# --- forms: who may use them, and the rules --------------------------------------------------


def test_forms_a_user_may_not_use_are_403(client, fra, deu, fra_user, deu_user, council_user):
    client.force_login(council_user)
    assert client.get("/security/aeo/new/").status_code == 403
    assert client.get("/security/passenger-data/new/").status_code == 403
    client.force_login(fra_user)
    assert client.get("/security/recognitions/new/").status_code == 403
    assert client.get("/security/unions/new/").status_code == 403
    arrangement = MutualRecognitionFactory(parties=[fra, deu])
    assert client.get(f"/security/recognitions/{arrangement.pk}/edit/").status_code == 403
    # Another member's published programme: seen, so 403; its draft: not seen, so 404.
    programme = published(AEOProgrammeFactory, member=deu)
    assert client.get(f"/security/aeo/{programme.pk}/edit/").status_code == 403
    draft = SecurityStrategyRoleFactory(member=deu)
    assert client.get(f"/security/strategy/{draft.pk}/edit/").status_code == 404
    # Its own published record: no longer editable.
    own = published(AEOProgrammeFactory, member=fra)
    assert client.get(f"/security/aeo/{own.pk}/edit/").status_code == 403


def test_a_member_records_its_safe_adoption_with_its_pillars(client, fra, fra_user):
    client.force_login(fra_user)
    pillars = list(SafePillar.objects.order_by("number")[:2])
    response = client.post(
        "/security/safe/new/",
        {"letter_of_intent_on": "2010-05-01", "edition": "", "pillars": [p.pk for p in pillars]},
    )
    adoption = SafeAdoption.objects.get()
    assert response.status_code == 302 and response.url == adoption.get_absolute_url()
    assert adoption.member == fra and list(adoption.pillars.order_by("number")) == pillars
    assert adoption.created_by == fra_user


def test_operational_pnr_without_a_legal_basis_is_refused_and_nothing_saved(client, fra, fra_user):
    client.force_login(fra_user)
    response = client.post(
        "/security/passenger-data/new/",
        {
            "confidentiality": "restricted",
            "api_status": Readiness.NONE,
            "pnr_status": Readiness.OPERATIONAL,
            "passenger_unit": "on",
            "go_live": "2020-01-01",
            "safeguards": "Logged access.",
        },
    )
    html = page(response)
    assert "PNR data is used only on a legal basis." in html
    assert not PassengerDataReadiness.objects.exists()


def recognition_data(members, status="implemented", unions=()):
    return {
        "title": "",
        "status": status,
        "signed_on": "2019-01-01",
        "implemented_on": "2020-01-01" if status == "implemented" else "",
        "ended_on": "",
        "members": [m.pk for m in members],
        "customs_unions": [u.pk for u in unions],
    }


def test_an_arrangement_implemented_before_a_partys_aeo_is_operational_is_refused(
    client, fra, deu, secretariat_user
):
    AEOProgrammeFactory(member=fra)
    AEOProgrammeFactory(member=deu, programme_status=AEOStatus.PILOT)
    client.force_login(secretariat_user)
    response = client.post("/security/recognitions/new/", recognition_data([fra, deu]))
    html = page(response)
    assert "not yet for DEU" in html
    assert not MutualRecognition.objects.exists()


def test_a_member_and_its_customs_union_never_recognise_each_other(client, fra, secretariat_user):
    union = CustomsUnionFactory()
    union.members.add(fra)
    client.force_login(secretariat_user)
    response = client.post(
        "/security/recognitions/new/", recognition_data([fra], "signed", [union])
    )
    assert "FRA belongs to EU" in page(response)
    assert not MutualRecognition.objects.exists()


def test_the_secretariat_records_an_arrangement_with_its_parties(
    client, fra, deu, secretariat_user
):
    union = CustomsUnionFactory()
    client.force_login(secretariat_user)
    response = client.post(
        "/security/recognitions/new/", recognition_data([fra], "signed", [union])
    )
    arrangement = MutualRecognition.objects.get()
    assert response.status_code == 302 and response.url == arrangement.get_absolute_url()
    assert arrangement.party_key == "EU|FRA"
    assert list(arrangement.members.all()) == [fra]
    # The same parties again, in force: refused.
    response = client.post(
        "/security/recognitions/new/", recognition_data([fra], "negotiating", [union])
    )
    assert "These parties have a live arrangement already." in page(response)
    assert MutualRecognition.objects.count() == 1


def test_the_secretariat_records_a_customs_union(client, fra, deu, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        "/security/unions/new/",
        {"code": "CU", "name": "A customs union", "members": [fra.pk, deu.pk]},
    )
    assert response.status_code == 302 and response.url == "/security/unions/"
    assert "A customs union" in page(client.get("/security/unions/"))


# --- certified operators per year ------------------------------------------------------------


def test_a_member_records_its_certified_operators_of_a_year(client, fra, fra_user):
    AEOProgrammeFactory(member=fra, launched_on=date(2012, 1, 1))
    client.force_login(fra_user)
    assert 'value="2024"' in page(client.get("/security/aeo-operators/new/?year=2024"))
    data = {"year": "2024", "certified_operators": "1450", "note": "At 31 December"}
    response = client.post("/security/aeo-operators/new/", data)
    count = AEOOperatorCount.objects.get()
    assert response.status_code == 302 and response.url == count.get_absolute_url()
    assert (count.member, count.certified_operators, count.created_by) == (fra, 1450, fra_user)
    # The same year again, and a year before the launch: refused with the reason.
    html = page(client.post("/security/aeo-operators/new/", data))
    assert "This member has a count for that year: update it." in html
    html = page(client.post("/security/aeo-operators/new/", {**data, "year": "2010"}))
    assert "launched in 2012" in html
    assert AEOOperatorCount.objects.count() == 1


def test_a_count_above_zero_without_a_running_programme_is_refused(client, fra, fra_user):
    client.force_login(fra_user)
    html = page(
        client.post("/security/aeo-operators/new/", {"year": "2024", "certified_operators": "3"})
    )
    assert "Operators are certified by a pilot or operational programme" in html
    assert not AEOOperatorCount.objects.exists()


def test_the_secretariat_records_a_count_for_a_member_and_council_may_not(
    client, fra, secretariat_user, council_user
):
    AEOProgrammeFactory(member=fra)
    client.force_login(council_user)
    assert client.get("/security/aeo-operators/new/").status_code == 403
    client.force_login(secretariat_user)
    response = client.post(
        "/security/aeo-operators/new/",
        {"member": fra.pk, "year": "2025", "certified_operators": "12", "note": ""},
    )
    assert response.status_code == 302
    assert AEOOperatorCount.objects.get().member == fra


def test_a_count_goes_through_the_workflow_and_shows_its_history(
    client, fra, fra_user, secretariat_user
):
    AEOProgrammeFactory(member=fra)
    count = AEOOperatorCountFactory(member=fra, year=2025, certified_operators=40)
    url = count.get_absolute_url()
    client.force_login(fra_user)
    html = page(client.get(url))
    assert f'href="{url}edit/"' in html and "Submit to the secretariat" in html
    response = client.post(f"{url}edit/", {"year": "2025", "certified_operators": "44"})
    assert response.status_code == 302
    client.post(f"{url}submit/")
    client.force_login(secretariat_user)
    client.post(f"{url}validate/")
    client.post(f"{url}publish/")
    count.refresh_from_db()
    assert (count.status, count.certified_operators) == (WorkflowStatus.PUBLISHED, 44)
    html = page(client.get(url))
    assert "History" in html and "44" in html
    # Published: its member no longer edits it.
    client.force_login(fra_user)
    assert client.get(f"{url}edit/").status_code == 403


def test_another_members_count_is_404_until_published(client, fra, deu, deu_user):
    count = AEOOperatorCountFactory(member=fra)
    client.force_login(deu_user)
    assert client.get(count.get_absolute_url()).status_code == 404
    assert client.get(f"{count.get_absolute_url()}edit/").status_code == 404
    count.status = WorkflowStatus.PUBLISHED
    count.save()
    assert page(client.get(count.get_absolute_url()))
    assert client.get(f"{count.get_absolute_url()}edit/").status_code == 403


def test_the_programme_page_shows_the_members_counts_by_year(client, fra, deu, deu_user):
    programme = published(AEOProgrammeFactory, member=fra)
    for year, operators in ((2022, 310), (2023, 420)):
        published(AEOOperatorCountFactory, member=fra, year=year, certified_operators=operators)
    draft = AEOOperatorCountFactory(member=fra, year=2024, certified_operators=999)
    published(AEOOperatorCountFactory, member=deu, year=2023, certified_operators=777)
    client.force_login(deu_user)
    response = client.get(programme.get_absolute_url())
    html = page(response)
    assert [(c.year, c.certified_operators) for c in response.context["operator_counts"]] == [
        (2022, 310),
        (2023, 420),
    ]
    assert draft.get_absolute_url() not in html and "777" not in html
    assert "Certified operators by year" in html


def test_the_area_page_charts_the_operators_certified_by_year(client, fra, deu):
    for member, year, operators in ((fra, 2023, 100), (deu, 2023, 50), (fra, 2024, 130)):
        published(AEOOperatorCountFactory, member=member, year=year, certified_operators=operators)
    AEOOperatorCountFactory(member=deu, year=2024, certified_operators=1000)  # a draft
    response = client.get("/security/")
    html = page(response)
    assert response.context["operators"] == [
        {"year": 2023, "operators": 150, "members": 2},
        {"year": 2024, "operators": 130, "members": 1},
    ]
    assert "Operators certified by members" in html and "130 in 2024, from 1 member" in html
    assert 'href="/security/aeo-operators/"' in html


# --- the workflow ----------------------------------------------------------------------------


def test_a_member_submits_and_the_secretariat_validates_and_publishes(
    client, fra, fra_user, secretariat_user
):
    programme = AEOProgrammeFactory(member=fra)
    url = programme.get_absolute_url()
    client.force_login(fra_user)
    html = page(client.get(url))
    assert f'href="{url}edit/"' in html and "Submit to the secretariat" in html
    client.post(f"{url}submit/")
    programme.refresh_from_db()
    assert programme.status == WorkflowStatus.SUBMITTED
    html = page(client.get(url))
    assert "Submit to the secretariat" not in html and "Validate" not in html

    client.force_login(secretariat_user)
    html = page(client.get(url))
    assert "Validate" in html and "Return" in html
    client.post(f"{url}validate/")
    assert "Publish" in page(client.get(url))
    client.post(f"{url}publish/")
    programme.refresh_from_db()
    assert programme.status == WorkflowStatus.PUBLISHED


def test_a_member_cannot_validate_its_own_record(client, fra, fra_user):
    role = SecurityStrategyRoleFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    client.force_login(fra_user)
    response = client.post(f"{role.get_absolute_url()}validate/", follow=True)
    assert messages_of(response)
    role.refresh_from_db()
    assert role.status == WorkflowStatus.SUBMITTED


def test_a_returned_record_is_edited_by_its_member(client, fra, fra_user, secretariat_user):
    programme = AEOProgrammeFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    client.force_login(secretariat_user)
    client.post(f"{programme.get_absolute_url()}return/", {"reason": "Count the operators."})
    client.force_login(fra_user)
    response = client.post(
        f"/security/aeo/{programme.pk}/edit/",
        {
            "programme_status": AEOStatus.OPERATIONAL,
            "launched_on": "2012-01-01",
            "covers": "both",
            "certified_operators": "150",
            "counted_on": "2025-12-31",
        },
    )
    assert response.status_code == 302
    assert AEOProgramme.objects.get().certified_operators == 150


def test_the_secretariat_records_a_new_safe_edition_and_others_may_not(
    client, secretariat_user, fra_user
):
    from security.models import SafeEdition

    client.force_login(fra_user)
    assert client.get("/security/editions/").status_code == 200
    assert client.get("/security/editions/new/").status_code == 403
    client.force_login(secretariat_user)
    response = client.post(
        "/security/editions/new/",
        {
            "year": "2025",
            "title": "SAFE Framework of Standards, 2025 edition",
            "published_on": "2024-06-30",
        },
    )
    assert response.status_code == 200  # the rule: an edition is published in its year
    assert "The 2025 edition is of 2025." in response.content.decode()
    response = client.post(
        "/security/editions/new/",
        {
            "year": "2025",
            "title": "SAFE Framework of Standards, 2025 edition",
            "published_on": "2025-06-30",
        },
    )
    assert response.status_code == 302
    assert SafeEdition.objects.filter(year=2025).exists()
    assert "2025 edition" in client.get("/security/editions/").content.decode()
