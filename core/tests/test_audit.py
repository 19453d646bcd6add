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
