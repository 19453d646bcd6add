"""The rules every register keeps, tested once for every declared register (docs/development/
testing.md): who reads and who changes a record (the owner member, another member, the
secretariat, council, the public), the workflow, the audit history, the CSV round trip, and
lists that cost a fixed number of queries whatever their length, in the API and the browser.

A register's records come from its app's factory (`<app>.tests.factories.<Model>Factory`), or,
for reference data loaded with the programme, from the rows already there. An app's own tests
keep only the rules of its own registers."""

import importlib
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import registry
from core.choices import Confidentiality, WorkflowStatus
from core.tests.factories import MemberFactory
from core.tests.helpers import csv_of

pytestmark = pytest.mark.django_db

REGISTERS = registry.registers()
# Member administrations' own records: one member's, moved through the workflow.
MEMBER_RECORDS = [r for r in REGISTERS if r.member_scoped and r.writers == "members"]
# Records of several parties (agreements, exchanges): their apps test who reads them.
SECRETARIAT_REGISTERS = [r for r in REGISTERS if r.writers == "secretariat"]
READ_ONLY = [r for r in REGISTERS if r.writers == "nobody"]
WITH_PAGES = [r for r in REGISTERS if r.has_pages]


def ids(declared):
    return declared.path


def factory_of(declared):
    """The app's factory for the register's model, or None (reference data)."""
    module = importlib.import_module(f"{declared.app_label}.tests.factories")
    return getattr(module, f"{declared.model.__name__}Factory", None)


def make(declared, member=None, **fields):
    """A record of the register: its member's when it has one (a record of several parties
    that `member` reads, where the factory says how: `readable_by(member)`), with these
    fields."""
    factory = factory_of(declared)
    if factory is None:
        return declared.model.objects.order_by("pk").first()
    if declared.member_scoped:
        fields["member"] = member or MemberFactory()
    elif member is not None and hasattr(factory, "readable_by"):
        return factory.readable_by(member, **fields)
    return factory(**fields)


def member_record(declared, member, status, confidentiality=None):
    fields = {"status": status}
    if confidentiality and hasattr(declared.model, "confidentiality"):
        fields["confidentiality"] = confidentiality
    return make(declared, member, **fields)


def results(response):
    """The rows of an API list, paginated or not (the six regions are not)."""
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def api_url(declared, record=None, action=""):
    url = f"/api/v1/{declared.path}/"
    if record is not None:
        key = getattr(record, declared.lookup_field)
        url += f"{key}/"
    return url + (f"{action}/" if action else "")


# --- the registry ---------------------------------------------------------------------------


def test_every_register_is_declared_with_a_distinct_path_and_model():
    paths = [r.path for r in REGISTERS]
    models = [r.model for r in REGISTERS]
    assert len(paths) == len(set(paths)) == len(set(models))


def api_collections():
    """Every collection a router serves under /api/v1/<app>/: `<app>/<collection>`."""
    from django.urls import URLResolver, get_resolver

    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif (
                route.startswith("api/v1/")
                and "(?P<format>" not in route
                and getattr(pattern.callback, "actions", None)
            ) and pattern.callback.actions.get("get") == "list":
                app, _, rest = route.removeprefix("api/v1/").partition("/")
                found.add(f"{app}/{rest.strip('^$/').removesuffix('/')}")

    walk(get_resolver().url_patterns, "")
    return found


def test_every_api_collection_is_a_declared_register():
    # Reports and period locks are the platform's own, not registers members or staff keep.
    undeclared = (
        api_collections()
        - {r.path for r in REGISTERS}
        - {
            "reports/",
            "core/period-locks",
        }
    )
    assert not undeclared, f"collections served without a declaration: {sorted(undeclared)}"
    assert len(REGISTERS) >= 50


@pytest.mark.parametrize("declared", REGISTERS, ids=ids)
def test_a_registers_path_is_its_api_collection(client, declared):
    response = client.get(f"/api/v1/{declared.path}/")
    assert response.status_code == 200
    assert registry.get_register(declared.path) is declared


@pytest.mark.parametrize("declared", REGISTERS, ids=ids)
def test_every_register_can_make_a_record_for_the_tests(declared, fra):
    record = make(declared, fra)
    assert record is not None and record.pk


@pytest.mark.parametrize("declared", [r for r in REGISTERS if r.members_report], ids=ids)
def test_a_register_members_report_into_says_how_often(declared):
    assert declared.frequency in {"quarterly", "annual", "once", "on_event"}


