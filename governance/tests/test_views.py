"""The governance pages: the secretariat records and acts, member users respond for their own
administration and read what is published, everyone else reads what is published."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.choices import Confidentiality, WorkflowStatus
from core.models import Commitment
from core.tests.factories import MemberFactory
from governance.choices import Presence
from governance.models import (
    Body,
    Consultation,
    ConsultationResponse,
    Decision,
    Mandate,
    Meeting,
    Position,
)
from governance.tests.factories import (
    AttendanceFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    DecisionDocumentFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def ending_soon(position=None, days=60, **kwargs):
    """A current first term of `position` that ends in `days` days."""
    position = position or PositionFactory()
    end = today() + timedelta(days=days)
    start = end + timedelta(days=1)
    start = start.replace(year=start.year - position.term_years)
    return MandateFactory(position=position, start=start, end=end, **kwargs)


def open_consultation(**kwargs):
    return ConsultationFactory(
        opened_on=today() - timedelta(days=30), closes_on=today() + timedelta(days=30), **kwargs
    )


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- the area page ---------------------------------------------------------------------------


def test_the_area_page_shows_commitments_key_figures_and_mandates_to_renew(
    client, secretariat_user
):
    mandate = ending_soon(holder="Ana Ferreira")
    client.force_login(secretariat_user)
    html = page(client.get("/governance/"))
    for code in ("GOV-1", "GOV-2"):
        assert f'href="/commitments/{code}/"' in html
    assert "positions within term limits" in html
    assert "decisions published within 30 days" in html
    assert "Ana Ferreira" in html
    assert f"/governance/mandates/{mandate.pk}/renew/" in html
    assert html.count("<svg") >= 3  # regions, meetings by year, responses by year
    for name in ("position", "mandate", "decision", "meeting", "consultation", "response"):
        assert f'href="/governance/{name}s/"' in html


def test_only_the_secretariat_gets_renew_buttons_on_the_area_page(client, fra_user):
    mandate = ending_soon(holder="Ana Ferreira")
    html = page(client.get("/governance/"))
    assert "Ana Ferreira" in html and f"/mandates/{mandate.pk}/renew/" not in html
    client.force_login(fra_user)
    assert f"/mandates/{mandate.pk}/renew/" not in page(client.get("/governance/"))


def test_the_navigation_links_to_the_governance_area(client):
    assert 'href="/governance/"' in page(client.get("/"))


# --- lists -----------------------------------------------------------------------------------


def test_the_mandate_list_filters_those_ending_within_180_days(client):
    soon = ending_soon(holder="Ending Soon")
    MandateFactory(holder="Far Away", start=date(2025, 1, 1))
    html = page(client.get("/governance/mandates/?ending_within=180"))
    assert soon.holder in html and "Far Away" not in html
    assert "Far Away" in page(client.get("/governance/mandates/"))


def test_lists_are_searchable_with_q(client, fra, deu, fra_user):
    PositionFactory(title="Rapporteur of the tariff working group")
    html = page(client.get("/governance/positions/?q=tariff working"))
    assert "Rapporteur of the tariff" in html and "Secretary General" not in html

    DecisionFactory(title="Budget for 2027", published_at=timezone.now())
    DecisionFactory(title="Audit plan", published_at=timezone.now())
    html = page(client.get("/governance/decisions/?q=budget"))
    assert "Budget for 2027" in html and "Audit plan" not in html

    consultation = ConsultationFactory(title="Revision of the SAFE framework")
    ConsultationResponseFactory(consultation=consultation, member=fra, summary="Yes")
    ConsultationResponseFactory(member=deu, summary="No")
    client.force_login(fra_user)
    html = page(client.get("/governance/responses/?q=SAFE"))
    assert consultation.reference in html and "DEU" not in html


def test_a_bad_filter_is_a_form_error_not_a_500(client):
    for path in (
        "/governance/mandates/?start_after=yesterday&ending_within=soon",
        "/governance/decisions/?decided_after=nope&outcome=nonsense",
        "/governance/meetings/?held_after=31-31-2020",
        "/governance/consultations/?open_on=x",
        "/governance/responses/?status=nonsense",
        "/governance/positions/?higher_responsibility=maybe",
    ):
        assert client.get(path).status_code == 200, path


def test_a_member_lists_its_own_responses_and_the_published_ones_of_others(
    client, fra, deu, fra_user
):
    own = ConsultationResponseFactory(member=fra)
    other_draft = ConsultationResponseFactory(member=deu)
    other_published = ConsultationResponseFactory(member=deu, status=WorkflowStatus.PUBLISHED)
    restricted = ConsultationResponseFactory(
        member=deu, status=WorkflowStatus.PUBLISHED, confidentiality=Confidentiality.RESTRICTED
    )
    client.force_login(fra_user)
    html = page(client.get("/governance/responses/"))
    assert f"/governance/responses/{own.pk}/" in html
    assert f"/governance/responses/{other_published.pk}/" in html
    assert f"/governance/responses/{other_draft.pk}/" not in html
    assert f"/governance/responses/{restricted.pk}/" not in html


# --- query counts ----------------------------------------------------------------------------


def add_positions(rows, fra):
    for _ in range(rows):
        ending_soon(member=fra)


def add_consultations(rows, fra):
    other = MemberFactory()
    for _ in range(rows):
        consultation = open_consultation()
        ConsultationResponseFactory(consultation=consultation, member=fra)
        ConsultationResponseFactory(
            consultation=consultation,
            member=other,
            responded_on=today(),
            status=WorkflowStatus.PUBLISHED,
            confidentiality=Confidentiality.PUBLIC,
        )


def add_members(rows, fra):
    meeting = MeetingFactory(
        body=Body.objects.get(code="council"), held_on=today() - timedelta(days=10)
    )
    consultation = ConsultationFactory(
        opened_on=today() - timedelta(days=60), closes_on=today() - timedelta(days=5)
    )
    for i in range(rows):
        member = MemberFactory()
        AttendanceFactory(
            meeting=meeting, member=member, presence=Presence.ABSENT if i % 2 else Presence.REMOTE
        )
        ConsultationResponseFactory(
            consultation=consultation,
            member=member,
            responded_on=consultation.opened_on,
            status=WorkflowStatus.PUBLISHED,
        )


def add_area(rows, fra):
    """Mandates ending soon, and members taking part in meetings and consultations."""
    add_positions(rows, fra)
    add_members(rows, fra)


# Each request: the savepoint and release of its transaction (ATOMIC_REQUESTS); for a signed-in
# user its session, the user, its groups and its member grants (roles). Then the page's own
# queries, listed in each case; a page rendered after the view runs outside the savepoint.
# (Every register's list is measured in core/tests/test_registers.py, as the secretariat; the
# consultations' list is measured here too, for the member user's own-response column.)
LIST_CASES = [
    # count, page (visible responses and the member's own response annotated)
    ("/governance/consultations/", add_consultations, 8),
    # the summary (current mandates, participation: 4, three counts, decisions), the snapshot
    # (commitments twice, milestones, indicators, latest values: 2), participation by year (4),
    # the ending mandates and which are renewed
    ("/governance/", add_area, 27),
    # participation by member (members, attendance, consultations, responses), the body chosen
    # and the bodies to choose from, the last meetings and the absent members
    ("/governance/participation/?body=council", add_members, 14),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize("who", ["secretariat", "member", "anonymous"])
@pytest.mark.parametrize(("path", "add", "ceiling"), LIST_CASES)
def test_lists_cost_a_fixed_number_of_queries(
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
    if path != "/governance/" and rows == 30 and "participation" not in path:
        assert response.context["page_obj"].paginator.count >= 30


DETAIL_CASES = [
    ("position", 14),
    ("mandate", 12),
    ("decision", 12),
    ("meeting", 13),
    ("consultation", 13),
    ("response", 12),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(("kind", "ceiling"), DETAIL_CASES)
def test_detail_pages_cost_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, fra, secretariat_user, rows, kind, ceiling
):
    position = PositionFactory()
    meeting = MeetingFactory()
    decision = DecisionFactory(body=meeting.body, meeting=None, published_at=None)
    consultation = ConsultationFactory()
    first = MandateFactory(position=position, start=date(2000, 1, 1), member=fra)
    for i in range(rows):
        member = MemberFactory()
        MandateFactory(position=position, start=date(2005 + 5 * i, 1, 1), member=member)
        AttendanceFactory(meeting=meeting, member=member)
        DecisionDocumentFactory(decision=decision, title=f"Document {i}")
        ConsultationResponseFactory(consultation=consultation, member=member)
        decision.title = f"Title {i}"
        decision.save()  # history rows
    decision.commitments.set(Commitment.objects.all())
    response = ConsultationResponseFactory(consultation=consultation, member=fra)
    record = {
        "position": position,
        "mandate": first,
        "decision": decision,
        "meeting": meeting,
        "consultation": consultation,
        "response": response,
    }[kind]
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(ceiling):
        html = page(client.get(record.get_absolute_url()))
    assert "History" in html


# --- who may read ----------------------------------------------------------------------------


def test_anonymous_and_members_see_only_published_decisions(
    client, fra_user, council_user, secretariat_user
):
    published = DecisionFactory(reference="SC-PUB", published_at=timezone.now())
    DecisionDocumentFactory(decision=published, title="Minutes of the session")
    draft = DecisionFactory(reference="SC-DRAFT", published_at=None)
    for user in (None, fra_user, council_user):
        client.logout()
        if user is not None:
            client.force_login(user)
        html = page(client.get("/governance/decisions/"))
        assert "SC-PUB" in html and "SC-DRAFT" not in html
        assert "Minutes of the session" in page(client.get(published.get_absolute_url()))
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(f"/history/governance/decision/{draft.pk}/").status_code == 404
    client.force_login(secretariat_user)
    html = page(client.get("/governance/decisions/"))
    assert "SC-PUB" in html and "SC-DRAFT" in html
    assert "/publish/" in page(client.get(draft.get_absolute_url()))


def test_a_meeting_lists_only_the_decisions_the_reader_may_see(client, secretariat_user):
    meeting = MeetingFactory()
    DecisionFactory(
        body=meeting.body, meeting=meeting, reference="SC-PUB", published_at=timezone.now()
    )
    DecisionFactory(body=meeting.body, meeting=meeting, reference="SC-DRAFT", published_at=None)
    html = page(client.get(meeting.get_absolute_url()))
    assert "SC-PUB" in html and "SC-DRAFT" not in html
    client.force_login(secretariat_user)
    assert "SC-DRAFT" in page(client.get(meeting.get_absolute_url()))


def test_a_meeting_shows_its_attendance_roll_and_counts(client, fra, deu):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting, member=fra, presence=Presence.IN_PERSON)
    AttendanceFactory(meeting=meeting, member=deu, presence=Presence.REMOTE)
    AttendanceFactory(meeting=meeting, presence=Presence.ABSENT)
    response = client.get(meeting.get_absolute_url())
    html = page(response)
    assert "France" in html and "Germany" in html and "Present remotely" in html
    assert response.context["counts"] == {"in_person": 1, "remote": 1, "absent": 1}
    assert response.context["present"] == 2


def test_member_users_cannot_open_the_secretariats_forms(client, fra_user, council_user):
    position = PositionFactory()
    mandate = MandateFactory(position=position)
    decision = DecisionFactory(published_at=timezone.now())
    meeting = MeetingFactory()
    consultation = ConsultationFactory()
    paths = [
        "/governance/positions/new/",
        f"/governance/positions/{position.pk}/edit/",
        "/governance/mandates/new/",
        f"/governance/mandates/{mandate.pk}/edit/",
        "/governance/decisions/new/",
        f"/governance/decisions/{decision.pk}/edit/",
        "/governance/meetings/new/",
        f"/governance/meetings/{meeting.pk}/edit/",
        "/governance/consultations/new/",
        f"/governance/consultations/{consultation.pk}/edit/",
    ]
    for user in (fra_user, council_user):
        client.force_login(user)
        for path in paths:
            assert client.get(path).status_code == 403, path
            assert client.post(path, {"title": "x"}).status_code == 403, path
    client.logout()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Position.objects.filter(title="x").count() == 0


def test_members_and_the_public_cannot_act_on_mandates_or_decisions(client, fra_user):
    mandate = ending_soon()
    decision = DecisionFactory(published_at=None)
    client.force_login(fra_user)
    assert client.post(f"/governance/mandates/{mandate.pk}/renew/").status_code == 403
    assert client.post(f"/governance/decisions/{decision.pk}/publish/").status_code == 403
    assert Mandate.objects.filter(previous=mandate).count() == 0
    decision.refresh_from_db()
    assert not decision.is_published


# --- the secretariat's forms -----------------------------------------------------------------


def mandate_data(position, holder, start, end, member=None):
    return {
        "position": position.pk,
        "holder": holder,
        "member": member.pk if member else "",
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def test_the_secretariat_records_a_mandate_with_its_author(client, fra, secretariat_user):
    position = PositionFactory()
    client.force_login(secretariat_user)
    assert page(client.get(f"/governance/mandates/new/?position={position.pk}"))
    response = client.post(
        "/governance/mandates/new/",
        mandate_data(position, "Kunio Mikuriya", date(2024, 1, 1), date(2028, 12, 31), fra),
    )
    mandate = Mandate.objects.get(position=position)
    assert response.status_code == 302 and response["Location"] == mandate.get_absolute_url()
    assert mandate.created_by == secretariat_user and mandate.term_number == 1
    assert mandate.history.first().history_user == secretariat_user


def test_a_third_consecutive_term_is_a_form_error_and_nothing_is_saved(client, secretariat_user):
    position = PositionFactory()
    first = MandateFactory(position=position, holder="Ana Ferreira", start=date(2023, 1, 1))
    MandateFactory(position=position, holder="Ana Ferreira", start=first.end + timedelta(days=1))
    client.force_login(secretariat_user)
    response = client.post(
        "/governance/mandates/new/",
        mandate_data(position, "ana  ferreira", date(2033, 1, 1), date(2037, 12, 31)),
    )
    html = page(response)
    assert "third" in response.context["form"].errors["holder"][0]
    assert "consecutive terms" in html
    assert Mandate.objects.filter(position=position).count() == 2


def test_an_overlapping_or_too_long_mandate_is_a_form_error(client, secretariat_user):
    position = PositionFactory()
    MandateFactory(position=position, start=date(2023, 1, 1))
    client.force_login(secretariat_user)
    response = client.post(
        "/governance/mandates/new/",
        mandate_data(position, "Someone Else", date(2025, 1, 1), date(2035, 1, 1)),
    )
    errors = response.context["form"].errors
    assert response.status_code == 200 and "start" in errors and "end" in errors
    response = client.post(
        "/governance/mandates/new/",
        mandate_data(position, "Someone Else", date(2030, 1, 1), date(2029, 1, 1)),
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert Mandate.objects.filter(position=position).count() == 1


def test_the_secretariat_edits_a_mandate(client, secretariat_user):
    mandate = MandateFactory(holder="Old Name")
    client.force_login(secretariat_user)
    data = mandate_data(mandate.position, "New Name", mandate.start, mandate.end, mandate.member)
    response = client.post(f"/governance/mandates/{mandate.pk}/edit/", data)
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.holder == "New Name" and mandate.updated_by == secretariat_user
    html = page(client.get(mandate.get_absolute_url()))
    assert "Old Name" in html and "New Name" in html  # the history shows the change


def test_the_secretariat_records_a_decision_serving_commitments(client, secretariat_user):
    council = Body.objects.get(code="council")
    meeting = MeetingFactory(body=council, held_on=date(2026, 6, 25))
    gov = list(Commitment.objects.filter(code__in=["GOV-1", "GOV-2"]))
    client.force_login(secretariat_user)
    assert "GOV-2" in page(client.get("/governance/decisions/new/"))
    data = {
        "body": council.pk,
        "meeting": meeting.pk,
        "reference": "SC0150",
        "title": "Term limits for elected positions",
        "decided_on": "2026-06-25",
        "outcome": "adopted",
        "commitments": [c.pk for c in gov],
    }
    response = client.post("/governance/decisions/new/", data)
    decision = Decision.objects.get(reference="SC0150")
    assert response.status_code == 302
    assert set(decision.commitments.all()) == set(gov) and not decision.is_published
    assert decision.created_by == secretariat_user

    # A decision of that meeting taken a year later breaks the model's rule: a form error.
    response = client.post(
        f"/governance/decisions/{decision.pk}/edit/", {**data, "decided_on": "2027-06-25"}
    )
    assert "decided_on" in response.context["form"].errors
    decision.refresh_from_db()
    assert decision.decided_on == date(2026, 6, 25)


def test_votes_beyond_the_members_present_are_a_form_error(client, secretariat_user):
    meeting = MeetingFactory()
    AttendanceFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting)
    client.force_login(secretariat_user)
    response = client.post(
        "/governance/decisions/new/",
        {
            "body": meeting.body.pk,
            "meeting": meeting.pk,
            "reference": "SC0151",
            "title": "Too many votes",
            "decided_on": meeting.held_on.isoformat(),
            "votes_for": 3,
            "outcome": "adopted",
        },
    )
    assert "votes_for" in response.context["form"].errors
    assert not Decision.objects.filter(reference="SC0151").exists()


def test_the_secretariat_records_positions_meetings_and_consultations(client, secretariat_user):
    council = Body.objects.get(code="council")
    client.force_login(secretariat_user)
    response = client.post(
        "/governance/positions/new/",
        {"body": council.pk, "title": "Rapporteur", "term_years": 3, "max_terms": 2},
    )
    assert response.status_code == 302
    assert Position.objects.get(body=council, title="Rapporteur").created_by == secretariat_user

    response = client.post(
        "/governance/meetings/new/",
        {"body": council.pk, "title": "147th Session", "held_on": "2026-06-25"},
    )
    assert response.status_code == 302 and Meeting.objects.filter(title="147th Session").exists()
    response = client.post(
        "/governance/meetings/new/",
        {"body": council.pk, "title": "Bad", "held_on": "2026-06-25", "ends_on": "2026-06-20"},
    )
    assert "ends_on" in response.context["form"].errors

    response = client.post(
        "/governance/consultations/new/",
        {
            "reference": "CONS-2027-01",
            "title": "Revised Kyoto Convention",
            "opened_on": "2027-01-10",
            "closes_on": "2027-03-31",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/governance/consultations/new/",
        {
            "reference": "CONS-2027-02",
            "title": "Backwards",
            "opened_on": "2027-03-31",
            "closes_on": "2027-01-10",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert list(Consultation.objects.values_list("reference", flat=True)) == ["CONS-2027-01"]


# --- actions ---------------------------------------------------------------------------------


def test_the_renew_button_creates_the_next_term(client, secretariat_user):
    mandate = ending_soon(holder="Ana Ferreira")
    client.force_login(secretariat_user)
    assert f"/mandates/{mandate.pk}/renew/" in page(client.get(mandate.get_absolute_url()))
    response = client.post(f"/governance/mandates/{mandate.pk}/renew/", follow=True)
    following = Mandate.objects.get(previous=mandate)
    assert following.term_number == 2 and following.start == mandate.end + timedelta(days=1)
    assert following.created_by == secretariat_user
    assert response.redirect_chain[-1][0] == following.get_absolute_url()
    assert any("renewed" in m for m in messages_of(response))


def test_a_refused_renewal_is_a_message_not_an_error(client, secretariat_user):
    mandate = ending_soon(holder="Ana Ferreira")
    client.force_login(secretariat_user)
    client.post(f"/governance/mandates/{mandate.pk}/renew/")
    # Renewed already.
    response = client.post(f"/governance/mandates/{mandate.pk}/renew/", follow=True)
    assert response.status_code == 200
    assert "already been renewed" in " ".join(messages_of(response))
    # The second term is the last one.
    second = Mandate.objects.get(previous=mandate)
    response = client.post(
        f"/governance/mandates/{second.pk}/renew/", {"next": "/governance/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/governance/"
    assert "cannot be renewed" in " ".join(messages_of(response))
    assert Mandate.objects.filter(position=mandate.position).count() == 2


def test_renewing_never_redirects_off_the_site(client, secretariat_user):
    mandate = ending_soon()
    client.force_login(secretariat_user)
    response = client.post(
        f"/governance/mandates/{mandate.pk}/renew/", {"next": "https://evil.example/"}
    )
    assert response["Location"].startswith("/governance/mandates/")


def test_the_publish_button_publishes_once(client, secretariat_user):
    decision = DecisionFactory(published_at=None)
    client.force_login(secretariat_user)
    response = client.post(f"/governance/decisions/{decision.pk}/publish/", follow=True)
    decision.refresh_from_db()
    assert decision.is_published and "is published" in " ".join(messages_of(response))
    assert "/publish/" not in response.content.decode()
    response = client.post(f"/governance/decisions/{decision.pk}/publish/", follow=True)
    assert response.status_code == 200
    assert "was published on" in " ".join(messages_of(response))


# --- members' responses and their workflow ---------------------------------------------------


def test_a_member_responds_edits_and_submits_for_its_own_administration(client, fra, fra_user):
    consultation = open_consultation()
    client.force_login(fra_user)
    assert "Respond" in page(client.get(consultation.get_absolute_url()))
    form_page = page(client.get(f"/governance/responses/new/?consultation={consultation.pk}"))
    assert 'name="member"' not in form_page  # filled from the user
    response = client.post(
        "/governance/responses/new/",
        {
            "consultation": consultation.pk,
            "responded_on": today().isoformat(),
            "summary": "We support it.",
            "confidentiality": "members",
        },
    )
    answer = ConsultationResponse.objects.get(consultation=consultation)
    assert response.status_code == 302 and answer.member == fra
    assert answer.status == WorkflowStatus.DRAFT and answer.created_by == fra_user

    response = client.post(
        f"/governance/responses/{answer.pk}/edit/",
        {
            "responded_on": today().isoformat(),
            "summary": "We support it, with comments.",
            "confidentiality": "public",
        },
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.summary == "We support it, with comments." and answer.member == fra

    html = page(client.get(answer.get_absolute_url()))
    assert f"/responses/{answer.pk}/submit/" in html and "/validate/" not in html
    client.post(f"/governance/responses/{answer.pk}/submit/")
    answer.refresh_from_db()
    assert answer.status == WorkflowStatus.SUBMITTED
    # Submitted: no longer the member's to change.
    assert client.get(f"/governance/responses/{answer.pk}/edit/").status_code == 403


def test_a_second_response_to_the_same_consultation_is_a_form_error(client, fra, fra_user):
    consultation = open_consultation()
    ConsultationResponseFactory(consultation=consultation, member=fra, responded_on=today())
    client.force_login(fra_user)
    response = client.post(
        "/governance/responses/new/",
        {
            "consultation": consultation.pk,
            "responded_on": today().isoformat(),
            "summary": "Again.",
            "confidentiality": "members",
        },
    )
    assert "consultation" in response.context["form"].errors
    assert ConsultationResponse.objects.filter(consultation=consultation).count() == 1


def test_a_response_outside_the_consultation_period_is_a_form_error(client, fra_user):
    consultation = open_consultation()
    client.force_login(fra_user)
    response = client.post(
        "/governance/responses/new/",
        {
            "consultation": consultation.pk,
            "responded_on": (consultation.closes_on + timedelta(days=1)).isoformat(),
            "summary": "Late.",
            "confidentiality": "members",
        },
    )
    assert "responded_on" in response.context["form"].errors
    assert not ConsultationResponse.objects.exists()


def test_another_members_response_is_404_and_council_cannot_respond(
    client, fra, deu, deu_user, council_user
):
    draft = ConsultationResponseFactory(member=fra)
    published = ConsultationResponseFactory(member=fra, status=WorkflowStatus.PUBLISHED)
    client.force_login(deu_user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/governance/responses/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/governance/responses/{draft.pk}/submit/").status_code == 404
    # A response it may read but not change: 403 (out of its sight, it would be 404).
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(f"/governance/responses/{published.pk}/edit/").status_code == 403
    client.force_login(council_user)
    assert client.get("/governance/responses/new/").status_code == 403


def test_the_secretariat_returns_validates_and_publishes_a_response(
    client, fra, fra_user, secretariat_user
):
    answer = ConsultationResponseFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    client.force_login(secretariat_user)
    html = page(client.get(answer.get_absolute_url()))
    assert "/validate/" in html and "/return/" in html

    response = client.post(
        f"/governance/responses/{answer.pk}/return/", {"reason": ""}, follow=True
    )
    assert "Say why" in " ".join(messages_of(response))
    client.post(f"/governance/responses/{answer.pk}/return/", {"reason": "Add the annex."})
    answer.refresh_from_db()
    assert answer.status == WorkflowStatus.RETURNED and answer.returned_reason == "Add the annex."

    client.force_login(fra_user)
    assert "Add the annex." in page(client.get(answer.get_absolute_url()))
    client.post(f"/governance/responses/{answer.pk}/submit/")
    # A member cannot validate its own response.
    response = client.post(f"/governance/responses/{answer.pk}/validate/", follow=True)
    assert "Only the secretariat" in " ".join(messages_of(response))

    client.force_login(secretariat_user)
    client.post(f"/governance/responses/{answer.pk}/validate/")
    html = page(client.get(answer.get_absolute_url()))
    assert "/publish/" in html
    client.post(f"/governance/responses/{answer.pk}/publish/")
    answer.refresh_from_db()
    assert answer.status == WorkflowStatus.PUBLISHED
    response = client.post(f"/governance/responses/{answer.pk}/publish/", follow=True)
    assert "Cannot publish" in " ".join(messages_of(response))
    assert client.post(f"/governance/responses/{answer.pk}/delete/").status_code == 404


def test_the_secretariat_records_a_response_for_a_member(client, fra, secretariat_user):
    consultation = open_consultation()
    client.force_login(secretariat_user)
    response = client.post(
        "/governance/responses/new/",
        {
            "consultation": consultation.pk,
            "member": fra.pk,
            "responded_on": today().isoformat(),
            "summary": "Received by letter.",
            "confidentiality": "members",
        },
    )
    assert response.status_code == 302
    assert ConsultationResponse.objects.get(consultation=consultation).member == fra


# --- participation ---------------------------------------------------------------------------


def test_the_participation_page_shows_regions_members_and_absentees(
    client, fra, deu, secretariat_user
):
    council = Body.objects.get(code="council")
    meeting = MeetingFactory(body=council, held_on=today() - timedelta(days=20))
    AttendanceFactory(meeting=meeting, member=fra, presence=Presence.IN_PERSON)
    AttendanceFactory(meeting=meeting, member=deu, presence=Presence.ABSENT)
    html = page(client.get("/governance/participation/"))
    assert "Europe" in html and "France" in html
    assert "Absent from the last" not in html  # the secretariat's

    client.force_login(secretariat_user)
    response = client.get("/governance/participation/?last=3&body=council")
    html = page(response)
    assert [m.code for m in response.context["absent"]] == ["DEU"]
    assert "Absent from the last 3 meetings of the Council" in html
    by_member = dict(response.context["members"])
    assert by_member[fra].meeting_rate == 100.0 and by_member[deu].meeting_rate == 0.0


def test_a_bad_date_on_the_participation_page_is_a_form_error(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get("/governance/participation/?start=31/02/2026&end=2026-01-01")
    html = page(response)
    assert "start" in response.context["form"].errors
    assert "By member" not in html
    response = client.get("/governance/participation/?start=2026-06-01&end=2026-01-01")
    assert "end" in response.context["form"].errors
    response = client.get("/governance/participation/?last=0&body=nope")
    assert set(response.context["form"].errors) == {"last", "body"}
