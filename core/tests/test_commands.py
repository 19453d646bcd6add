"""The members loader (all rows or none) and the demo data."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.choices import WorkflowStatus
from core.models import Measurement, Member
from core.roles import member_ids_for
from core.services import MEMBERS_CSV, load_members
from core.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def write(tmp_path, text):
    path = tmp_path / "members.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_members_file_loads_186_members_in_six_regions():
    created, updated = load_members(MEMBERS_CSV)
    assert (created, updated) == (186, 0)
    assert Member.objects.values("region").distinct().count() == 6
    assert load_members(MEMBERS_CSV) == (0, 0)  # loading again changes nothing


def test_loading_creates_updates_and_gives_each_member_its_group(tmp_path):
    MemberFactory(code="FRA", name="France (old name)")
    path = write(
        tmp_path,
        "code,name,region,joined_on\nFRA,France,EUR,1952-11-04\nsen,Senegal,WCA,1976-01-01\n",
    )
    assert load_members(path) == (1, 1)
    senegal = Member.objects.get(code="SEN")
    user = get_user_model().objects.create(username="dakar")
    user.groups.add(senegal.group)
    assert member_ids_for(user) == {senegal.pk}
    assert Member.objects.get(code="FRA").name == "France"


def test_a_file_with_a_bad_row_loads_nothing_and_names_every_bad_line(tmp_path):
    path = write(
        tmp_path,
        "code,name,region,joined_on\nSEN,Senegal,WCA,1976-01-01\n"
        "XX,Nowhere,WCA,\nMLI,Mali,ATLANTIS,\nNER,Niger,WCA,someday\n",
    )
    with pytest.raises(CommandError) as error:
        call_command("load_members", str(path))
    message = str(error.value)
    assert "line 3" in message and "line 4" in message and "line 5" in message
    assert not Member.objects.filter(code="SEN").exists()


def test_seed_demo_makes_users_and_years_of_data_once():
    members = [MemberFactory(code=code) for code in ("FRA", "DEU", "SEN")]
    out = StringIO()
    call_command("seed_demo", "--no-report", stdout=out)
    User = get_user_model()
    assert (
        User.objects.filter(
            username__in=["secretariat", "council", "member-fra", "member-deu", "member-sen"]
        ).count()
        == 5
    )
    fra_user = User.objects.get(username="member-fra")
    assert member_ids_for(fra_user) == {members[0].pk}
    assert fra_user.check_password("demo-password")
    count = Measurement.objects.count()
    periods = Measurement.objects.values("period_start").distinct().count()
    assert periods == 20  # five years, quarterly
    statuses = set(Measurement.objects.values_list("status", flat=True))
    assert WorkflowStatus.PUBLISHED in statuses and WorkflowStatus.SUBMITTED in statuses
    assert Measurement.history.count() == count  # demo data is audited too
    assert "demo-password" in out.getvalue()

    call_command("seed_demo", "--no-report", stdout=StringIO())
    assert Measurement.objects.count() == count


def test_seed_demo_scale_multiplies_the_history():
    MemberFactory(code="FRA")
    call_command("seed_demo", "--no-report", "--scale", "2", stdout=StringIO())
    assert Measurement.objects.values("period_start").distinct().count() == 40


@override_settings(PRODUCTION=True)
def test_seed_demo_refuses_the_production_settings_and_makes_no_user():
    MemberFactory(code="FRA")
    with pytest.raises(CommandError, match="refuses to run with the production settings"):
        call_command("seed_demo", "--no-report", stdout=StringIO())
    assert not get_user_model().objects.filter(username="member-fra").exists()
    assert not Measurement.objects.exists()


@override_settings(PRODUCTION=True)
def test_seed_demo_runs_on_production_settings_when_forced():
    MemberFactory(code="FRA")
    call_command("seed_demo", "--no-report", "--force", stdout=StringIO())
    assert get_user_model().objects.get(username="member-fra").check_password("demo-password")
