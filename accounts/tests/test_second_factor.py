"""The second factor: with REQUIRE_2FA on, the secretariat and the council log in and get API
tokens with the code of an authenticator app (or a recovery code, once); they enrol in the
browser before anything else; the secretariat resets a user's lost second factor."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts import twofactor

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.REQUIRE_2FA = True


def code_of(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(user):
    device = twofactor.start_enrolment(user)
    codes = twofactor.confirm_enrolment(user, code_of(device))
    device.refresh_from_db()
    return device, codes


def token_for(username, **extra):
    return APIClient().post(TOKEN, {"username": username, "password": "pw", **extra}, format="json")


def test_a_member_user_needs_no_second_factor(fra_user):
    assert token_for("member-fra").status_code == 200


@pytest.mark.parametrize("who", ["secretariat_user", "council_user"])
def test_the_secretariat_and_council_give_a_code_for_a_token(request, who):
    user = request.getfixturevalue(who)
    response = token_for(user.username)
    assert response.status_code == 400 and "otp" in response.json()  # not enrolled yet
    device, _ = enrol(user)
    assert token_for(user.username).status_code == 400
    assert token_for(user.username, otp="000000").status_code == 400
    device.refresh_from_db()
    # A code not used yet (the enrolment used this one), after the failure's delay.
    device.last_t = -1
    device.throttle_reset(commit=False)
    device.save()
    assert token_for(user.username, otp=code_of(device)).status_code == 200


def test_a_recovery_code_works_once(secretariat_user):
    _, codes = enrol(secretariat_user)
    assert len(codes) == 10
    assert token_for("secretariat", otp=codes[0]).status_code == 200
    assert token_for("secretariat", otp=codes[0]).status_code == 400


def test_the_browser_login_asks_for_the_code(client, secretariat_user):
    device, _ = enrol(secretariat_user)
    response = client.post("/accounts/login/", {"username": "secretariat", "password": "pw"})
    assert response.status_code == 200 and "authenticator app" in response.content.decode()
    device.last_t = -1
    device.save()
    response = client.post(
        "/accounts/login/", {"username": "secretariat", "password": "pw", "otp": code_of(device)}
    )
    assert response.status_code == 302
    assert client.get("/review/").status_code == 200


def test_an_unenrolled_user_enrols_before_anything_else(client, secretariat_user):
    response = client.post("/accounts/login/", {"username": "secretariat", "password": "pw"})
    assert response["Location"] == "/account/two-factor/"
    assert client.get("/review/")["Location"] == "/account/two-factor/"
    assert client.get("/api/v1/core/inbox/").status_code == 403
    page = client.get("/account/two-factor/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=secretariat_user, confirmed=False)
    response = client.post("/account/two-factor/", {"code": code_of(device)})
    assert len(response.context["codes"]) == 10
    assert client.get("/review/").status_code == 200


def test_a_wrong_enrolment_code_is_a_form_error(client, secretariat_user):
    client.force_login(secretariat_user)
    client.get("/account/two-factor/")
    response = client.post("/account/two-factor/", {"code": "123"})
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_the_secretariat_resets_a_lost_second_factor(
    client, council_user, secretariat_user, settings
):
    enrol(council_user)
    settings.REQUIRE_2FA = False  # the secretariat's own second factor is another test's
    client.force_login(secretariat_user)
    client.post("/accounts/users/", {"username": "council", "action": "reset_second_factor"})
    assert not twofactor.enrolled(council_user)
