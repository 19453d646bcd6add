"""Helpers every area's figures share: rates, and what was published by a given day."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from core.choices import WorkflowStatus
from core.models import Member


def rate(part, whole):
    """A percentage rounded to one decimal, or None when nothing was expected."""
    return round(100 * part / whole, 1) if whole else None


def end_of(day):
    """The first moment after `day`: records published before it were public on that day."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def published_by(queryset, day):
    """The records of a submission register that were published by the end of `day`, so that
    a figure about a past day does not move when later data arrives."""
    return queryset.filter(status=WorkflowStatus.PUBLISHED, published_at__lt=end_of(day))


def active_members(day=None):
    members = Member.objects.filter(is_active=True)
    if day is not None:
        members = members.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=day))
    return members


# The fewest members an aggregate of restricted or confidential records may cover: with fewer,
# one member's figure could be inferred (never another member's restricted data).
MINIMUM_MEMBERS = 5


def at_least_five(count, value):
    """`value`, when it covers MINIMUM_MEMBERS members or more, else None."""
    return value if count >= MINIMUM_MEMBERS else None
