"""Throttling behind a proxy: a client is known by the connection's address unless NUM_PROXIES
says how many proxies append to X-Forwarded-For, so a made-up header never gets a throttled
client through; the token endpoint and the browser login have their own, stricter scope."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests.production_settings import load_production

pytestmark = pytest.mark.django_db

ANONYMOUS_API = "/api/v1/core/regions/"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rates(monkeypatch):
    """Small rates for the test: {"anon": "3/minute"}. DRF's anonymous throttle read its
    rates when it was imported, the login throttle reads the settings when used: set both."""

    def set_rates(**scopes):
        monkeypatch.setattr(
            SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, **scopes}
        )
        monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "login", scopes.get("login"))

    return set_rates


def statuses(client, count, **headers):
    return [client.get(ANONYMOUS_API, **headers).status_code for _ in range(count)]


def test_after_a_429_a_made_up_forwarded_for_does_not_get_through(rates):
    rates(anon="3/minute", login="1000/minute")
    client = APIClient()
    assert statuses(client, 3) == [200, 200, 200]
    assert statuses(client, 1) == [429]
    for made_up in ("203.0.113.7", "198.51.100.1, 203.0.113.8", "10.0.0.1"):
        assert statuses(client, 1, HTTP_X_FORWARDED_FOR=made_up) == [429]


def test_a_forwarded_for_never_earns_a_fresh_allowance_either(rates):
    rates(anon="3/minute", login="1000/minute")
    client = APIClient()
    # Each request claims another address: all are counted against the connection's.
    answers = [
        client.get(ANONYMOUS_API, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]


def test_behind_one_proxy_clients_are_told_apart_by_the_address_the_proxy_appends(rates, settings):
    rates(anon="2/minute", login="1000/minute")
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}):
        client = APIClient()  # every request comes from the proxy, 127.0.0.1
        first = "203.0.113.10"
        # A client's own made-up entry comes first; the proxy appends the real address last.
        assert statuses(client, 2, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {first}") == [200, 200]
        assert statuses(client, 1, HTTP_X_FORWARDED_FOR=f"5.6.7.8, {first}") == [429]
        assert statuses(client, 1, HTTP_X_FORWARDED_FOR="203.0.113.11") == [200]


def test_num_proxies_comes_from_the_environment_and_defaults_to_none_trusted(monkeypatch):
    assert load_production(monkeypatch).REST_FRAMEWORK["NUM_PROXIES"] == 0
    assert load_production(monkeypatch, NUM_PROXIES="1").REST_FRAMEWORK["NUM_PROXIES"] == 1


def test_the_login_rate_comes_from_the_environment(monkeypatch):
    production = load_production(monkeypatch)
    assert production.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"] == "20/minute"
    monkeypatch.setenv("API_THROTTLE_LOGIN", "5/minute")
    production = load_production(monkeypatch)
    assert production.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["login"] == "5/minute"


def test_the_token_endpoint_has_its_own_stricter_scope(rates, fra_user):
    rates(anon="1000/minute", login="3/minute")
    client = APIClient()
    wrong = {"username": "member-fra", "password": "not-the-password"}
    answers = [client.post("/api/v1/auth/token/", wrong).status_code for _ in range(3)]
    assert answers == [400, 400, 400]
    # Even the right password waits: the scope counts attempts, not failures.
    fra_user.set_password("the-right-password-77")
    fra_user.save()
    right = {"username": "member-fra", "password": "the-right-password-77"}
    response = client.post("/api/v1/auth/token/", right)
    assert response.status_code == 429
    assert "Retry-After" in response
    assert (
        client.post("/api/v1/auth/token/", right, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
        == 429
    )
    # The rest of the API is not counted in the login scope.
    assert statuses(client, 1) == [200]


def test_the_browser_login_has_the_same_scope(rates, client):
    rates(anon="1000/minute", login="2/minute")
    form = {"username": "member-fra", "password": "wrong"}
    assert [client.post("/accounts/login/", form).status_code for _ in range(2)] == [200, 200]
    response = client.post("/accounts/login/", form)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()
    # Reading the login page is not an attempt.
    assert client.get("/accounts/login/").status_code == 200