# --- who reads a member's record --------------------------------------------------------------

READS = [
    # (status, confidentiality, reader, can read)
    (WorkflowStatus.DRAFT, Confidentiality.MEMBERS, "owner", True),
    (WorkflowStatus.DRAFT, Confidentiality.MEMBERS, "secretariat", True),
    (WorkflowStatus.SUBMITTED, Confidentiality.MEMBERS, "other", False),
    (WorkflowStatus.DRAFT, Confidentiality.MEMBERS, "council", False),
    (WorkflowStatus.DRAFT, Confidentiality.PUBLIC, "anonymous", False),
    (WorkflowStatus.PUBLISHED, Confidentiality.MEMBERS, "other", True),
    (WorkflowStatus.PUBLISHED, Confidentiality.MEMBERS, "council", True),
    (WorkflowStatus.PUBLISHED, Confidentiality.PUBLIC, "anonymous", True),
    # Beyond `members`, only registers that carry confidentiality narrow their readers.
    (WorkflowStatus.PUBLISHED, Confidentiality.RESTRICTED, "other", False),
    (WorkflowStatus.PUBLISHED, Confidentiality.RESTRICTED, "council", False),
    (WorkflowStatus.PUBLISHED, Confidentiality.RESTRICTED, "secretariat", True),
]


@pytest.mark.parametrize(("status", "confidentiality", "who", "reads"), READS)
@pytest.mark.parametrize("declared", MEMBER_RECORDS, ids=ids)
def test_who_reads_a_members_record(api, users, fra, declared, status, confidentiality, who, reads):
    confidential = hasattr(declared.model, "confidentiality")
    if not confidential and confidentiality == Confidentiality.RESTRICTED:
        pytest.skip("the register carries no confidentiality")
    if who == "anonymous" and status == WorkflowStatus.PUBLISHED and not confidential:
        reads = True  # published records of a register without confidentiality are public
    record = member_record(declared, fra, status, confidentiality)
    client = api(users[who])
    expected = 200 if reads else 404
    assert client.get(api_url(declared, record)).status_code == expected
    assert client.get(api_url(declared, record, "history")).status_code == expected
    listed = [row["id"] for row in results(client.get(api_url(declared) + "?page_size=500"))]
    assert (record.pk in listed) == reads
    if declared.exports:
        exported = csv_of(client.get(api_url(declared, action="export")))
        assert (len(exported.strip().splitlines()) > 1) == reads
    if declared.has_pages and declared.detail_page:
        if users[who] is not None:
            client.force_login(users[who])
        assert client.get(record.get_absolute_url()).status_code == expected


# --- who changes a member's record ------------------------------------------------------------

WRITES = [
    # (status, writer, HTTP status of a change)
    (WorkflowStatus.DRAFT, "owner", 200),
    (WorkflowStatus.RETURNED, "owner", 200),
    (WorkflowStatus.DRAFT, "secretariat", 200),
    (WorkflowStatus.DRAFT, "other", 404),
    (WorkflowStatus.DRAFT, "council", 403),
    (WorkflowStatus.DRAFT, "anonymous", 401),
    # A published record: its member may not change it (409), nor may others (403).
    (WorkflowStatus.PUBLISHED, "owner", 409),
    (WorkflowStatus.PUBLISHED, "other", 403),
    (WorkflowStatus.SUBMITTED, "owner", 409),
]


@pytest.mark.parametrize(("status", "who", "expected"), WRITES)
@pytest.mark.parametrize("declared", MEMBER_RECORDS, ids=ids)
def test_who_changes_a_members_record(api, users, fra, declared, status, who, expected):
    record = member_record(declared, fra, status, Confidentiality.MEMBERS)
    client = api(users[who])
    response = client.patch(api_url(declared, record), {}, format="json")
    assert response.status_code == expected, response.content
    deleted = client.delete(api_url(declared, record)).status_code
    assert deleted == (204 if expected == 200 else expected)
    assert declared.model.objects.filter(pk=record.pk).exists() == (expected != 200)


