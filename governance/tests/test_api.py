"""The governance API: the contract's fields, the rules as 400/409 errors, a mandate's renewal
and a decision's publication, who reads the public registers and the decisions, who reads a
response beyond what every register is tested for, bulk creation, CSV imports and the figures.

What every register's API does (who reads and changes a member's record, the workflow, the CSV
round trip, lists at a fixed number of queries) is tested for each in core/tests/test_registers.py
(docs/development/testing.md)."""

from datetime import date, timedelta

import pytest

from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import MemberFactory
from core.tests.helpers import csv_of
from governance.choices import Presence
from governance.models import Attendance, ConsultationResponse, Decision, Mandate
from governance.tests.factories import (
    AttendanceFactory,
    BodyFactory,
    ConsultationFactory,
    ConsultationResponseFactory,
    DecisionDocumentFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/governance"


# --- the contract's fields ------------------------------------------------------------------


def test_positions_carry_the_contracts_fields(api):
    response = api().get(f"{API}/positions/?body=secretariat")
    assert response.status_code == 200
    titles = {p["title"] for p in response.json()["results"]}
    assert "Secretary General" in titles
    position = response.json()["results"][0]
    assert set(position) >= {"id", "title", "body", "term_years", "max_terms"}
    assert position["body"] == "secretariat"


def test_mandates_carry_the_contracts_fields(api, fra):
    mandate = MandateFactory(member=fra, holder="A. Holder")
    data = api().get(f"{API}/mandates/{mandate.pk}/").json()
    assert data["position"] == mandate.position_id
    assert data["holder"] == "A. Holder"
    assert data["member"] == "FRA"
    assert (data["start"], data["end"], data["term_number"]) == ("2023-01-01", "2027-12-31", 1)


def test_decisions_carry_the_contracts_fields(api):
    decision = DecisionFactory(
        reference="SC0123",
        votes_for=100,
        votes_against=3,
        votes_abstain=2,
        outcome="adopted",
        published_at=None,
    )
    decision.publish(by=None)
    data = api().get(f"{API}/decisions/{decision.pk}/").json()
    assert data["reference"] == "SC0123"
    assert data["body"] == decision.body.code
    assert (data["votes_for"], data["votes_against"], data["votes_abstain"]) == (100, 3, 2)
    assert (data["outcome"], data["decided_on"]) == ("adopted", "2026-06-25")


# --- mandates: the rules through the API ----------------------------------------------------


def new_mandate(position, **overrides):
    body = {
        "position": position.pk,
        "holder": "A. Holder",
        "member": "FRA",
        "start": "2023-01-01",
        "end": "2027-12-31",
    }
    body.update(overrides)
    return body


def test_the_secretariat_records_a_mandate(api, secretariat_user, fra):
    position = PositionFactory()
    response = api(secretariat_user).post(f"{API}/mandates/", new_mandate(position), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["term_number"] == 1
    assert Mandate.objects.get().created_by == secretariat_user


def test_a_term_too_long_is_a_400_naming_the_field(api, secretariat_user, fra):
    position = PositionFactory()
    response = api(secretariat_user).post(
        f"{API}/mandates/", new_mandate(position, end="2028-06-30"), format="json"
    )
    assert response.status_code == 400
    assert "at most 5 years" in response.json()["end"][0]
    assert not Mandate.objects.exists()


def test_an_end_before_the_start_is_a_400(api, secretariat_user, fra):
    position = PositionFactory()
    response = api(secretariat_user).post(
        f"{API}/mandates/", new_mandate(position, end="2022-01-01"), format="json"
    )
    assert response.status_code == 400
    assert "end" in response.json()


def test_an_overlapping_mandate_is_a_400(api, secretariat_user, fra):
    first = MandateFactory()
    response = api(secretariat_user).post(
        f"{API}/mandates/",
        new_mandate(first.position, holder="Someone Else", start="2025-01-01", end="2026-12-31"),
        format="json",
    )
    assert response.status_code == 400
    assert "cannot overlap" in response.json()["start"][0]


def test_a_third_consecutive_term_is_a_400(api, secretariat_user, fra):
    first = MandateFactory(holder="A. Holder")
    first.renew(by=None)
    response = api(secretariat_user).post(
        f"{API}/mandates/",
        new_mandate(first.position, start="2033-01-01", end="2037-12-31"),
        format="json",
    )
    assert response.status_code == 400
    assert "third consecutive term" in response.json()["holder"][0]


def test_renewal_creates_the_next_term(api, secretariat_user):
    first = MandateFactory()
    response = api(secretariat_user).post(f"{API}/mandates/{first.pk}/renew/")
    assert response.status_code == 201
    data = response.json()
    assert (data["start"], data["end"], data["term_number"], data["previous"]) == (
        "2028-01-01",
        "2032-12-31",
        2,
        first.pk,
    )


def test_renewal_beyond_the_limit_is_a_400_that_says_why(api, secretariat_user):
    second = MandateFactory().renew(by=None)
    response = api(secretariat_user).post(f"{API}/mandates/{second.pk}/renew/")
    assert response.status_code == 400
    assert "cannot be renewed" in response.json()["term_number"][0]
    assert Mandate.objects.count() == 2


def test_renewing_twice_is_a_409(api, secretariat_user):
    first = MandateFactory()
    first.renew(by=None)
    response = api(secretariat_user).post(f"{API}/mandates/{first.pk}/renew/")
    assert response.status_code == 409


@pytest.mark.parametrize("who", ["owner", "other", "council", "anonymous"])
def test_only_the_secretariat_renews(api, users, who):
    first = MandateFactory()
    response = api(users[who]).post(f"{API}/mandates/{first.pk}/renew/")
    assert response.status_code == (401 if who == "anonymous" else 403)
    assert Mandate.objects.count() == 1


def test_mandates_ending_within_180_days(api):
    today = date.today()
    soon = MandateFactory(start=today - timedelta(days=1000), end=today + timedelta(days=100))
    MandateFactory(start=today - timedelta(days=100), end=today + timedelta(days=1000))
    MandateFactory(start=today - timedelta(days=2000), end=today - timedelta(days=10))
    response = api().get(f"{API}/mandates/?ending_within=180")
    assert [m["id"] for m in response.json()["results"]] == [soon.pk]


def test_a_bad_filter_value_is_a_400_not_a_500(api):
    response = api().get(f"{API}/mandates/?ending_within=soon")
    assert response.status_code == 400
    assert "ending_within" in response.json()


# --- the permission matrix ------------------------------------------------------------------

SECRETARIAT_REGISTERS = {
    "bodies": lambda: BodyFactory(),
    "positions": lambda: PositionFactory(),
    "mandates": lambda: MandateFactory(),
    "meetings": lambda: MeetingFactory(),
    "attendances": lambda: AttendanceFactory(),
    "consultations": lambda: ConsultationFactory(),
}


@pytest.mark.parametrize("register", sorted(SECRETARIAT_REGISTERS))
@pytest.mark.parametrize("who", ["owner", "other", "secretariat", "council", "anonymous"])
def test_everyone_reads_the_public_registers(api, users, register, who):
    record = SECRETARIAT_REGISTERS[register]()
    assert api(users[who]).get(f"{API}/{register}/").status_code == 200
    assert api(users[who]).get(f"{API}/{register}/{record.pk}/").status_code == 200


# Stricter than core's test for every register, which accepts a 404 for a record out of sight:
# these registers are public, so a change by anyone but the secretariat is refused with a 403.
@pytest.mark.parametrize("register", sorted(SECRETARIAT_REGISTERS))
@pytest.mark.parametrize("who", ["owner", "other", "council", "anonymous"])
def test_only_the_secretariat_changes_the_public_registers(api, users, register, who):
    record = SECRETARIAT_REGISTERS[register]()
    client = api(users[who])
    expected = 401 if who == "anonymous" else 403
    assert client.post(f"{API}/{register}/", {}, format="json").status_code == expected
    assert client.patch(f"{API}/{register}/{record.pk}/", {}, format="json").status_code == expected
    assert client.delete(f"{API}/{register}/{record.pk}/").status_code == expected
    assert type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("who", ["owner", "other", "council", "anonymous"])
def test_an_unpublished_decision_is_404_to_all_but_the_secretariat(api, users, who):
    decision = DecisionFactory(published_at=None)
    document = DecisionDocumentFactory(decision=decision)
    client = api(users[who])
    assert client.get(f"{API}/decisions/{decision.pk}/").status_code == 404
    assert client.get(f"{API}/decisions/").json()["count"] == 0
    assert client.get(f"{API}/decision-documents/{document.pk}/").status_code == 404
    assert client.get(f"{API}/decisions/{decision.pk}/history/").status_code == 404


@pytest.mark.parametrize("who", ["owner", "other", "secretariat", "council", "anonymous"])
def test_a_published_decision_and_its_documents_are_read_by_all(api, users, who):
    decision = DecisionFactory(published_at=None)
    DecisionDocumentFactory(decision=decision, title="Minutes of the session")
    decision.publish(by=None)
    data = api(users[who]).get(f"{API}/decisions/{decision.pk}/").json()
    assert data["is_published"] is True
    assert data["documents"][0]["title"] == "Minutes of the session"


def test_the_secretariat_publishes_a_decision_once(api, secretariat_user):
    decision = DecisionFactory(published_at=None)
    client = api(secretariat_user)
    assert client.post(f"{API}/decisions/{decision.pk}/publish/").status_code == 200
    assert Decision.objects.get().is_published
    assert client.post(f"{API}/decisions/{decision.pk}/publish/").status_code == 409


@pytest.mark.parametrize("who", ["owner", "council"])
def test_others_cannot_publish_a_decision(api, users, who):
    decision = DecisionFactory(published_at=None)
    assert api(users[who]).post(f"{API}/decisions/{decision.pk}/publish/").status_code == 403
    assert not Decision.objects.get().is_published


def test_votes_beyond_the_members_present_are_a_400(api, secretariat_user):
    meeting = MeetingFactory()
    for _ in range(3):
        AttendanceFactory(meeting=meeting)
    response = api(secretariat_user).post(
        f"{API}/decisions/",
        {
            "body": meeting.body.code,
            "meeting": meeting.pk,
            "reference": "SC0001",
            "title": "Adoption of the budget",
            "decided_on": str(meeting.held_on),
            "votes_for": 3,
            "votes_against": 1,
            "outcome": "adopted",
            "commitments": ["GOV-2"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "4 votes were cast but 3 members were present" in response.json()["votes_for"][0]


def test_a_decision_names_the_commitments_it_serves(api, secretariat_user):
    body = BodyFactory()
    response = api(secretariat_user).post(
        f"{API}/decisions/",
        {
            "body": body.code,
            "reference": "SC0002",
            "title": "Term limits for elected positions",
            "decided_on": "2022-06-25",
            "outcome": "adopted",
            "commitments": ["GOV-1", "GOV-2"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["commitments"] == ["GOV-1", "GOV-2"]
    response = api(secretariat_user).post(
        f"{API}/decisions/",
        {
            "body": body.code,
            "reference": "SC0003",
            "title": "x",
            "decided_on": "2022-06-25",
            "commitments": ["NOPE-9"],
        },
        format="json",
    )
    assert response.status_code == 400 and "commitments" in response.json()


# --- consultation responses: what a member reports -----------------------------------------


def new_response(consultation, **overrides):
    body = {
        "consultation": consultation.reference,
        "responded_on": "2026-04-15",
        "summary": "France supports the draft with two amendments.",
    }
    body.update(overrides)
    return body


def test_a_member_responds_for_itself_without_naming_itself(api, fra_user, fra):
    consultation = ConsultationFactory()
    response = api(fra_user).post(
        f"{API}/consultation-responses/", new_response(consultation), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["member"] == "FRA"
    assert response.json()["status"] == WorkflowStatus.DRAFT


def test_a_member_cannot_respond_for_another_member(api, fra_user, deu):
    consultation = ConsultationFactory()
    response = api(fra_user).post(
        f"{API}/consultation-responses/", new_response(consultation, member="DEU"), format="json"
    )
    assert response.status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_a_response_after_the_consultation_closed_is_a_400(api, fra_user, fra):
    consultation = ConsultationFactory()
    response = api(fra_user).post(
        f"{API}/consultation-responses/",
        new_response(consultation, responded_on="2026-06-15"),
        format="json",
    )
    assert response.status_code == 400
    assert "responded_on" in response.json()


def test_a_second_response_to_one_consultation_is_a_400(api, fra_user, fra):
    consultation = ConsultationFactory()
    ConsultationResponseFactory(consultation=consultation, member=fra)
    response = api(fra_user).post(
        f"{API}/consultation-responses/", new_response(consultation), format="json"
    )
    assert response.status_code == 400
    assert "consultation" in response.json()


# The cases core/tests/test_registers.py does not read for every register: a confidential
# response, a draft marked public, a submitted one, a published one for members only.
@pytest.mark.parametrize(
    ("who", "status", "confidentiality", "expected"),
    [
        ("owner", WorkflowStatus.DRAFT, Confidentiality.CONFIDENTIAL, 200),
        ("other", WorkflowStatus.DRAFT, Confidentiality.PUBLIC, 404),
        ("other", WorkflowStatus.PUBLISHED, Confidentiality.CONFIDENTIAL, 404),
        ("council", WorkflowStatus.SUBMITTED, Confidentiality.MEMBERS, 404),
        ("anonymous", WorkflowStatus.PUBLISHED, Confidentiality.MEMBERS, 404),
        ("secretariat", WorkflowStatus.DRAFT, Confidentiality.RESTRICTED, 200),
    ],
)
def test_who_reads_a_response(api, users, fra, who, status, confidentiality, expected):
    record = ConsultationResponseFactory(member=fra, status=status, confidentiality=confidentiality)
    client = api(users[who])
    assert client.get(f"{API}/consultation-responses/{record.pk}/").status_code == expected
    listed = client.get(f"{API}/consultation-responses/").json()["count"]
    assert listed == (1 if expected == 200 else 0)
    exported = client.get(f"{API}/consultation-responses/export/")
    assert (record.summary in b"".join(exported.streaming_content).decode()) == (expected == 200)


# --- bulk: all or none ----------------------------------------------------------------------


def test_the_secretariat_records_a_meetings_roll_all_or_none(api, secretariat_user):
    meeting = MeetingFactory()
    members = [MemberFactory() for _ in range(3)]
    roll = [{"meeting": meeting.pk, "member": m.code, "presence": "in_person"} for m in members]
    client = api(secretariat_user)
    assert client.post(f"{API}/attendances/", roll, format="json").status_code == 201
    assert Attendance.objects.count() == 3
    other = MeetingFactory()
    bad = [
        {"meeting": other.pk, "member": members[0].code, "presence": "remote"},
        {"meeting": other.pk, "member": members[1].code, "presence": "sleeping"},
    ]
    response = client.post(f"{API}/attendances/", bad, format="json")
    assert response.status_code == 400, response.json()
    # Errors are keyed by the position of the rows that are wrong.
    assert "presence" in response.json()["1"]
    assert Attendance.objects.filter(meeting=other).count() == 0


def test_a_member_submits_several_responses_at_once(api, fra_user, fra):
    first, second = ConsultationFactory(), ConsultationFactory()
    response = api(fra_user).post(
        f"{API}/consultation-responses/",
        [new_response(first), new_response(second)],
        format="json",
    )
    assert response.status_code == 201
    assert ConsultationResponse.objects.filter(member=fra).count() == 2


# --- CSV ----------------------------------------------------------------------------------------


def test_a_csv_import_updates_by_natural_key(api, fra_user, fra):
    record = ConsultationResponseFactory(member=fra, summary="Old text")
    csv = (
        "consultation,member,responded_on,summary,confidentiality\n"
        f"{record.consultation.reference},FRA,2026-04-20,New text,members\n"
    )
    response = api(fra_user).generic(
        "POST", f"{API}/consultation-responses/import/", csv, content_type="text/csv"
    )
    assert response.json() == {"created": 0, "updated": 1}
    record.refresh_from_db()
    assert (record.summary, record.responded_on) == ("New text", date(2026, 4, 20))


def test_a_csv_import_with_a_bad_row_imports_nothing_and_names_the_row(api, fra_user, fra):
    consultation = ConsultationFactory()
    csv = (
        "consultation,member,responded_on,summary\n"
        f"{consultation.reference},FRA,2026-04-20,Fine\n"
        f"NO-SUCH-CONSULTATION,FRA,2026-04-20,Lost\n"
        f"{consultation.reference},DEU,2026-04-20,Not ours\n"
    )
    response = api(fra_user).generic(
        "POST", f"{API}/consultation-responses/import/", csv, content_type="text/csv"
    )
    assert response.status_code == 400
    rows = {row["row"]: row["errors"] for row in response.json()["rows"]}
    assert set(rows) == {3, 4}
    assert "consultation" in rows[3]
    assert not ConsultationResponse.objects.exists()


def test_a_csv_import_cannot_change_a_submitted_response(api, fra_user, fra):
    record = ConsultationResponseFactory(member=fra, status=WorkflowStatus.SUBMITTED)
    csv = f"consultation,member,summary\n{record.consultation.reference},FRA,Changed\n"
    response = api(fra_user).generic(
        "POST", f"{API}/consultation-responses/import/", csv, content_type="text/csv"
    )
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.summary != "Changed"


def test_a_csv_file_upload_and_an_empty_file(api, fra_user, fra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    consultation = ConsultationFactory()
    upload = SimpleUploadedFile(
        "responses.csv",
        f"consultation,responded_on,summary\n{consultation.reference},2026-04-01,Up\n".encode(),
        content_type="text/csv",
    )
    client = api(fra_user)
    response = client.post(
        f"{API}/consultation-responses/import/", {"file": upload}, format="multipart"
    )
    assert response.json() == {"created": 1, "updated": 0}
    empty = client.generic("POST", f"{API}/consultation-responses/import/", "", "text/csv")
    assert empty.status_code == 400 and "file" in empty.json()


def test_the_attendance_roll_round_trips_through_csv(api, secretariat_user):
    meeting = MeetingFactory()
    for presence in Presence.values:
        AttendanceFactory(meeting=meeting, presence=presence)
    client = api(secretariat_user)
    exported = csv_of(client.get(f"{API}/attendances/export/?meeting={meeting.pk}"))
    Attendance.objects.update(presence=Presence.ABSENT)
    response = client.generic("POST", f"{API}/attendances/import/", exported, "text/csv")
    assert response.json() == {"created": 0, "updated": 3}
    assert sorted(Attendance.objects.values_list("presence", flat=True)) == sorted(Presence.values)


# --- figures --------------------------------------------------------------------------------


def test_participation_per_member_and_region(api, fra, deu):
    meeting = MeetingFactory(held_on=date(2026, 3, 10))
    AttendanceFactory(meeting=meeting, member=fra, presence=Presence.REMOTE)
    AttendanceFactory(meeting=meeting, member=deu, presence=Presence.ABSENT)
    consultation = ConsultationFactory(opened_on=date(2026, 3, 1), closes_on=date(2026, 5, 31))
    ConsultationResponseFactory(
        consultation=consultation, member=fra, status=WorkflowStatus.PUBLISHED
    )
    ConsultationResponseFactory(consultation=consultation, member=deu, status="submitted")
    data = api().get(f"{API}/participation/?start=2026-01-01&end=2026-12-31").json()
    by_member = {m["member"]: m for m in data["members"]}
    assert by_member["FRA"]["meeting_rate"] == 100.0
    assert by_member["FRA"]["response_rate"] == 100.0
    assert by_member["DEU"]["meeting_rate"] == 0.0
    assert by_member["DEU"]["response_rate"] == 0.0  # not yet published
    assert data["overall"]["meeting_rate"] == 50.0
    assert data["regions"][0]["region"] == "EUR"


def test_a_bad_period_is_a_400(api):
    response = api().get(f"{API}/participation/?start=2026-12-31&end=2026-01-01")
    assert response.status_code == 400
    assert api().get(f"{API}/summary/?start=yesterday").status_code == 400


def test_members_absent_from_the_last_meetings(api, fra, deu):
    council = BodyFactory(code="council")
    for day in (1, 2, 3):
        meeting = MeetingFactory(body=council, held_on=date(2026, 6, day))
        AttendanceFactory(meeting=meeting, member=fra, presence=Presence.ABSENT)
        AttendanceFactory(
            meeting=meeting, member=deu, presence=Presence.REMOTE if day == 3 else Presence.ABSENT
        )
    data = api().get(f"{API}/participation/absent/?last=3&body=council").json()
    assert [m["member"] for m in data] == ["FRA"]
    assert api().get(f"{API}/participation/absent/?last=0").status_code == 400


# --- query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("members", [3, 30])
def test_participation_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries, members):
    meeting = MeetingFactory()
    consultation = ConsultationFactory()
    for _ in range(members):
        member = MemberFactory()
        AttendanceFactory(meeting=meeting, member=member)
        ConsultationResponseFactory(consultation=consultation, member=member, status="published")
    with django_assert_max_num_queries(8):
        response = api().get(f"{API}/participation/?start=2026-01-01&end=2026-12-31")
    assert len(response.json()["members"]) >= members


def test_the_schema_describes_the_governance_api_without_warnings():
    from django.core.management import call_command
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(public=True)["paths"]
    assert {
        "/api/v1/governance/mandates/{id}/renew/",
        "/api/v1/governance/decisions/{id}/publish/",
        "/api/v1/governance/consultation-responses/import/",
        "/api/v1/governance/participation/",
    } <= set(paths)


@pytest.mark.parametrize(
    "path",
    [
        "summary/?end=9999-12-31",
        "participation/?start=0001-01-01",
        "mandates/?ending_within=99999999",
    ],
)
def test_dates_and_spans_beyond_reason_are_a_400_not_a_500(api, path):
    assert api().get(f"{API}/{path}").status_code == 400


def test_a_mandate_in_the_year_9999_is_a_400_naming_its_dates(api, secretariat_user):
    position = PositionFactory()
    response = api(secretariat_user).post(
        f"{API}/mandates/",
        new_mandate(position, member=None, start="9999-01-01", end="9999-12-31"),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"start", "end"}


def test_a_second_position_of_the_same_title_in_a_body_is_a_400(api, secretariat_user):
    position = PositionFactory(title="Chairperson")
    response = api(secretariat_user).post(
        f"{API}/positions/",
        {"title": "Chairperson", "body": position.body.code, "term_years": 5, "max_terms": 2},
        format="json",
    )
    assert response.status_code == 400 and "title" in response.json()
