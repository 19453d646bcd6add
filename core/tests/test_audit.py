"""Every create, update and delete of a domain record is audited with its actor and changes."""

import pytest

from core.audit import history_entries
from core.models import Measurement
from core.tests.factories import ManualIndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db


def test_create_update_and_delete_through_the_api_are_audited_with_the_actor(api, fra, fra_user):
    client = api(fra_user)
    created = client.post(
        "/api/v1/core/measurements/",
        {
            "indicator": ManualIndicatorFactory().code,
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "value": "61.5",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.patch(f"/api/v1/core/measurements/{pk}/", {"value": "63"}).status_code == 200
    record = Measurement.objects.get(pk=pk)
    history = client.get(f"/api/v1/core/measurements/{pk}/history/").json()
    assert [entry["action"] for entry in history] == ["changed", "created"]
    assert {entry["user"] for entry in history} == {"member-fra"}
    assert {"field": "value", "old": "61.5000", "new": "63.0000"} in history[0]["changes"]

    assert client.delete(f"/api/v1/core/measurements/{pk}/").status_code == 204
    deleted = record.history.order_by("-history_date").first()
    assert deleted.history_type == "-" and deleted.history_user == fra_user


def test_a_workflow_transition_is_audited_as_a_status_change(fra, fra_user, secretariat_user):
    measurement = MeasurementFactory(member=fra)
    measurement.submit(fra_user)
    measurement.validate(secretariat_user)
    entries = history_entries(measurement)
    latest = entries[0]
    assert latest["action"] == "changed"
    assert [entry["user"] for entry in entries[:2]] == ["secretariat", "member-fra"]
    assert {"field": "status", "old": "submitted", "new": "validated"} in latest["changes"]


def test_every_many_to_many_field_of_a_domain_record_is_audited():
    from django.apps import apps

    from core.models import DomainModel

    for model in apps.get_models():
        if issubclass(model, DomainModel):
            names = {f.name for f in model._meta.many_to_many}
            audited = {f.name for f in model.history.model._history_m2m_fields}
            assert names == audited, model


def test_a_many_to_many_change_reads_as_old_and_new_links_at_a_fixed_cost(
    django_assert_max_num_queries, fra, deu, fra_user
):
    from security.models import CustomsUnion

    union = CustomsUnion.objects.create(code="XU", name="Union")
    union.members.add(fra)  # kept in the creation's row
    for n in range(5):
        union.name = f"Union {n}"
        union.save()
    union = CustomsUnion.objects.get(pk=union.pk)
    union._history_user = fra_user
    union.members.set([deu])  # removing then adding: one row
    union.members.add(fra)  # through the same object: the same row
    # The history rows with their users, then one query per audited many-to-many field.
    with django_assert_max_num_queries(2):
        entries = history_entries(union)
    assert len(entries) == 7 and entries[0]["user"] == "member-fra"
    assert entries[0]["changes"] == [
        {"field": "members", "old": ["France (FRA)"], "new": ["France (FRA)", "Germany (DEU)"]},
    ]
    assert entries[1]["changes"] == [{"field": "name", "old": "Union 3", "new": "Union 4"}]
    assert entries[-1]["action"] == "created"
    assert {"field": "members", "old": None, "new": ["France (FRA)"]} in entries[-1]["changes"]


def test_the_history_table_lists_links():
    from django.template.loader import render_to_string

    html = render_to_string(
        "history_table.html",
        {
            "history": [
                {
                    "action": "changed",
                    "changes": [{"field": "members", "old": [], "new": ["A <b>", "B"]}],
                }
            ]
        },
    )
    assert "<b>members</b>: none → A &lt;b&gt;, B" in html