@pytest.mark.parametrize("declared", MEMBER_RECORDS, ids=ids)
def test_a_member_may_not_write_in_another_members_name(api, fra_user, deu, declared):
    record = member_record(declared, deu, WorkflowStatus.PUBLISHED, Confidentiality.MEMBERS)
    response = api(fra_user).patch(api_url(declared, record), {"member": "FRA"}, format="json")
    assert response.status_code == 403
    response = api(fra_user).post(api_url(declared), {"member": "DEU"}, format="json")
    assert response.status_code in (400, 403)
    assert declared.model.objects.filter(member=deu).count() == 1


@pytest.mark.parametrize("declared", MEMBER_RECORDS, ids=ids)
def test_a_change_is_in_the_records_history(api, fra_user, fra, declared):
    record = member_record(declared, fra, WorkflowStatus.DRAFT, Confidentiality.MEMBERS)
    client = api(fra_user)
    assert client.post(api_url(declared, record, "submit")).status_code == 200
    history = client.get(api_url(declared, record, "history")).json()
    assert isinstance(history, list)
    change = history[0]
    assert change["action"] == "changed" and change["user"] == fra_user.username
    assert {"field": "status", "old": "draft", "new": "submitted"} in [
        {k: c[k] for k in ("field", "old", "new")} for c in change["changes"]
    ]


# --- the workflow -----------------------------------------------------------------------------


@pytest.mark.parametrize("declared", MEMBER_RECORDS, ids=ids)
def test_a_submission_goes_through_the_workflow(api, users, fra, declared):
    record = member_record(declared, fra, WorkflowStatus.DRAFT, Confidentiality.MEMBERS)
    owner, secretariat = api(users["owner"]), api(users["secretariat"])

    def act(client, action, **data):
        return client.post(api_url(declared, record, action), data, format="json")

    def status_after(client, action, **data):
        return act(client, action, **data).json()[declared.workflow_status]

    assert act(api(users["other"]), "submit").status_code == 404
    assert act(api(users["council"]), "submit").status_code == 403
    assert status_after(owner, "submit") == "submitted"
    assert act(owner, "submit").status_code == 409
    assert act(owner, "validate").status_code == 403
    assert act(secretariat, "return").status_code == 400  # a return says why
    assert status_after(secretariat, "return", reason="Check the figure.") == "returned"
    assert act(owner, "submit").status_code == 200
    assert status_after(secretariat, "validate") == "validated"
    assert status_after(secretariat, "publish") == "published"
    assert act(secretariat, "publish").status_code == 409


# --- the secretariat's registers and reference data -----------------------------------------


@pytest.mark.parametrize("declared", SECRETARIAT_REGISTERS + READ_ONLY, ids=ids)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 403), ("council", 403), ("anonymous", 401)],
)
def test_only_the_secretariat_changes_its_registers(api, users, fra, declared, who, expected):
    record = make(declared, fra)
    client = api(users[who])
    seen = client.get(api_url(declared, record)).status_code
    assert seen in (200, 404)
    if declared.writers == "nobody" and who == "owner":
        expected = 405  # a writer, but reference data takes no writes
    assert client.post(api_url(declared), {}, format="json").status_code == expected
    # A record the user reads is refused with the writer's status; one out of its sight is 404
    # for a user who may write at all.
    on_record = expected if seen == 200 or who != "owner" else 404
    assert client.patch(api_url(declared, record), {}, format="json").status_code == on_record
    assert client.delete(api_url(declared, record)).status_code == on_record
    assert declared.model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("declared", SECRETARIAT_REGISTERS, ids=ids)
def test_the_secretariat_is_told_what_a_record_lacks(api, secretariat_user, declared):
    response = api(secretariat_user).post(api_url(declared), {}, format="json")
    assert response.status_code == 400
    assert isinstance(response.json(), dict) and response.json()


@pytest.mark.parametrize("declared", READ_ONLY, ids=ids)
def test_reference_data_is_read_only_even_for_the_secretariat(api, secretariat_user, declared):
    assert api(secretariat_user).post(api_url(declared), {}, format="json").status_code == 405


# --- CSV ------------------------------------------------------------------------------------


def comparable(rows, serializer_fields):
    """What a round trip must keep: every field a client writes."""
    writable = [name for name, field in serializer_fields.items() if not field.read_only]
    return [{name: row.get(name) for name in writable} for row in rows]


