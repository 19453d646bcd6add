"""Fixtures every test may use: the five kinds of user and API clients for them."""

import pytest
from rest_framework.test import APIClient

from core.tests.factories import MemberFactory, UserFactory


@pytest.fixture
def fra(db):
    return MemberFactory(code="FRA", name="France")


@pytest.fixture
def deu(db):
    return MemberFactory(code="DEU", name="Germany")


@pytest.fixture
def fra_user(fra):
    """The owner member's user."""
    return UserFactory.for_member(fra, username="member-fra")


@pytest.fixture
def deu_user(deu):
    """Another member's user."""
    return UserFactory.for_member(deu, username="member-deu")


@pytest.fixture
def secretariat_user(db):
    return UserFactory.secretariat(username="secretariat")


@pytest.fixture
def council_user(db):
    return UserFactory.council(username="council")


@pytest.fixture
def users(fra_user, deu_user, secretariat_user, council_user):
    """The permission matrix's five users: the owner member, another member, the secretariat,
    council and anonymous (None)."""
    return {
        "owner": fra_user,
        "other": deu_user,
        "secretariat": secretariat_user,
        "council": council_user,
        "anonymous": None,
    }


@pytest.fixture
def api():
    """api(user) -> an API client acting as that user (None: anonymous)."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated data (serialized_rollback): a plain one
    would leave the programme's reference data, content types and permissions flushed for the
    transactional tests after it."""
    plain = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            plain.append(item.nodeid)
    if plain:
        raise pytest.UsageError(
            "transactional tests need serialized_rollback=True: " + ", ".join(plain)
        )
