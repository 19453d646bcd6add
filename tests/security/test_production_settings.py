"""Production refuses to start with a secret key that is empty, short or the example's, an
empty host list, or debug on: each with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.production_settings import VALID, load_production

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_valid_environment_starts_with_debug_off(monkeypatch):
    production = load_production(monkeypatch)
    assert production.DEBUG is False
    assert VALID["DJANGO_SECRET_KEY"] == production.SECRET_KEY
    assert production.ALLOWED_HOSTS == ["platform.wcoomd.example"]
    assert production.PRODUCTION is True


@pytest.mark.parametrize("key", [None, ""], ids=["unset", "empty"])
def test_production_refuses_an_empty_secret_key(monkeypatch, key):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is empty"):
        load_production(monkeypatch, DJANGO_SECRET_KEY=key)


def test_production_refuses_a_secret_key_shorter_than_50_characters(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is 49 characters"):
        load_production(monkeypatch, DJANGO_SECRET_KEY="k" * 49)
    assert load_production(monkeypatch, DJANGO_SECRET_KEY="k" * 50).SECRET_KEY == "k" * 50


def test_production_refuses_the_example_secret_key(monkeypatch):
    example = (ROOT / ".env.example").read_text()
    key = next(
        line.split("=", 1)[1]
        for line in example.splitlines()
        if line.startswith("DJANGO_SECRET_KEY=")
    )
    with pytest.raises(ImproperlyConfigured, match="example value"):
        load_production(monkeypatch, DJANGO_SECRET_KEY=key)


@pytest.mark.parametrize("hosts", [None, ""], ids=["unset", "empty"])
def test_production_refuses_a_missing_host_list(monkeypatch, hosts):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS is empty"):
        load_production(monkeypatch, DJANGO_ALLOWED_HOSTS=hosts)


@pytest.mark.parametrize("debug", ["true", "1", "on"])
def test_production_refuses_debug_on(monkeypatch, debug):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG is on"):
        load_production(monkeypatch, DJANGO_DEBUG=debug)
    assert load_production(monkeypatch, DJANGO_DEBUG="false").DEBUG is False


def test_manage_py_with_an_empty_secret_key_stops_before_doing_anything():
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SENTRY_"))},
        **VALID,
        "DJANGO_SETTINGS_MODULE": "wco_platform.settings.production",
        "DJANGO_SECRET_KEY": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is empty" in result.stderr
