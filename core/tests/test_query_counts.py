"""Lists and pages cost a fixed number of queries whatever their length.

Each case is measured with 5 and with 50 rows under the same ceiling."""

from datetime import date, timedelta

import pytest

from core.choices import WorkflowStatus
from core.tests.factories import MeasurementFactory, MemberFactory

pytestmark = pytest.mark.django_db


def add_measurements(count, status=WorkflowStatus.PUBLISHED, members=None, first=date(2010, 1, 1)):
    members = members or [MemberFactory() for _ in range(min(count, 10))]
    for i in range(count):
        MeasurementFactory(
            member=members[i % len(members)],
            period_start=first + timedelta(days=31 * i),
            status=status,
        )


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    ("who", "path", "ceiling"),
    [
        # Every request: SAVEPOINT and RELEASE of its transaction (ATOMIC_REQUESTS), the list's
        # count and page. Signed-in users add their groups; member users their member grants.
        ("secretariat", "/api/v1/core/measurements/?page_size=100", 5),
        ("member", "/api/v1/core/measurements/?page_size=100", 6),
        ("anonymous", "/api/v1/core/measurements/?page_size=100", 4),
        ("anonymous", "/api/v1/core/members/?page_size=100", 4),
        ("member", "/api/v1/core/members/?page_size=100", 4),
        # Commitments add the programme snapshot: commitments, milestones, indicators, latest
        # periods, values at those periods, active members, areas.
        ("anonymous", "/api/v1/core/commitments/", 11),
        ("anonymous", "/api/v1/core/indicators/", 4),
        ("anonymous", "/api/v1/core/areas/", 10),
    ],
)
def test_api_lists_cost_a_fixed_number_of_queries(
    api, django_assert_max_num_queries, fra, fra_user, secretariat_user, rows, who, path, ceiling
):
    add_measurements(rows, members=[fra, *(MemberFactory() for _ in range(4))])
    add_measurements(rows, status=WorkflowStatus.SUBMITTED, members=[fra], first=date(2020, 1, 1))
    user = {"secretariat": secretariat_user, "member": fra_user, "anonymous": None}[who]
    client = api(user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize(
    ("path", "ceiling"),
    [
        ("/", 14),
        ("/commitments/TF-1/", 14),
        ("/review/", 30),
        ("/members/", 9),
        ("/reports/", 10),
    ],
)
def test_pages_cost_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, secretariat_user, rows, path, ceiling
):
    add_measurements(rows)
    add_measurements(rows, status=WorkflowStatus.SUBMITTED, first=date(2020, 1, 1))
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(path)
    assert response.status_code == 200
