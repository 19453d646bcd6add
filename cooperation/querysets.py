"""Named queries of the cooperation registers, and who may read and change them (the roles and
scoping: docs/architecture.md).

An agreement belongs to its parties, not to one member: its parties' users read it whatever its
status or confidentiality and change it; other members read it once published according to its
confidentiality (and restricted or confidential ones only when granted). An information exchange
is read only by its sender, its receiver and those granted it, whatever its classification; the
secretariat too reads only the exchanges its user was named on.
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from cooperation.choices import AgreementStatus
from core.grants import read_permission
from core.querysets import VIEW, ReferenceQuerySet, ScopedQuerySet
from core.roles import is_secretariat, member_ids_for

# Statuses of an agreement that has been in force (it may have ended since).
HAS_BEEN_IN_FORCE = [AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED]


def in_force_filter(day, prefix=""):
    """The condition "the agreement was in force on `day`": it has been in force, had entered
    into force by then, and had neither expired (`expires_on` is its last day in force) nor been
    terminated (`terminated_on` is the first day it no longer applies)."""
    return (
        Q(**{f"{prefix}agreement_status__in": HAS_BEEN_IN_FORCE})
        & Q(**{f"{prefix}entry_into_force__lte": day})
        & (Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": day}))
        & (Q(**{f"{prefix}terminated_on__isnull": True}) | Q(**{f"{prefix}terminated_on__gt": day}))
    )


def twelve_months_to(day):
    """The first day of the twelve months that end on `day` (1 July 2023 for 30 June 2024),
    leap years included."""
    try:
        year_earlier = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        year_earlier = day.replace(year=day.year - 1, day=28)
    return year_earlier + timedelta(days=1)


class AgreementQuerySet(ScopedQuerySet):
    def party_filter(self, member_ids):
        """Agreements one of `member_ids` is a party to: one subquery, no duplicate rows."""
        parties = self.model.parties.through.objects.filter(member_id__in=member_ids)
        return Q(pk__in=parties.values("agreement_id"))

    def for_user(self, user, action=VIEW):
        if is_secretariat(user):
            # Everything but confidential agreements, of which those its user was named on.
            return self.filter(self.staff_filter(user))
        members = member_ids_for(user)
        own = self.party_filter(members)
        if action != VIEW:
            return self.filter(own) if members else self.none()
        if not user.is_authenticated:
            return self.filter(self.published_filter(user))
        readable = own | self.published_filter(user)
        granted = self.granted_filter(user)
        if granted is not None:
            readable |= granted
        return self.filter(readable)

    def in_force_on(self, day):
        return self.filter(in_force_filter(day))

    def expiring_within(self, days, today=None):
        """Agreements in force whose last day in force falls within `days` days of `today`."""
        today = today or date.today()
        return self.filter(
            agreement_status=AgreementStatus.IN_FORCE,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=days),
        )


class InformationExchangeQuerySet(ScopedQuerySet):
    def staff_filter(self, user):
        """The secretariat reads only the exchanges its user was named on, whatever their
        classification (core's filter would let it read every exchange not `confidential`)."""
        granted = self.model.staff_grants().objects.filter(
            user=user, permission__codename=read_permission(self.model)
        )
        return Q(pk__in=granted.values("content_object_id"))

    def for_user(self, user, action=VIEW):
        if is_secretariat(user):
            return self.filter(self.staff_filter(user))
        members = member_ids_for(user)
        if not members:
            # Council and the public never read an exchange: only aggregate counts.
            return self.none()
        sent = Q(sender_id__in=members)
        if action != VIEW:
            # The sender records and corrects its exchanges; the receiver reads them.
            return self.filter(sent)
        readable = sent | Q(receiver_id__in=members)
        granted = self.granted_filter(user)
        if granted is not None:
            readable |= granted
        return self.filter(readable)

    def dated_between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def with_agreement_readable(self, user):
        """Annotate `agreement_readable`: whether `user` reads the agreement an exchange is
        under (one subquery). A member granted an exchange, or staff named on it, may not read a
        confidential agreement: its title is then not shown."""
        agreements = self.model._meta.get_field("agreement").related_model.objects
        readable = agreements.for_user(user, VIEW).filter(pk=OuterRef("agreement_id"))
        return self.annotate(agreement_readable=Exists(readable))


class EventQuerySet(ReferenceQuerySet):
    """Dialogue events and outreach actions: public programme data the secretariat records."""

    def held_between(self, start, end):
        return self.filter(held_on__gte=start, held_on__lte=end)

    def held_in_year_to(self, day):
        """Held in the twelve months that end on `day`."""
        return self.held_between(twelve_months_to(day), day)
