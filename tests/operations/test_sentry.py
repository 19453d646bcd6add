"""Sentry: on when SENTRY_DSN is set, with the Django and Celery integrations and no personal
data; nothing at all when it is not."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from tests.production_settings import VALID
from wco_platform import sentry

ROOT = Path(__file__).resolve().parent.parent.parent


def test_without_a_dsn_sentry_is_not_started(monkeypatch):
    calls = []
    monkeypatch.setattr(sentry.sentry_sdk, "init", lambda **options: calls.append(options))
    assert sentry.init_sentry("", environment="production", traces_sample_rate=0.0) is False
    assert calls == []


def test_with_a_dsn_sentry_starts_for_django_and_celery_without_personal_data(monkeypatch):
    calls = []
    monkeypatch.setattr(sentry.sentry_sdk, "init", lambda **options: calls.append(options))
    dsn = "https://public@sentry.example/1"
    assert sentry.init_sentry(dsn, environment="staging", traces_sample_rate=0.1) is True
    (options,) = calls
    assert options["dsn"] == dsn
    assert options["send_default_pii"] is False
    assert options["environment"] == "staging"
    assert options["traces_sample_rate"] == 0.1
    kinds = {type(integration) for integration in options["integrations"]}
    assert {DjangoIntegration, CeleryIntegration} <= kinds


INSPECT = textwrap.dedent(
    """
    import json, django, sentry_sdk
    django.setup()
    client = sentry_sdk.get_client()
    print(json.dumps({
        "active": client.is_active(),
        "send_default_pii": client.options.get("send_default_pii"),
        "integrations": sorted(client.integrations) if client.is_active() else [],
    }))
    """
)


def sentry_in_production(dsn):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))},
        **VALID,
        "DJANGO_SETTINGS_MODULE": "wco_platform.settings.production",
    }
    if dsn:
        environment["SENTRY_DSN"] = dsn
    result = subprocess.run(
        [sys.executable, "-c", INSPECT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_settings_start_sentry_from_sentry_dsn_and_only_then():
    # A DSN on a local port nothing listens on: nothing is sent anywhere.
    on = sentry_in_production("http://public@127.0.0.1:9/1")
    assert on["active"] is True
    assert on["send_default_pii"] is False
    assert {"django", "celery"} <= set(on["integrations"])
    assert sentry_in_production("")["active"] is False
