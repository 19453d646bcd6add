"""The facilitation pages: members report their TFA notifications, release-time studies,
adoption of the e-commerce standards and revenue, and move them through the workflow; the
secretariat keeps the standards and the joint activities, validates and publishes; everyone
else reads what is published."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.choices import Confidentiality, WorkflowStatus
from core.models import Region
from core.tests.factories import MemberFactory
from facilitation.choices import Category
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)
from facilitation.tests.factories import (
    EcommerceAdoptionFactory,
    JointActivityFactory,
    ReleaseTimeStudyFactory,
    RevenueReportFactory,
    TFANotificationFactory,
    measure,
    standard,
)

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


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


def notification_data(measure_pk, category, **dates):
    return {
        "measure": measure_pk,
        "category": category,
        "indicative_date": "",
        "definitive_date": "",
        "implemented_on": "",
        "assistance_needed": "",
        **dates,
    }


# --- the area page ---------------------------------------------------------------------------


def test_the_area_page_shows_commitments_key_figures_and_charts(client, fra, deu):
    published(TFANotificationFactory, member=fra, measure=measure("7.4"), category=Category.A)
    published(ReleaseTimeStudyFactory, member=deu, year=2020, average_release_hours=40)
    published(ReleaseTimeStudyFactory, member=deu, year=2024, average_release_hours=50)
    published(
        TFANotificationFactory,
        member=deu,
        measure=measure("7.4"),
        definitive_date=date(today().year + 2, 6, 30),
    )
    html = page(client.get("/facilitation/"))
    for code in ("TF-1", "TF-2", "TF-3"):
        assert f'href="/commitments/{code}/"' in html
    assert "TFA measures implemented" in html
    assert "median reduction of release times" in html
    assert "members fully adopting half" in html
    assert html.count("<svg") >= 5  # three progress bars, regions, schedule
    assert "Germany" in html and "-25.0%" in html  # its release times grew by a quarter
    assert f"<td>{today().year + 2}</td>" in html  # the schedule of commitments to come
    for name in ("notifications", "studies", "standards", "adoptions", "activities", "revenue"):
        assert f'href="/facilitation/{name}/"' in html


def test_the_navigation_links_to_the_facilitation_area(client):
    assert 'href="/facilitation/"' in page(client.get("/"))


# --- TFA implementation: the rate on a day and the matrix ------------------------------------


def test_the_implementation_page_gives_the_rate_on_a_past_or_future_day(client, fra, deu):
    published(TFANotificationFactory, member=fra, measure=measure("7.4"), category=Category.A)
    published(
        TFANotificationFactory,
        member=deu,
        measure=measure("7.4"),
        category=Category.B,
        definitive_date=date(2030, 1, 1),
    )
    response = client.get("/facilitation/implementation/?at=2029-12-31&region=eur")
    page(response)
    members = dict(response.context["members"])
    assert members[fra].implemented == 1 and members[deu].implemented == 0
    assert [count for year, count in response.context["schedule"]] == [1]
    by_measure = {m.code: count for m, count, _ in response.context["measures"]}
    assert by_measure["7.4"] == 1

    response = client.get("/facilitation/implementation/?at=2030-01-01")
    page(response)
    assert dict(response.context["members"])[deu].implemented == 1
    assert response.context["overall"].implemented == 2


def test_the_matrix_shows_each_members_category_and_implementation(client, fra, deu):
    published(TFANotificationFactory, member=fra, measure=measure("7.4"), category=Category.A)
    published(
        TFANotificationFactory,
        member=deu,
        measure=measure("7.4"),
        category=Category.B,
        definitive_date=date(2030, 1, 1),
    )
    TFANotificationFactory(member=deu, measure=measure("10.4"))  # a draft: not shown
    response = client.get("/facilitation/matrix/?region=EUR&at=2029-12-31")
    html = page(response)
    assert len(response.context["measures"]) == TFAMeasure.objects.count() == 36
    rows = {
        member.code: (cells, implemented)
        for member, cells, implemented, _ in response.context["rows"]
    }
    codes = [m.code for m in response.context["measures"]]
    assert rows["FRA"][0][codes.index("7.4")] == ("A", True)
    assert rows["DEU"][0][codes.index("7.4")] == ("B", False)
    assert rows["DEU"][0][codes.index("10.4")] is None and rows["DEU"][1] == 0
    assert 'class="cell implemented"' in html and 'class="cell pending"' in html
    response = client.get("/facilitation/matrix/?region=EUR&at=2030-01-01")
    assert {m.code: i for m, _, i, _ in response.context["rows"]}["DEU"] == 1


def test_the_matrix_shows_the_first_region_alphabetically_by_default(client, fra):
    first = Region.objects.order_by("name").first()
    member = MemberFactory(region=first, name="Customs of the first region")
    response = client.get("/facilitation/matrix/")
    page(response)
    assert response.context["region"] == first
    assert [m for m, *_ in response.context["rows"]] == [member]


@pytest.mark.parametrize(
    "path",
    [
        "/facilitation/matrix/?region=NOWHERE",
        "/facilitation/matrix/?region=EUR&at=2026-02-31",
        "/facilitation/implementation/?at=yesterday",
        "/facilitation/implementation/?region=XX&at=31/12/2026",
    ],
)
def test_a_bad_day_or_region_is_a_form_error_not_a_500(client, path):
    response = client.get(path)
    html = page(response)
    assert response.context["form"].errors
    assert "errorlist" in html


def test_a_bad_filter_on_a_list_is_a_form_error_not_a_500(client):
    for path in (
        "/facilitation/notifications/?definitive_after=nope&category=Z&article=x",
        "/facilitation/studies/?year_from=soon&mode=boat&status=nonsense",
        "/facilitation/standards/?principle=&q=%00",
        "/facilitation/adoptions/?standard=first&behind=maybe&adopted_before=31-31-2020",
        "/facilitation/activities/?held_after=never&kind=party",
        "/facilitation/revenue/?year_to=later&confidentiality=secret",
    ):
        assert client.get(path).status_code == 200, path


# --- lists -----------------------------------------------------------------------------------


def test_a_member_lists_its_own_records_and_the_published_ones_of_others(
    client, fra, deu, fra_user
):
    own = TFANotificationFactory(member=fra)
    other_draft = TFANotificationFactory(member=deu, measure=measure("7.4"))
    other_published = published(TFANotificationFactory, member=deu, measure=measure("10.4"))
    client.force_login(fra_user)
    html = page(client.get("/facilitation/notifications/"))
    assert own.get_absolute_url() in html and other_published.get_absolute_url() in html
    assert other_draft.get_absolute_url() not in html

    restricted = published(
        RevenueReportFactory, member=deu, confidentiality=Confidentiality.RESTRICTED
    )
    shared = published(RevenueReportFactory, member=deu, year=2024)
    html = page(client.get("/facilitation/revenue/"))
    assert shared.get_absolute_url() in html and restricted.get_absolute_url() not in html
    assert client.get(restricted.get_absolute_url()).status_code == 404


def test_lists_filter_and_search(client, fra, deu):
    published(TFANotificationFactory, member=fra, measure=measure("7.4"), category=Category.A)
    published(
        TFANotificationFactory,
        member=deu,
        measure=measure("10.4"),
        category=Category.C,
        definitive_date=date(2027, 1, 1),
        assistance_needed="Training of officers",
    )
    response = client.get("/facilitation/notifications/?category=C&assistance=true")
    assert [n.member.code for n in response.context["object_list"]] == ["DEU"]
    response = client.get("/facilitation/notifications/?q=france")
    assert [n.member.code for n in response.context["object_list"]] == ["FRA"]
    html = page(client.get("/facilitation/notifications/"))
    assert '<select name="region"' in html and '<select name="measure"' in html
    assert 'type="checkbox" name="category"' in html

    JointActivityFactory(title="Workshop on release times", partner="UNCTAD")
    JointActivityFactory(title="Joint session on advance rulings")
    response = client.get("/facilitation/activities/?q=release")
    assert [a.partner for a in response.context["object_list"]] == ["UNCTAD"]


# --- query counts ----------------------------------------------------------------------------


def add_members(rows, fra):
    """Members of Europe with published notifications, studies, adoptions and revenue."""
    measures = list(TFAMeasure.objects.order_by("position"))
    for i in range(rows):
        member = MemberFactory()
        published(TFANotificationFactory, member=member, measure=measures[i % 36])
        published(
            TFANotificationFactory,
            member=member,
            measure=measures[(i + 1) % 36],
            category=Category.A,
        )
        published(
            TFANotificationFactory,
            member=member,
            measure=measures[(i + 2) % 36],
            definitive_date=None,
            indicative_date=date(2031, 1, 1),
        )
        published(ReleaseTimeStudyFactory, member=member, year=2020, average_release_hours=30)
        published(ReleaseTimeStudyFactory, member=member, year=2024, average_release_hours=20 + i)
        published(EcommerceAdoptionFactory, member=member)
        published(RevenueReportFactory, member=member, year=today().year)
    JointActivityFactory(held_on=today())


# Each request: the savepoint and release of its transaction (ATOMIC_REQUESTS); for a signed-in
# user its session, the user, its groups and its member grants (roles). Then the page's own
# queries, listed in each case. (The registers' lists are measured for every register in
# core/tests/test_registers.py.)
LIST_CASES = [
    # the regions (to choose from and to check the one chosen), its members, the measures,
    # the matrix's cells
    ("/facilitation/matrix/?region=EUR", add_members, 10),
    # the regions; by member (measures, members, implemented counts), by measure (members,
    # implemented counts, measures), the schedule
    ("/facilitation/implementation/?region=EUR", add_members, 14),
    # the summary (TFA on the period's last and first days: 3 each, schedule, release trends
    # and their median: 2, adoption by standard: 3, standards, members adopting half: 3,
    # joint activities, revenue), the snapshot (commitments twice, milestones, indicators,
    # latest values: 2), the release trends that grew and the adoption by standard (3)
    ("/facilitation/", add_members, 34),
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
    if "matrix" in path:
        assert len(response.context["rows"]) >= rows


# The savepoint and its release, the session, user, groups and member grants; the record (with
# what it shows joined) and its history rows (their users joined); for a register members report
# into, its evidence files and their history (+2), and for one whose values are watched, its
# data-quality flags (+1); then each page's own.
DETAIL_CASES = [
    ("notification", 10),
    ("study", 12),  # the member's studies in that mode
    ("standard", 10),  # adoptions by status, adoptions of older versions
    ("adoption", 10),
    ("activity", 8),
    ("revenue", 10),
]


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(("kind", "ceiling"), DETAIL_CASES)
def test_detail_pages_cost_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, fra, secretariat_user, rows, kind, ceiling
):
    records = {
        "notification": TFANotificationFactory(member=fra),
        "study": ReleaseTimeStudyFactory(member=fra, year=1990),
        "standard": standard(1),
        "adoption": EcommerceAdoptionFactory(member=fra),
        "activity": JointActivityFactory(),
        "revenue": RevenueReportFactory(member=fra),
    }
    record = records[kind]
    for i in range(rows):
        ReleaseTimeStudyFactory(member=fra, year=1991 + i)
        published(EcommerceAdoptionFactory)
        record.save()  # history rows
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(ceiling):
        html = page(client.get(record.get_absolute_url()))
    assert "History" in html


# --- who may see and do what -----------------------------------------------------------------


def test_another_members_records_are_404_and_its_published_ones_403_to_change(
    client, fra, deu, deu_user
):
    drafts = [
        ("notifications", TFANotificationFactory(member=fra)),
        ("studies", ReleaseTimeStudyFactory(member=fra)),
        ("adoptions", EcommerceAdoptionFactory(member=fra)),
        ("revenue", RevenueReportFactory(member=fra)),
    ]
    shown = [
        ("notifications", published(TFANotificationFactory, member=fra, measure=measure("10.4"))),
        ("studies", published(ReleaseTimeStudyFactory, member=fra, year=2020)),
        ("adoptions", published(EcommerceAdoptionFactory, member=fra, standard=standard(2))),
        ("revenue", published(RevenueReportFactory, member=fra, year=2020)),
    ]
    client.force_login(deu_user)
    for prefix, record in drafts:
        assert client.get(record.get_absolute_url()).status_code == 404, prefix
        assert client.get(f"/facilitation/{prefix}/{record.pk}/edit/").status_code == 404
        assert client.post(f"/facilitation/{prefix}/{record.pk}/submit/").status_code == 404
        assert (
            client.get(f"/history/facilitation/{record._meta.model_name}/{record.pk}/").status_code
            == 404
        )
    for prefix, record in shown:
        html = page(client.get(record.get_absolute_url()))
        assert "/edit/" not in html and "/submit/" not in html, prefix  # read only
        assert client.get(f"/facilitation/{prefix}/{record.pk}/edit/").status_code == 403
        assert client.post(f"/facilitation/{prefix}/{record.pk}/edit/", {}).status_code == 403
    client.logout()
    for prefix, record in drafts:
        assert client.get(record.get_absolute_url()).status_code == 404, prefix
    for prefix, record in shown:
        # Revenue is for members to read unless the member makes it public.
        expected = 404 if prefix == "revenue" else 200
        assert client.get(record.get_absolute_url()).status_code == expected, prefix


def test_council_and_the_public_cannot_report_for_a_member(client, council_user):
    paths = [
        f"/facilitation/{p}/new/" for p in ("notifications", "studies", "adoptions", "revenue")
    ]
    client.force_login(council_user)
    for path in paths:
        assert client.get(path).status_code == 403, path
        assert client.post(path, {"year": 2024}).status_code == 403, path
    client.logout()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_only_the_secretariat_keeps_the_standards_and_joint_activities(
    client, fra_user, council_user
):
    activity = JointActivityFactory()
    first = standard(1)
    paths = [
        "/facilitation/standards/new/",
        f"/facilitation/standards/{first.pk}/edit/",
        f"/facilitation/standards/{first.pk}/revise/",
        "/facilitation/activities/new/",
        f"/facilitation/activities/{activity.pk}/edit/",
    ]
    for user in (fra_user, council_user):
        client.force_login(user)
        for path in paths:
            assert client.get(path).status_code == 403, path
            assert client.post(path, {"revised_on": "2026-01-01"}).status_code == 403, path
        html = page(client.get(first.get_absolute_url()))
        assert "/revise/" not in html and "/edit/" not in html
    client.logout()
    for path in paths:
        assert client.get(path).status_code == 302, path
    first.refresh_from_db()
    assert first.version == 1


# --- members' forms and the model's rules ----------------------------------------------------


def test_a_member_notifies_a_measure_for_its_own_administration(client, fra, deu, fra_user):
    client.force_login(fra_user)
    form_page = page(client.get("/facilitation/notifications/new/"))
    assert 'name="member"' not in form_page  # filled from the user
    data = notification_data(
        measure("7.4").pk, "B", indicative_date="2026-06-30", definitive_date="2027-06-30"
    )
    response = client.post("/facilitation/notifications/new/", {**data, "member": deu.pk})
    notification = TFANotification.objects.get()
    assert response.status_code == 302 and response["Location"] == notification.get_absolute_url()
    assert notification.member == fra and notification.created_by == fra_user
    assert notification.status == WorkflowStatus.DRAFT

    response = client.post(
        f"/facilitation/notifications/{notification.pk}/edit/",
        {**data, "definitive_date": "2027-12-31"},
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.definitive_date == date(2027, 12, 31)
    html = page(client.get(notification.get_absolute_url()))
    assert "2027-06-30" in html and "2027-12-31" in html  # the history shows the change


def test_category_c_without_assistance_is_a_form_error_and_nothing_is_saved(client, fra_user):
    client.force_login(fra_user)
    response = client.post(
        "/facilitation/notifications/new/",
        notification_data(measure("7.4").pk, "C", definitive_date="2028-01-01"),
    )
    html = page(response)
    assert "assistance_needed" in response.context["form"].errors
    assert "what assistance and support it needs" in html
    assert not TFANotification.objects.exists()


def test_a_category_b_date_before_the_entry_into_force_is_a_form_error(client, fra_user):
    client.force_login(fra_user)
    response = client.post(
        "/facilitation/notifications/new/",
        notification_data(measure("7.4").pk, "B", definitive_date="2017-02-21"),
    )
    errors = response.context["form"].errors
    assert response.status_code == 200 and "definitive_date" in errors
    assert "22 February 2017" in errors["definitive_date"][0]
    assert not TFANotification.objects.exists()


def test_a_second_notification_of_a_measure_is_a_form_error(client, fra, fra_user):
    TFANotificationFactory(member=fra, measure=measure("7.4"))
    client.force_login(fra_user)
    response = client.post(
        "/facilitation/notifications/new/",
        notification_data(measure("7.4").pk, "A"),
    )
    assert "measure" in response.context["form"].errors
    assert TFANotification.objects.count() == 1


def test_the_secretariat_records_a_notification_for_a_member(client, deu, secretariat_user):
    client.force_login(secretariat_user)
    assert 'name="member"' in page(client.get("/facilitation/notifications/new/"))
    response = client.post(
        "/facilitation/notifications/new/",
        {**notification_data(measure("7.4").pk, "A"), "member": deu.pk},
    )
    assert response.status_code == 302
    assert TFANotification.objects.get().member == deu


def test_members_report_studies_adoptions_and_revenue_under_the_models_rules(client, fra, fra_user):
    client.force_login(fra_user)
    study = {"year": 2024, "mode": "sea", "average_release_hours": "36.5", "sample_size": 800}
    assert client.post("/facilitation/studies/new/", study).status_code == 302
    response = client.post("/facilitation/studies/new/", study)
    assert "year" in response.context["form"].errors  # one study a year and mode
    assert ReleaseTimeStudy.objects.get().member == fra

    adoption = {"standard": standard(3).pk, "adoption_status": "planned", "planned_on": ""}
    response = client.post("/facilitation/adoptions/new/", adoption)
    assert "planned_on" in response.context["form"].errors
    adoption["planned_on"] = "2027-01-01"
    assert client.post("/facilitation/adoptions/new/", adoption).status_code == 302
    recorded = EcommerceAdoption.objects.get()
    assert recorded.member == fra and recorded.version == 1

    revenue = {
        "year": 2024,
        "currency": "eur",
        "total_revenue": "1000",
        "ecommerce_revenue": "2000",
        "confidentiality": "members",
    }
    response = client.post("/facilitation/revenue/new/", revenue)
    assert "ecommerce_revenue" in response.context["form"].errors
    assert not RevenueReport.objects.exists()
    revenue["ecommerce_revenue"] = "200"
    assert client.post("/facilitation/revenue/new/", revenue).status_code == 302
    assert RevenueReport.objects.get().currency == "EUR"


# --- the workflow buttons --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "make"),
    [
        ("notifications", lambda fra: TFANotificationFactory(member=fra)),
        ("studies", lambda fra: ReleaseTimeStudyFactory(member=fra)),
        ("adoptions", lambda fra: EcommerceAdoptionFactory(member=fra)),
        ("revenue", lambda fra: RevenueReportFactory(member=fra)),
    ],
)
def test_the_workflow_buttons_submit_return_validate_and_publish(
    client, fra, fra_user, secretariat_user, prefix, make
):
    record = make(fra)
    base = f"/facilitation/{prefix}/{record.pk}"
    client.force_login(fra_user)
    html = page(client.get(record.get_absolute_url()))
    assert f"{base}/submit/" in html and f"{base}/edit/" in html and "/validate/" not in html
    client.post(f"{base}/submit/")
    record.refresh_from_db()
    assert record.status == WorkflowStatus.SUBMITTED
    # Submitted: no longer the member's to change, nor to validate.
    assert client.get(f"{base}/edit/").status_code == 403
    response = client.post(f"{base}/validate/", follow=True)
    assert "Only the secretariat" in " ".join(messages_of(response))

    client.force_login(secretariat_user)
    html = page(client.get(record.get_absolute_url()))
    assert f"{base}/validate/" in html and f"{base}/return/" in html
    response = client.post(f"{base}/return/", {"reason": " "}, follow=True)
    assert "Say why" in " ".join(messages_of(response))
    client.post(f"{base}/return/", {"reason": "Give the sources."})
    record.refresh_from_db()
    assert record.status == WorkflowStatus.RETURNED

    client.force_login(fra_user)
    assert "Give the sources." in page(client.get(record.get_absolute_url()))
    client.post(f"{base}/submit/")
    client.force_login(secretariat_user)
    client.post(f"{base}/validate/")
    assert f"{base}/publish/" in page(client.get(record.get_absolute_url()))
    response = client.post(f"{base}/publish/", {"next": "https://evil.example/"})
    assert response["Location"] == record.get_absolute_url()
    record.refresh_from_db()
    assert record.status == WorkflowStatus.PUBLISHED and record.published_at
    response = client.post(f"{base}/publish/", follow=True)
    assert "Cannot publish" in " ".join(messages_of(response))
    assert client.get(f"{base}/edit/").status_code == 403  # published: nobody edits it
    assert client.post(f"{base}/delete/").status_code == 404


# --- the secretariat's registers -------------------------------------------------------------


def test_the_secretariat_revises_a_standard_and_adoptions_keep_their_version(
    client, fra, secretariat_user
):
    first = standard(1)
    adoption = published(EcommerceAdoptionFactory, member=fra, standard=first)
    client.force_login(secretariat_user)
    assert f"/facilitation/standards/{first.pk}/revise/" in page(
        client.get(first.get_absolute_url())
    )
    response = client.post(
        f"/facilitation/standards/{first.pk}/revise/",
        {"revised_on": "2025-06-30", "title": "Legal framework for advance data"},
        follow=True,
    )
    first.refresh_from_db()
    assert first.version == 2 and first.revised_on == date(2025, 6, 30)
    assert (
        first.title == "Legal framework for advance data" and first.updated_by == secretariat_user
    )
    assert "version 2" in " ".join(messages_of(response))
    adoption.refresh_from_db()
    assert adoption.version == 1 and not adoption.is_current
    response = client.get("/facilitation/adoptions/?behind=true")
    assert list(response.context["object_list"]) == [adoption]
    assert "older than 2" in page(response)

    # A revision dated before the last one is refused: a form error, nothing changes.
    response = client.post(
        f"/facilitation/standards/{first.pk}/revise/", {"revised_on": "2025-01-01"}
    )
    assert "revised_on" in response.context["form"].errors
    assert "Version 2 dates from 30 June 2025" in page(response)
    first.refresh_from_db()
    assert first.version == 2 and first.revised_on == date(2025, 6, 30)
    response = client.post(f"/facilitation/standards/{first.pk}/revise/", {"revised_on": "x"})
    assert "revised_on" in response.context["form"].errors
    assert client.get("/facilitation/standards/99999/revise/").status_code == 404


def test_the_secretariat_records_standards_and_joint_activities(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        "/facilitation/standards/new/",
        {"number": 17, "principle": "Innovation", "title": "Green e-commerce", "since": 2025},
    )
    created = EcommerceStandard.objects.get(number=17)
    assert response.status_code == 302 and created.version == 1
    response = client.post(
        f"/facilitation/standards/{created.pk}/edit/",
        {"number": 1, "principle": "Innovation", "title": "Green e-commerce", "since": 2025},
    )
    assert "number" in response.context["form"].errors  # the number is taken

    response = client.post(
        "/facilitation/activities/new/",
        {
            "held_on": "2026-03-10",
            "partner": "WTO Committee on Trade Facilitation",
            "kind": "meeting",
            "title": "Joint session on the TFA",
        },
    )
    activity = JointActivity.objects.get(title="Joint session on the TFA")
    assert response.status_code == 302 and activity.commitment.code == "TF-2"
    assert activity.created_by == secretariat_user
    response = client.post(
        f"/facilitation/activities/{activity.pk}/edit/",
        {"held_on": "not a day", "partner": "WTO", "kind": "meeting", "title": "x"},
    )
    assert "held_on" in response.context["form"].errors


@pytest.mark.parametrize(
    "path", ["/facilitation/implementation/?at=9999-12-31", "/facilitation/matrix/?at=0001-01-01"]
)
def test_a_day_beyond_reason_is_a_form_error_not_a_500(client, secretariat_user, path):
    client.force_login(secretariat_user)
    response = client.get(path)
    assert response.status_code == 200
    assert "Give a date between 01 January 1900 and 31 December 2100." in response.content.decode()
