"""Reminders: members' users are emailed what is due soon and what is overdue (then weekly,
three times at most), one email a user a run, each item once whatever the number of runs."""

import time
from datetime import date, timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from core import reminders
from core.choices import ReminderKind, WorkflowStatus
from core.models import Reminder, ReminderRun, UserSettings
from core.tests.factories import MemberFactory, UserFactory
from security.tests.factories import AEOProgrammeFactory
from wco_platform.celery import app

AEO = "security/aeo-programmes"
# France's AEO programme record is due 60 days after the cycle starts (1 January 2022).
DUE = date(2022, 3, 2)


@pytest.fixture
def fra_users(fra):
    return [
        UserFactory.for_member(fra, username="fra-a", email="a@douane.example"),
        UserFactory.for_member(fra, username="fra-b", email="b@douane.example"),
    ]


def aeo_items(today):
    return [r for r in reminders.claim_items(today) if r.register == AEO]


@pytest.mark.django_db
def test_an_obligation_is_reminded_before_it_is_due_and_weekly_once_overdue(fra):
    expected = [
        (DUE - timedelta(days=20), None),
        (DUE - timedelta(days=14), ReminderKind.DUE_SOON),
        (DUE, ReminderKind.DUE_SOON),
        (DUE + timedelta(days=1), ReminderKind.OVERDUE_1),
        (DUE + timedelta(days=8), ReminderKind.OVERDUE_2),
        (DUE + timedelta(days=15), ReminderKind.OVERDUE_3),
        (DUE + timedelta(days=22), ReminderKind.OVERDUE_3),
    ]
    for today, kind in expected:
        found = list(reminders.cycle.obligations(today=today, register_paths=[AEO]))
        assert [reminders.kind_for(o, today) for o in found] == [kind], today


@pytest.mark.django_db
def test_each_item_is_sent_once_however_many_runs(fra, fra_users):
    first = reminders.send_reminders(today=DUE + timedelta(days=1))
    assert first[1] == 2  # one email to each of France's users
    assert reminders.send_reminders(today=DUE + timedelta(days=1)) == (0, 0)
    assert reminders.send_reminders(today=DUE + timedelta(days=3)) == (0, 0)
    # A week later, the second reminder of the same items; then the third; then no more.
    assert reminders.send_reminders(today=DUE + timedelta(days=8))[1] == 2
    assert reminders.send_reminders(today=DUE + timedelta(days=15))[1] == 2
    assert reminders.send_reminders(today=DUE + timedelta(days=40)) == (0, 0)
    kinds = set(Reminder.objects.filter(register=AEO).values_list("kind", flat=True))
    assert kinds == {ReminderKind.OVERDUE_1, ReminderKind.OVERDUE_2, ReminderKind.OVERDUE_3}
    assert len(mail.outbox) == 6


@pytest.mark.django_db
def test_one_digest_per_user_lists_every_item(fra, fra_users):
    AEOProgrammeFactory(member=fra, status=WorkflowStatus.PUBLISHED)  # done: not reminded
    reminders.send_reminders(today=DUE + timedelta(days=1))
    message = next(m for m in mail.outbox if m.to == ["a@douane.example"])
    assert "security/aeo-programmes" not in message.body
    assert "security/safe-adoptions" in message.body
    assert "account page" in message.body
    assert len([m for m in mail.outbox if m.to == ["a@douane.example"]]) == 1


@pytest.mark.django_db
def test_a_user_who_opted_out_gets_no_reminder(fra, fra_users):
    UserSettings.objects.create(user=fra_users[0], receives_reminders=False)
    reminders.send_reminders(today=DUE + timedelta(days=1))
    assert [m.to for m in mail.outbox] == [["b@douane.example"]]
    item = Reminder.objects.filter(register=AEO, member=fra).get()
    assert item.recipients == 1 and item.sent_at is not None


@pytest.mark.django_db
def test_only_the_members_own_users_are_reminded(fra, fra_users):
    other = MemberFactory()
    UserFactory.for_member(other, username="other", email="o@customs.example")
    reminders.send_reminders(today=DUE + timedelta(days=1))
    for message in mail.outbox:
        if message.to == ["o@customs.example"]:
            assert "France" not in message.body
    assert {tuple(m.to) for m in mail.outbox} == {
        ("a@douane.example",),
        ("b@douane.example",),
        ("o@customs.example",),
    }


@pytest.mark.django_db
def test_a_user_opts_out_on_the_account_page(client, fra_user):
    client.force_login(fra_user)
    assert client.get("/account/").status_code == 200
    client.post("/account/", {})  # the box unticked
    assert UserSettings.objects.get(user=fra_user).receives_reminders is False


@pytest.mark.django_db
def test_the_secretariat_sees_what_was_sent(client, fra, fra_users, secretariat_user, fra_user):
    reminders.send_reminders(today=DUE + timedelta(days=1))
    client.force_login(secretariat_user)
    page = client.get("/reminders/?member=FRA").content.decode()
    assert "security/aeo-programmes" in page and "Overdue" in page
    client.force_login(fra_user)
    assert client.get("/reminders/").status_code == 403


@pytest.fixture
def real_worker(settings):
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.task_always_eager = True


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_by_a_real_worker_send_each_item_once(real_worker, fra, fra_users):
    from core.tasks import send_reminders

    # Two beats at once: both runs are queued before either starts.
    send_reminders.delay()
    send_reminders.delay()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if ReminderRun.objects.filter(finished_at__isnull=False).count() == 2:
            break
        time.sleep(0.2)
    first, second = ReminderRun.objects.order_by("started_at")
    assert first.emails == 2 and first.items > 0
    assert (second.items, second.emails) == (0, 0)
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(member=fra).count() == first.items


@pytest.mark.django_db
def test_members_are_told_once_of_a_consultation_that_opens(fra, deu, fra_users):
    from governance.tests.factories import ConsultationFactory, ConsultationResponseFactory

    today = date(2026, 12, 4)
    consultation = ConsultationFactory(
        reference="C-2026-09",
        title="Draft guidance on e-commerce returns",
        opened_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=28),
    )
    UserFactory.for_member(deu, username="deu-a", email="deu@zoll.example")
    ConsultationResponseFactory(member=deu, consultation=consultation)  # Germany answered
    reminders.send_reminders(today=today)
    told = Reminder.objects.filter(kind=ReminderKind.ANNOUNCED)
    assert [(r.member.code, r.subject) for r in told] == [("FRA", "C-2026-09")]
    message = next(m for m in mail.outbox if m.to == ["a@douane.example"])
    assert "Consultation C-2026-09: Draft guidance on e-commerce returns" in message.body
    assert "open for your response" in message.subject
    mail.outbox.clear()
    reminders.send_reminders(today=today + timedelta(days=1))
    assert not [m for m in mail.outbox if "C-2026-09" in m.body]
