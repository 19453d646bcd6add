"""Lockout: after 10 failed logins for one username within 15 minutes, the token endpoint
answers 429 and the browser login refuses, even with the right password, until the window
passes or the secretariat unlocks the account; failures are logged."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


def fail(times, username="member-fra"):
    client = APIClient()
    for _ in range(times):
        client.post(TOKEN, {"username": username, "password": "wrong"}, format="json")


def right_password(username="member-fra"):
    return APIClient().post(TOKEN, {"username": username, "password": "pw"}, format="json")


def test_nine_failures_still_let_the_right_password_in(fra_user):
    fail(9)
    assert right_password().status_code == 200


def test_ten_failures_lock_the_token_endpoint_even_for_the_right_password(fra_user, caplog):
    fail(10)
    response = right_password()
    assert response.status_code == 429 and "locked" in response.json()["detail"]
    assert any("failed" in r.getMessage().lower() for r in caplog.records)


def test_the_browser_login_refuses_a_locked_username(client, fra_user):
    fail(10)
    response = client.post("/accounts/login/", {"username": "member-fra", "password": "pw"})
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_when_the_window_passes(fra_user):
    fail(10)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert right_password().status_code == 200


def test_another_username_is_not_locked(fra_user, deu_user):
    fail(10)
    assert right_password("member-deu").status_code == 200


def test_the_secretariat_unlocks_an_account(client, fra_user, secretariat_user):
    fail(10)
    client.force_login(secretariat_user)
    page = client.get("/accounts/users/?q=member-fra").content.decode()
    assert "Locked now: member-fra" in page
    client.post("/accounts/users/", {"username": "member-fra", "action": "unlock"})
    assert right_password().status_code == 200


def test_only_the_secretariat_sees_users_access(client, fra_user, council_user):
    for user in (fra_user, council_user):
        client.force_login(user)
        assert client.get("/accounts/users/").status_code == 403
        client.post("/accounts/users/", {"username": "member-fra", "action": "unlock"})
