"""The reporting cycle: what is due from whom and where it stands (obligations), how complete
members' reporting is, the review inbox, period locks, not-applicable answers and extensions,
and the data-quality rules."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import cycle
from core.choices import ObligationState, WorkflowStatus
from core.models import DueDateExtension, Measurement, NotApplicableAnswer, PeriodLock, QualityFlag
from core.tests.factories import (
    ManualIndicatorFactory,
    MeasurementFactory,
    MemberFactory,
    NotApplicableAnswerFactory,
)
from security.models import AEOOperatorCount
from security.tests.factories import AEOOperatorCountFactory, AEOProgrammeFactory

pytestmark = pytest.mark.django_db

AEO = "security/aeo-programmes"
COUNTS = "security/aeo-operator-counts"
MEASUREMENTS = "core/measurements"
TODAY = date(2026, 12, 4)


def owed(member, register, today=TODAY):
    return [
        o
        for o in cycle.obligations(today=today, register_paths=[register])
        if o.member.pk == member.pk
    ]


# --- obligations ------------------------------------------------------------------------------


def test_a_register_reported_once_is_owed_once_by_each_member(fra, deu):
    rows = cycle.obligations(today=TODAY, register_paths=[AEO])
    assert sorted(o.member.code for o in rows) == ["DEU", "FRA"]
    first = rows[0]
    assert first.period_start is None and first.period_end is None
    assert first.due_on == date(2022, 1, 1) + timedelta(days=60)
    assert first.state == ObligationState.OVERDUE and first.record is None


def test_an_annual_register_is_owed_once_a_year_from_the_cycles_start(fra):
    rows = owed(fra, COUNTS)
    assert [o.period_start.year for o in rows] == [2022, 2023, 2024, 2025, 2026]
    assert rows[-1].due_on == date(2027, 3, 1) and rows[-1].state == ObligationState.OPEN
    assert rows[0].due_on == date(2023, 3, 1) and rows[0].state == ObligationState.OVERDUE


def test_a_member_is_expected_from_the_period_it_joined_in(fra):
    newcomer = MemberFactory(joined_on=date(2025, 7, 14))
    assert [o.period_start.year for o in owed(newcomer, COUNTS)] == [2025, 2026]
    assert owed(newcomer, AEO)[0].due_on == date(2025, 7, 14) + timedelta(days=60)


def test_measurements_are_owed_per_indicator_at_its_frequency(fra):
    indicator = ManualIndicatorFactory()
    rows = [o for o in owed(fra, MEASUREMENTS) if o.subject == indicator.code]
    assert len(rows) == 20  # the quarters of 2022 to 2026
    assert rows[0].indicator == indicator.code
    assert (rows[0].period_start, rows[0].period_end) == (date(2022, 1, 1), date(2022, 3, 31))


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (WorkflowStatus.DRAFT, ObligationState.OVERDUE),
        (WorkflowStatus.SUBMITTED, ObligationState.SUBMITTED),
        (WorkflowStatus.VALIDATED, ObligationState.SUBMITTED),
        (WorkflowStatus.RETURNED, ObligationState.RETURNED),
        (WorkflowStatus.PUBLISHED, ObligationState.DONE),
    ],
)
def test_an_obligations_state_follows_its_newest_record(fra, status, state):
    record = AEOOperatorCountFactory(member=fra, year=2023, status=status)
    row = next(o for o in owed(fra, COUNTS) if o.period_start.year == 2023)
    assert row.state == state and row.record == record.pk


def test_a_not_applicable_answer_counts_once_the_secretariat_accepts_it(fra, deu):
    answer = NotApplicableAnswerFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    assert owed(fra, AEO)[0].state == ObligationState.SUBMITTED
    answer.status = WorkflowStatus.VALIDATED
    answer.save()
    assert owed(fra, AEO)[0].state == ObligationState.NOT_APPLICABLE
    # France owes no AEO programme any more: only Germany's is expected.
    summary = cycle.completeness(cycle.obligations(today=TODAY, register_paths=[AEO]))
    assert summary["registers"][0]["expected"] == 1
    assert [r["member"] for r in summary["members"]] == ["DEU"]


def test_an_extension_moves_the_due_date(fra, secretariat_user):
    extension = DueDateExtension(
        member=fra, register=AEO, due_on=date(2027, 1, 31), reason="A new law."
    )
    extension.full_clean()
    extension.save()
    row = owed(fra, AEO)[0]
    assert row.due_on == date(2027, 1, 31) and row.extended
    assert row.state == ObligationState.OPEN


def test_an_answer_must_name_an_obligation_the_cycle_expects(fra):
    def errors(**fields):
        answer = NotApplicableAnswer(member=fra, reason="Not ours.", **fields)
        with pytest.raises(Exception) as refused:
            answer.full_clean()
        return refused.value.message_dict

    assert "register" in errors(register="security/nothing")
    assert "register" in errors(register="security/mutual-recognitions")
    assert "period_start" in errors(register=COUNTS)
    assert "period_start" in errors(register=COUNTS, period_start=date(2024, 3, 1))
    assert "period_start" in errors(register=AEO, period_start=date(2024, 1, 1))


def test_obligations_cost_a_fixed_number_of_queries_whatever_the_members(
    django_assert_max_num_queries,
):
    for _ in range(3):
        AEOProgrammeFactory(member=MemberFactory())
    with CaptureQueriesContext(connection) as few:
        cycle.obligations(today=TODAY)
    for _ in range(30):
        member = MemberFactory()
        AEOProgrammeFactory(member=member)
        AEOOperatorCountFactory(member=member, year=2024)
    with django_assert_max_num_queries(len(few)):
        found = cycle.obligations(today=TODAY)
    assert len({o.member.pk for o in found}) >= 33


# --- the API: obligations and completeness -----------------------------------------------------


def test_a_member_reads_what_its_administration_owes(api, fra_user, fra, deu):
    rows = api(fra_user).get(f"/api/v1/core/obligations/?register={AEO}").json()["results"]
    assert [r["member"] for r in rows] == ["FRA"]
    row = rows[0]
    assert set(row) >= {
        "register",
        "indicator",
        "member",
        "period_start",
        "period_end",
        "due_on",
        "state",
        "record",
        "locked",
    }
    assert row["register"] == AEO and row["state"] == "overdue" and row["locked"] is False


@pytest.mark.parametrize(
    ("who", "query", "expected"),
    [
        ("owner", "", 200),
        ("owner", "?member=DEU", 403),
        ("secretariat", "?member=DEU", 200),
        ("council", "", 403),
        ("anonymous", "", 401),
        ("secretariat", "?state=late", 400),
        ("secretariat", "?register=nothing", 400),
        ("secretariat", "?due_before=soon", 400),
    ],
)
def test_who_reads_obligations(api, users, fra, deu, who, query, expected):
    assert api(users[who]).get(f"/api/v1/core/obligations/{query}").status_code == expected


def test_obligations_filter_by_state_and_due_date(api, secretariat_user, fra, deu):
    AEOProgrammeFactory(member=fra, status=WorkflowStatus.PUBLISHED)
    client = api(secretariat_user)
    rows = client.get(f"/api/v1/core/obligations/?register={AEO}&state=done").json()["results"]
    assert [r["member"] for r in rows] == ["FRA"]
    rows = client.get(f"/api/v1/core/obligations/?register={COUNTS}&due_after=2027-01-01").json()[
        "results"
    ]
    assert {r["period_start"] for r in rows} == {"2026-01-01"}


@pytest.mark.parametrize(
    ("who", "expected"),
    [("secretariat", 200), ("council", 200), ("owner", 403), ("anonymous", 401)],
)
def test_who_reads_completeness(api, users, who, expected):
    assert api(users[who]).get("/api/v1/core/completeness/").status_code == expected


def test_completeness_counts_what_is_published_against_what_is_owed(
    api, secretariat_user, fra, deu
):
    AEOProgrammeFactory(member=fra, status=WorkflowStatus.PUBLISHED)
    AEOProgrammeFactory(member=deu, status=WorkflowStatus.SUBMITTED)
    body = api(secretariat_user).get(f"/api/v1/core/completeness/?register={AEO}").json()
    assert body["registers"] == [
        {"register": AEO, "expected": 2, "submitted": 1, "done": 1, "rate": 0.5}
    ]
    assert {m["member"]: m["rate"] for m in body["members"]} == {"DEU": 0.0, "FRA": 1.0}
    assert body["overall"] == 0.5


# --- the review inbox -------------------------------------------------------------------------


def awaiting(fra, deu):
    return [
        MeasurementFactory(member=fra, status=WorkflowStatus.SUBMITTED),
        AEOProgrammeFactory(member=deu, status=WorkflowStatus.VALIDATED),
        AEOOperatorCountFactory(member=fra, status=WorkflowStatus.SUBMITTED),
    ]


def test_the_inbox_holds_every_register_awaiting_review(api, secretariat_user, fra, deu):
    awaiting(fra, deu)
    AEOOperatorCountFactory(member=deu, year=2023)  # a draft: not the secretariat's yet
    client = api(secretariat_user)
    rows = client.get("/api/v1/core/inbox/").json()["results"]
    assert sorted(r["register"] for r in rows) == sorted([MEASUREMENTS, COUNTS, AEO])
    assert set(rows[0]) >= {"register", "id", "member", "title", "status", "submitted_at", "flags"}
    assert [
        r["member"] for r in client.get("/api/v1/core/inbox/?member=DEU").json()["results"]
    ] == ["DEU"]
    only = client.get("/api/v1/core/inbox/?area=security&status=submitted").json()["results"]
    assert [r["register"] for r in only] == [COUNTS]
    assert client.get("/api/v1/core/inbox/?status=draft").status_code == 400


@pytest.mark.parametrize("who", ["owner", "council"])
def test_only_the_secretariat_has_an_inbox(api, users, who):
    assert api(users[who]).get("/api/v1/core/inbox/").status_code == 403
    response = api(users[who]).post(
        "/api/v1/core/inbox/transition/",
        {"action": "validate", "items": [{"register": AEO, "id": 1}]},
        format="json",
    )
    assert response.status_code == 403


def test_a_bulk_action_is_taken_on_all_or_none(api, secretariat_user, fra, deu):
    measurement, programme, count = awaiting(fra, deu)
    client = api(secretariat_user)
    items = [
        {"register": MEASUREMENTS, "id": measurement.pk},
        {"register": AEO, "id": programme.pk},  # validated: cannot be validated again
        {"register": COUNTS, "id": count.pk},
    ]
    response = client.post(
        "/api/v1/core/inbox/transition/", {"action": "validate", "items": items}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["item"] == {"register": AEO, "id": programme.pk}
    measurement.refresh_from_db()
    assert measurement.status == WorkflowStatus.SUBMITTED  # nothing changed
    del items[1]
    response = client.post(
        "/api/v1/core/inbox/transition/", {"action": "validate", "items": items}, format="json"
    )
    assert response.json() == {"done": 2}
    measurement.refresh_from_db()
    assert measurement.status == WorkflowStatus.VALIDATED


def test_returning_from_the_inbox_needs_a_reason(api, secretariat_user, fra, deu):
    measurement, _, _ = awaiting(fra, deu)
    client = api(secretariat_user)
    item = [{"register": MEASUREMENTS, "id": measurement.pk}]
    response = client.post(
        "/api/v1/core/inbox/transition/", {"action": "return", "items": item}, format="json"
    )
    assert response.status_code == 400 and "reason" in response.json()
    response = client.post(
        "/api/v1/core/inbox/transition/",
        {"action": "return", "reason": "Check the unit.", "items": item},
        format="json",
    )
    assert response.status_code == 200
    measurement.refresh_from_db()
    assert measurement.status == WorkflowStatus.RETURNED
    assert measurement.returned_reason == "Check the unit."


def test_the_inbox_costs_a_fixed_number_of_queries(
    api, secretariat_user, django_assert_max_num_queries
):
    def add(rows):
        for _ in range(rows):
            member = MemberFactory()
            MeasurementFactory(member=member, status=WorkflowStatus.SUBMITTED)
            AEOProgrammeFactory(member=member, status=WorkflowStatus.VALIDATED)

    client = api(secretariat_user)
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/core/inbox/")
    add(20)
    with django_assert_max_num_queries(len(few)):
        assert client.get("/api/v1/core/inbox/").json()["count"] == 44


def test_the_secretariat_acts_on_many_records_from_the_inbox_page(
    client, secretariat_user, fra, deu
):
    measurement, _, count = awaiting(fra, deu)
    client.force_login(secretariat_user)
    page = client.get("/review/").content.decode()
    assert f'value="{MEASUREMENTS}:{measurement.pk}"' in page
    client.post(
        "/review/",
        {
            "action": "validate",
            "item": [f"{MEASUREMENTS}:{measurement.pk}", f"{COUNTS}:{count.pk}"],
        },
    )
    measurement.refresh_from_db()
    count.refresh_from_db()
    assert measurement.status == count.status == WorkflowStatus.VALIDATED


# --- period locks -----------------------------------------------------------------------------


def lock_2024(api, secretariat_user, **extra):
    return api(secretariat_user).post(
        "/api/v1/core/period-locks/",
        {
            "register": None,
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "reason": "The 2024 accounts are closed.",
            **extra,
        },
        format="json",
    )


def test_a_lock_is_refused_while_records_of_the_period_await_review(api, secretariat_user, fra):
    AEOOperatorCountFactory(member=fra, year=2024, status=WorkflowStatus.SUBMITTED)
    response = lock_2024(api, secretariat_user)
    assert response.status_code == 409
    assert "await review" in response.json()["detail"]
    assert lock_2024(api, secretariat_user, force=True).status_code == 201


@pytest.mark.parametrize(
    ("who", "expected"), [("owner", 403), ("council", 403), ("anonymous", 401)]
)
def test_only_the_secretariat_locks_and_everyone_signed_in_reads_locks(
    api, users, secretariat_user, who, expected
):
    assert lock_2024(api, users[who]).status_code == expected
    lock_2024(api, secretariat_user)
    listed = api(users[who]).get("/api/v1/core/period-locks/")
    assert listed.status_code == (401 if who == "anonymous" else 200)


def test_every_write_into_a_locked_period_is_a_409(api, fra_user, secretariat_user, fra):
    draft = AEOOperatorCountFactory(member=fra, year=2024)
    other_year = AEOOperatorCountFactory(member=fra, year=2025)
    assert lock_2024(api, secretariat_user).status_code == 201
    owner = api(fra_user)
    url = f"/api/v1/{COUNTS}/"
    changed = owner.patch(f"{url}{draft.pk}/", {"certified_operators": 5}, format="json")
    assert changed.status_code == 409 and "locked" in changed.json()["detail"]
    assert owner.post(f"{url}{draft.pk}/submit/").status_code == 409
    assert owner.delete(f"{url}{draft.pk}/").status_code == 409
    # Moving a record into the locked period is refused too, and creating one in it.
    AEOOperatorCount.objects.filter(pk=draft.pk).update(year=2023)  # out of the way
    moved = owner.patch(f"{url}{other_year.pk}/", {"year": 2024}, format="json")
    assert moved.status_code == 409
    created = owner.post(url, {"year": 2024, "certified_operators": 3}, format="json")
    assert created.status_code == 409
    csv = "member,year,certified_operators,note\nFRA,2024,7,\n"
    imported = owner.generic("POST", f"{url}import/", csv, "text/csv")
    assert imported.status_code == 409
    # The secretariat is bound by the lock as well.
    admin = api(secretariat_user)
    assert admin.patch(f"{url}{other_year.pk}/", {"year": 2024}, format="json").status_code == 409
    assert not AEOOperatorCount.objects.filter(year=2024).exists()


def test_an_unlock_says_why_and_reopens_the_period(api, fra_user, secretariat_user, fra):
    draft = AEOOperatorCountFactory(member=fra, year=2024)
    lock = lock_2024(api, secretariat_user).json()
    admin = api(secretariat_user)
    assert admin.post(f"/api/v1/core/period-locks/{lock['id']}/unlock/", {}).status_code == 400
    response = admin.post(
        f"/api/v1/core/period-locks/{lock['id']}/unlock/", {"reason": "A late correction."}
    )
    assert response.status_code == 200 and response.json()["unlock_reason"] == "A late correction."
    assert api(fra_user).post(f"/api/v1/{COUNTS}/{draft.pk}/submit/").status_code == 200
    history = PeriodLock.history.filter(id=lock["id"]).count()
    assert history == 2  # locked, then unlocked


def test_a_locked_periods_form_is_refused_with_a_message(
    client, fra, fra_user, api, secretariat_user
):
    draft = AEOOperatorCountFactory(member=fra, year=2024)
    lock_2024(api, secretariat_user)
    client.force_login(fra_user)
    response = client.post(
        f"/security/aeo-operators/{draft.pk}/edit/",
        {"year": 2024, "certified_operators": 9, "note": ""},
    )
    assert response.status_code == 200
    assert "locked" in " ".join(response.context["form"].non_field_errors())
    response = client.post(f"/security/aeo-operators/{draft.pk}/submit/", follow=True)
    assert "locked" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == WorkflowStatus.DRAFT


def test_obligations_say_which_periods_are_locked(api, fra_user, secretariat_user, fra):
    lock_2024(api, secretariat_user)
    rows = api(fra_user).get(f"/api/v1/core/obligations/?register={COUNTS}").json()["results"]
    assert {r["period_start"][:4]: r["locked"] for r in rows} == {
        "2022": False,
        "2023": False,
        "2024": True,
        "2025": False,
        "2026": False,
    }


# --- data quality -----------------------------------------------------------------------------


def test_a_percentage_out_of_range_is_refused(api, fra_user):
    indicator = ManualIndicatorFactory()
    response = api(fra_user).post(
        f"/api/v1/{MEASUREMENTS}/",
        {
            "indicator": indicator.code,
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "value": "5000",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "from 0 to 100" in response.json()["value"][0]


def test_a_period_must_match_the_indicators_frequency(api, fra_user):
    indicator = ManualIndicatorFactory()
    response = api(fra_user).post(
        f"/api/v1/{MEASUREMENTS}/",
        {
            "indicator": indicator.code,
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "value": "50",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "quarterly" in response.json()["period_start"][0]


def test_dates_before_1900_are_refused(api, fra_user):
    indicator = ManualIndicatorFactory()
    response = api(fra_user).post(
        f"/api/v1/{MEASUREMENTS}/",
        {
            "indicator": indicator.code,
            "period_start": "1880-01-01",
            "period_end": "1880-03-31",
            "value": "50",
        },
        format="json",
    )
    assert response.status_code == 400 and "period_start" in response.json()


def test_a_value_far_from_the_members_history_is_accepted_but_flagged(
    api, fra_user, secretariat_user, fra
):
    indicator = ManualIndicatorFactory()
    for year, value in ((2021, 40), (2022, 42), (2023, 41), (2024, 43)):
        MeasurementFactory(
            indicator=indicator,
            member=fra,
            period_start=date(year, 1, 1),
            value=value,
            status=WorkflowStatus.PUBLISHED,
        )
    response = api(fra_user).post(
        f"/api/v1/{MEASUREMENTS}/",
        {
            "indicator": indicator.code,
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "value": "99",
        },
        format="json",
    )
    assert response.status_code == 201
    record = Measurement.objects.get(pk=response.json()["id"])
    flag = QualityFlag.objects.get(record_id=record.pk)
    assert flag.kind == "outlier" and "median is 41.50" in flag.reason
    api(fra_user).post(f"/api/v1/{MEASUREMENTS}/{record.pk}/submit/")
    rows = api(secretariat_user).get("/api/v1/core/inbox/?flagged=true").json()["results"]
    assert [(r["id"], r["flags"][0]["kind"]) for r in rows] == [(record.pk, "outlier")]
    # Corrected, the doubt goes.
    api(secretariat_user).patch(
        f"/api/v1/{MEASUREMENTS}/{record.pk}/", {"value": "44"}, format="json"
    )
    assert not QualityFlag.objects.filter(record_id=record.pk).exists()
    assert (
        Decimal(api(secretariat_user).get(f"/api/v1/{MEASUREMENTS}/{record.pk}/").json()["value"])
        == 44
    )
