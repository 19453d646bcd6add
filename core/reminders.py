"""Reminders: member administrations' users are emailed what their administration owes, before
it is due (`REMINDER_DAYS_BEFORE`, 14 days by default) and once it is overdue (then a week
later, and a week after that: three times at most) (docs/reporting-cycle.md).

Each item (member, register, subject, period, kind) is sent once whatever the number of runs or
of beats at once: a run first inserts the items it finds into `Reminder`, where a unique
constraint lets only one run have each, then sends only the items it inserted. Each user gets
one email a run, listing all their items; users who opted out on their account page get none.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import timezone

from core import cycle
from core.choices import ObligationState, ReminderKind
from core.models import MemberGroupObjectPermission, Reminder, ReminderRun
from core.roles import ACT_FOR_MEMBER

OVERDUE_STEPS = [
    (ReminderKind.OVERDUE_3, 15),
    (ReminderKind.OVERDUE_2, 8),
    (ReminderKind.OVERDUE_1, 1),
]


def kind_for(obligation, today):
    """Which reminder an obligation calls for today, if any."""
    if obligation.state == ObligationState.OPEN:
        days_left = (obligation.due_on - today).days
        if 0 <= days_left <= settings.REMINDER_DAYS_BEFORE:
            return ReminderKind.DUE_SOON
        return None
    if obligation.state in (ObligationState.OVERDUE, ObligationState.RETURNED):
        late = (today - obligation.due_on).days
        for kind, after in OVERDUE_STEPS:
            if late >= after:
                return kind
    return None


def claim_items(today, run=None):
    """Insert today's reminder items; return those this run inserted (and so sends)."""
    run = run or uuid.uuid4()
    wanted = []
    for obligation in cycle.obligations(today=today):
        kind = kind_for(obligation, today)
        if kind is not None:
            wanted.append(
                Reminder(
                    member=obligation.member,
                    register=obligation.register.path,
                    subject=obligation.subject,
                    period_start=obligation.period_start,
                    kind=kind,
                    due_on=obligation.due_on,
                    run=run,
                )
            )
    wanted.extend(announcements(today, run))
    # The items some run already has (SQLite, the embedded default, cannot enforce the unique
    # constraint over null periods; PostgreSQL does, for runs at the same moment).
    sent = set(
        Reminder.objects.filter(member__in={r.member_id for r in wanted}).values_list(
            "member_id", "register", "subject", "period_start", "kind"
        )
    )
    new = [
        r
        for r in wanted
        if (r.member_id, r.register, r.subject, r.period_start, r.kind) not in sent
    ]
    Reminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return list(
        Reminder.objects.filter(run=run).select_related("member").order_by("due_on", "register")
    )


def announcements(today, run):
    """Items telling every active member of what opened for its response (a consultation),
    except the members that answered it already."""
    from core import registry
    from core.models import Member

    items = []
    members = None
    for declared in registry.registers():
        if declared.announcements is None:
            continue
        opened = list(declared.announcements(today))
        if not opened:
            continue
        if members is None:
            members = list(Member.objects.filter(is_active=True).order_by("code"))
        answered = set()
        if declared.expected_per:
            key = f"{declared.expected_per}__{declared.subject_key}"
            answered = set(
                declared.model.objects.filter(
                    **{f"{key}__in": [s for s, _, _ in opened]}
                ).values_list("member_id", key)
            )
        for subject, due_on, note in opened:
            for member in members:
                if (member.pk, subject) not in answered:
                    items.append(
                        Reminder(
                            member=member,
                            register=declared.path,
                            subject=subject,
                            kind=ReminderKind.ANNOUNCED,
                            due_on=due_on,
                            note=note[:300],
                            run=run,
                        )
                    )
    return items


def recipients_by_member(member_ids):
    """{member id: [users to email]}: the member's active users with an email address, who did
    not opt out of reminders."""
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__in=MemberGroupObjectPermission.objects.filter(
                content_object_id__in=member_ids, permission__codename=ACT_FOR_MEMBER
            ).values("group_id"),
        )
        .exclude(email="")
        .exclude(platform_settings__receives_reminders=False)
        .distinct()
    )
    grants = MemberGroupObjectPermission.objects.filter(
        content_object_id__in=member_ids,
        permission__codename=ACT_FOR_MEMBER,
        group__user__in=users,
    ).values_list("content_object_id", "group__user")
    by_id = {user.pk: user for user in users}
    found = {}
    for member_id, user_id in grants:
        found.setdefault(member_id, []).append(by_id[user_id])
    return found


def send_reminders(today=None):
    """Send today's reminders: one digest per user. Returns (items sent, emails sent), and
    leaves the run's record."""
    today = today or timezone.localdate()
    record = ReminderRun.objects.create(run=uuid.uuid4())
    items = claim_items(today, record.run)
    sent = send_items(items, today)
    record.items, record.emails, record.finished_at = len(items), sent, timezone.now()
    record.save()
    return len(items), sent


def send_items(items, today):
    """Email the items, one digest per user; returns the emails sent."""
    if not items:
        return 0
    recipients = recipients_by_member({item.member_id for item in items})
    by_user = {}
    for item in items:
        for user in recipients.get(item.member_id, []):
            by_user.setdefault(user, []).append(item)
    messages = []
    for user, user_items in sorted(by_user.items(), key=lambda pair: pair[0].username):
        announced = [i for i in user_items if i.kind == ReminderKind.ANNOUNCED]
        owed = [i for i in user_items if i.kind != ReminderKind.ANNOUNCED]
        subject = ", ".join(
            part
            for part in (
                f"{len(announced)} open for your response" if announced else "",
                f"{len(owed)} due or overdue" if owed else "",
            )
            if part
        )
        context = {
            "user": user,
            "member": user_items[0].member,
            "announced": announced,
            "owed": owed,
            "today": today,
        }
        messages.append(
            (
                f"WCO reporting: {subject}",
                render_to_string("core/email/reminder_digest.txt", context),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        )
    sent_emails = send_mass_mail(messages, fail_silently=False) if messages else 0
    now = timezone.now()
    counts = {}
    for user_items in by_user.values():
        for item in user_items:
            counts[item.pk] = counts.get(item.pk, 0) + 1
    for item in items:
        item.recipients = counts.get(item.pk, 0)
        item.sent_at = now
    Reminder.objects.bulk_update(items, ["recipients", "sent_at"])
    return sent_emails


def overdue_after(due_on: date, kind):
    """The day an overdue reminder of `kind` becomes due (for the pages)."""
    return due_on + timedelta(days=dict(OVERDUE_STEPS)[kind])
