"""GET /healthz: database, cache and broker, each "ok" or "error"; 503 when a configured one is
down; anonymous; never redirected to HTTPS."""

import re
import socket

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

from tests.production_settings import load_production

pytestmark = pytest.mark.django_db


def closed_port():
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_ok_for_every_part_without_login(client):
    # The test settings' broker is the local Redis the worker tests use.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-store" in response["Cache-Control"]


@override_settings(CELERY_BROKER_URL="memory://")
def test_without_a_broker_the_broker_is_not_configured_and_that_is_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "not_configured"


@override_settings(CELERY_BROKER_URL="")
def test_an_empty_broker_url_is_not_configured_either(client):
    assert client.get("/healthz").json()["broker"] == "not_configured"


def test_a_configured_broker_that_cannot_be_reached_is_503(client):
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{closed_port()}/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "cache": "ok",
        "broker": "error",
    }


def test_a_database_that_is_down_is_503_not_500(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 refused")

    # Every way to the database goes through ensure_connection: the view's query, and the
    # request's transaction (ATOMIC_REQUESTS), which healthz must not open.
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "error"
    assert body["cache"] == "ok"
    # The cause is logged, never shown on this public page.
    assert "127.0.0.1" not in response.content.decode()


def test_a_cache_that_is_down_is_503(client):
    cache_port = closed_port()
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{cache_port}/1",
        }
    }
    with override_settings(CACHES=caches):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$", r"^metrics$"])
def test_healthz_is_answered_over_plain_http_when_the_rest_is_redirected(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_production_exempts_healthz_from_the_https_redirect(monkeypatch):
    exempt = load_production(monkeypatch).SECURE_REDIRECT_EXEMPT
    assert any(re.search(pattern, "healthz") for pattern in exempt)
    assert not any(re.search(pattern, "accounts/login/") for pattern in exempt)


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405
