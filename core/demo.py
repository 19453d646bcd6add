"""What every area's demo data shares (`manage.py seed_demo`).

Small helpers the areas' demo modules (governance, facilitation, security, capacity,
cooperation; registered with `core.registry.demo_data`) draw their records with: office-hours
times, days and spans of years, the member administrations and their users, a sample of the
registers' rules checked with `full_clean()`, and the Secretariat's review of what members
submit. Each helper draws from the `rng` it is given, in a fixed order, so a seed gives the
same data.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.choices import WorkflowStatus
from core.models import Member


def at(day, rng):
    """An aware time on `day`, during office hours."""
    moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 480))
    return timezone.make_aware(moment)


def clip(value, low, high):
    return max(low, min(high, value))


def after(day, years):
    return day + timedelta(days=round(365.25 * years))


def between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def validate(rng, records, sample, constraints=True):
    """The registers' rules hold: `full_clean()` on `sample` records (all of them if fewer).
    `constraints=False` leaves the model's constraints to the database, which checks those of
    every record as it is inserted."""
    for record in rng.sample(records, k=min(sample, len(records))):
        record.full_clean(validate_constraints=constraints)


def active_members():
    """The active member administrations, by code, with their region."""
    return list(Member.objects.filter(is_active=True).select_related("region").order_by("code"))


def member_users():
    """{username: user} of the members' demo users (`member-<iso3>`)."""
    return {
        user.username: user
        for user in get_user_model().objects.filter(username__startswith="member-")
    }


class Reviewer:
    """Sets a submission's workflow from the day its member sent it: the Secretariat publishes
    it two to six weeks later; what it has not reviewed yet by today is submitted, validated
    or returned (with the reason `returned_reasons` gives for the record's model); what the
    member sends after today is still a draft. `users` are the members' users
    (`member_users()`); `by` writes what a member has no user for, and reviews."""

    def __init__(self, rng, today, by, users, returned_reasons):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.by = by
        self.users = users
        self.returned_reasons = returned_reasons

    def author(self, member):
        return self.users.get(f"member-{member.code.lower()}", self.by)

    def apply(self, record, sent_on, member):
        rng = self.rng
        author = self.author(member)
        record.created_by = author
        if sent_on > self.today:
            record.status = WorkflowStatus.DRAFT
            record.updated_by = author
        else:
            published_on = sent_on + timedelta(days=rng.randint(12, 45))
            if published_on <= self.today:
                record.status = WorkflowStatus.PUBLISHED
                record.published_at = record.status_changed_at = min(
                    self.now, at(published_on, rng)
                )
            else:
                record.status = rng.choices(
                    [WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED, WorkflowStatus.RETURNED],
                    weights=[55, 30, 15],
                )[0]
                reviewed = sent_on
                if record.status != WorkflowStatus.SUBMITTED:
                    reviewed = min(sent_on + timedelta(days=rng.randint(3, 10)), self.today)
                record.status_changed_at = min(self.now, at(reviewed, rng))
                if record.status == WorkflowStatus.RETURNED:
                    record.returned_reason = self.returned_reasons[type(record)]
            record.updated_by = self.by if record.status != WorkflowStatus.SUBMITTED else author
        record._history_user = record.updated_by
        return record
