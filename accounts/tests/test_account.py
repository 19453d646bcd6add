"""A user's account page, password change and password reset by email."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["owner", "secretariat", "council"])
def test_every_signed_in_user_has_an_account_page(client, users, who):
    client.force_login(users[who])
    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "API tokens" in html and "Change your password" in html


def test_the_account_page_needs_a_login(client):
    assert client.get("/account/")["Location"].startswith("/accounts/login/")


def test_a_user_changes_its_password(client, fra_user):
    client.force_login(fra_user)
    response = client.post(
        "/account/password/",
        {
            "old_password": "pw",
            "new_password1": "a long and new passphrase 42",
            "new_password2": "a long and new passphrase 42",
        },
    )
    assert response.status_code == 302
    fra_user.refresh_from_db()
    assert fra_user.check_password("a long and new passphrase 42")


def test_a_forgotten_password_is_reset_by_email(client, fra_user):
    fra_user.email = "officer@douane.example"
    fra_user.save()
    client.post("/accounts/password-reset/", {"email": "officer@douane.example"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    # The link leads to the form of a new password (its token moved to the session).
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url,
        {
            "new_password1": "a new long passphrase 7",
            "new_password2": "a new long passphrase 7",
        },
    )
    assert response.status_code == 302
    fra_user.refresh_from_db()
    assert fra_user.check_password("a new long passphrase 7")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302 and not mail.outbox
