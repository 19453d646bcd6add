"""API tokens: expiring, hashed at rest, several per user, listed and revoked by their owner,
revoked at logout; the keys issued before were moved, not broken."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
MEASUREMENTS = "/api/v1/core/measurements/"


def new_token(username="member-fra", password="pw", **extra):
    response = APIClient().post(
        TOKEN, {"username": username, "password": password, **extra}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def with_token(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_expires_after_thirty_days_and_is_kept_hashed(fra_user, settings):
    body = new_token(name="our customs system")
    assert set(body) == {"token", "expiry", "id", "name"}
    stored = ApiToken.objects.get(user=fra_user)
    assert body["token"] not in (stored.digest, stored.token_key)
    lifetime = stored.expiry - stored.created
    assert abs(lifetime - timedelta(days=settings.API_TOKEN_TTL_DAYS)) < timedelta(seconds=1)
    assert with_token(body["token"]).get(MEASUREMENTS).status_code == 200


def test_an_expired_token_is_refused(fra_user):
    body = new_token()
    ApiToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert with_token(body["token"]).get(MEASUREMENTS).status_code == 401


def test_a_user_holds_several_tokens_lists_and_revokes_its_own(fra_user, deu_user):
    first, second = new_token(name="first"), new_token(name="second")
    other = new_token(username="member-deu")
    client = with_token(first["token"])
    listed = client.get("/api/v1/auth/tokens/").json()
    assert [t["name"] for t in listed] == ["second", "first"]
    assert {t["id"] for t in listed} == {first["id"], second["id"]}
    assert set(listed[0]) == {"id", "name", "created", "expiry", "last_used", "current"}
    assert [t["current"] for t in listed] == [False, True]
    assert client.delete(f"/api/v1/auth/tokens/{other['id']}/").status_code == 404
    assert client.delete(f"/api/v1/auth/tokens/{second['id']}/").status_code == 204
    assert with_token(second["token"]).get(MEASUREMENTS).status_code == 401
    assert with_token(other["token"]).get(MEASUREMENTS).status_code == 200


def test_a_token_remembers_when_it_was_last_used(fra_user):
    body = new_token()
    assert ApiToken.objects.get().last_used is None
    with_token(body["token"]).get(MEASUREMENTS)
    assert ApiToken.objects.get().last_used is not None


def test_logout_revokes_the_token_used_and_logout_all_every_token(fra_user):
    first, second, third = new_token(), new_token(), new_token()
    assert with_token(first["token"]).post("/api/v1/auth/logout/").status_code == 204
    assert with_token(first["token"]).get(MEASUREMENTS).status_code == 401
    assert with_token(second["token"]).get(MEASUREMENTS).status_code == 200
    assert with_token(second["token"]).post("/api/v1/auth/logout-all/").status_code == 204
    assert with_token(third["token"]).get(MEASUREMENTS).status_code == 401
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "member-fra", "password": "wrong"}, "non_field_errors"),
        ({"username": "member-fra"}, "password"),
        ({"password": "pw"}, "username"),
        ({"username": "x" * 500, "password": "pw"}, "username"),
    ],
)
def test_bad_credentials_are_a_400_with_field_errors(fra_user, body, field):
    response = APIClient().post(TOKEN, body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not ApiToken.objects.exists()


def test_the_keys_issued_before_keep_working(fra_user):
    from rest_framework.authtoken.models import Token

    key = Token.objects.create(user=fra_user).key
    migration = importlib.import_module("accounts.migrations.0002_keys_issued_before")
    migration.move_keys(apps, None)
    assert not Token.objects.exists()
    moved = ApiToken.objects.get(user=fra_user)
    assert moved.digest != key and moved.expiry > timezone.now()
    assert with_token(key).get(MEASUREMENTS).status_code == 200
    # And the session's page lists it, by its name.
    assert "issued before" in moved.name


def test_the_account_page_makes_shows_once_and_revokes_a_token(client, fra_user):
    client.force_login(fra_user)
    page = client.post("/account/", {"make_token": "1", "name": "customs system"})
    token = page.context["new_token"]
    assert token in page.content.decode()
    assert with_token(token).get(MEASUREMENTS).status_code == 200
    stored = ApiToken.objects.get(user=fra_user)
    assert token not in client.get("/account/").content.decode()
    client.post(f"/account/tokens/{stored.id}/revoke/")
    assert with_token(token).get(MEASUREMENTS).status_code == 401