@pytest.mark.parametrize("declared", [r for r in REGISTERS if r.exports], ids=ids)
def test_a_register_round_trips_through_csv(api, users, fra, declared):
    if factory_of(declared) is None:
        pytest.skip("reference data")
    writer = users["owner"] if declared.writers == "members" else users["secretariat"]
    fields = {"status": WorkflowStatus.DRAFT} if declared.has_workflow else {}
    make(declared, fra, **fields)
    client = api(writer)
    before = results(client.get(api_url(declared) + "?page_size=500"))
    assert before, "the writer reads no record to round-trip"
    exported = csv_of(client.get(api_url(declared, action="export")))
    declared.model.objects.all().delete()
    response = client.generic("POST", api_url(declared, action="import"), exported, "text/csv")
    assert response.status_code == 200, response.content
    assert response.json() == {"created": len(before), "updated": 0}
    after = results(client.get(api_url(declared) + "?page_size=500"))
    serializer_fields = declared.serializer().fields
    assert comparable(after, serializer_fields) == comparable(before, serializer_fields)


# --- lists cost a fixed number of queries ---------------------------------------------------


NATURAL_KEYS = itertools.count(1)


def fill(declared, rows, reader=None):
    """`rows` records of the register the `reader` member reads, each of a member of its own (a
    factory that finds its record by a fixed natural key gets a new key each time)."""
    factory = factory_of(declared)
    if factory is None:
        return
    for _ in range(rows):
        fields = {
            name: f"X{next(NATURAL_KEYS)}"
            for name in factory._meta.django_get_or_create
            if isinstance(factory._meta.declarations.get(name), str)
        }
        if declared.has_workflow:
            fields["status"] = WorkflowStatus.PUBLISHED
        if hasattr(declared.model, "confidentiality"):
            fields["confidentiality"] = Confidentiality.MEMBERS
        make(declared, None if declared.member_scoped else reader, **fields)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("declared", [r for r in REGISTERS if factory_of(r)], ids=ids)
def test_an_api_list_costs_the_same_queries_whatever_its_length(
    api, deu, deu_user, secretariat_user, django_assert_max_num_queries, declared
):
    url = api_url(declared) + "?page_size=100"
    fill(declared, 2, deu)
    # Another member reads the list, through its scoping; records only their own member
    # reads (due-date extensions) are read by the secretariat.
    private = not declared.model.objects.for_user(deu_user).exists()
    client = api(secretariat_user if private else deu_user)
    few = queries_for(client, url)
    fill(declared, 12, deu)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(results(response)) >= 14


@pytest.mark.parametrize("declared", [r for r in WITH_PAGES if factory_of(r)], ids=ids)
def test_a_list_page_costs_the_same_queries_whatever_its_length(
    client, deu, deu_user, secretariat_user, django_assert_max_num_queries, declared
):
    url = reverse(f"{declared.app_label}:{declared.url_name}_list") + "?per_page=100"
    fill(declared, 2, deu)
    # The secretariat reads the list; records it reads only when named on them (information
    # exchanges) are read by a party.
    named_only = not declared.model.objects.for_user(secretariat_user).exists()
    client.force_login(deu_user if named_only else secretariat_user)
    few = queries_for(client, url)
    fill(declared, 12, deu)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count >= 14


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("declared", WITH_PAGES, ids=ids)
@pytest.mark.parametrize("who", ["owner", "other", "secretariat", "council", "anonymous"])
def test_everyone_reads_a_registers_list(client, users, declared, who):
    if users[who] is not None:
        client.force_login(users[who])
    response = client.get(reverse(f"{declared.app_label}:{declared.url_name}_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="filters"' in html and "<table" in html


@pytest.mark.parametrize("declared", [r for r in WITH_PAGES if r.form is not None], ids=ids)
@pytest.mark.parametrize("who", ["owner", "secretariat", "council", "anonymous"])
def test_who_opens_a_registers_form(client, users, declared, who):
    if users[who] is not None:
        client.force_login(users[who])
    response = client.get(reverse(f"{declared.app_label}:{declared.url_name}_create"))
    may = who == "secretariat" or (who == "owner" and declared.writers == "members")
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if may else 403)


@pytest.mark.parametrize("declared", [r for r in WITH_PAGES if r.form is not None], ids=ids)
def test_an_empty_form_is_answered_with_field_errors(client, secretariat_user, declared):
    client.force_login(secretariat_user)
    before = declared.model.objects.count()
    response = client.post(reverse(f"{declared.app_label}:{declared.url_name}_create"), {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert declared.model.objects.count() == before
