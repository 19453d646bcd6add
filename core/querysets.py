"""The one scoping of records to a user (docs/architecture.md).

Every view, viewset and task that lists records goes through `for_user(user, action)`, so the
rule is written once and is one database filter.
"""

from django.db import models
from django.db.models import Q

from core.choices import Confidentiality, WorkflowStatus
from core.roles import is_secretariat, member_ids_for

VIEW = "view"
CHANGE = "change"


class ScopedQuerySet(models.QuerySet):
    """Records that belong to one member, may follow the workflow and may carry confidentiality."""

    def _has_field(self, name):
        return any(f.name == name for f in self.model._meta.get_fields())

    def published_filter(self, user):
        """What anyone in `user`'s audience may read of other members' data."""
        condition = Q()
        if self._has_field("status"):
            condition &= Q(status=WorkflowStatus.PUBLISHED)
        if self._has_field("confidentiality"):
            levels = [Confidentiality.PUBLIC]
            if user.is_authenticated:
                levels.append(Confidentiality.MEMBERS)
            condition &= Q(confidentiality__in=levels)
        return condition

    def granted_filter(self, user):
        """Records another member granted the user's members to read (guardian object
        permissions on the model's direct foreign-key table, `read_grants`), once published:
        one subquery, never object by object."""
        grants = getattr(self.model, "read_grants", None)
        if grants is None or not user.is_authenticated:
            return None
        from core.grants import read_permission

        granted = grants().objects.filter(
            group__user=user, permission__codename=read_permission(self.model)
        )
        condition = Q(pk__in=granted.values("content_object_id"))
        if self._has_field("status"):
            condition &= Q(status=WorkflowStatus.PUBLISHED)
        return condition

    def staff_filter(self, user):
        """What the secretariat may read: everything but `confidential` records,
        of which only those its user was granted by name (guardian object permissions on the
        model's direct foreign-key table, `staff_grants`): one subquery."""
        if not self._has_field("confidentiality"):
            return Q()
        condition = ~Q(confidentiality=Confidentiality.CONFIDENTIAL)
        grants = getattr(self.model, "staff_grants", None)
        if grants is not None:
            from core.grants import read_permission

            granted = grants().objects.filter(
                user=user, permission__codename=read_permission(self.model)
            )
            condition |= Q(pk__in=granted.values("content_object_id"))
        return condition

    def for_user(self, user, action=VIEW):
        if is_secretariat(user):
            return self.filter(self.staff_filter(user))
        own = Q(member_id__in=member_ids_for(user))
        if action != VIEW:
            return self.filter(own) if member_ids_for(user) else self.none()
        if not user.is_authenticated:
            return self.filter(self.published_filter(user))
        readable = own | self.published_filter(user)
        granted = self.granted_filter(user)
        if granted is not None:
            readable |= granted
        return self.filter(readable)

    def published(self):
        return self.filter(status=WorkflowStatus.PUBLISHED)


class PrivateQuerySet(ScopedQuerySet):
    """Records read only by their own member and the secretariat: nothing of them is published
    (a due-date extension)."""

    def published_filter(self, user):
        return Q(pk__in=[])


class ReferenceQuerySet(models.QuerySet):
    """Reference and programme data: everyone reads it, only the secretariat changes it."""

    def for_user(self, user, action=VIEW):
        if action == VIEW or is_secretariat(user):
            return self
        return self.none()


class PeriodLockQuerySet(models.QuerySet):
    """Locks of reporting periods: everyone signed in reads them; the secretariat keeps them."""

    def for_user(self, user, action=VIEW):
        if is_secretariat(user) or (action == VIEW and user.is_authenticated):
            return self
        return self.none()

    def active(self):
        return self.filter(unlocked_at__isnull=True)

    def covering(self, register, start, end):
        """Active locks whose period holds the whole of `start`..`end`, of this register or of
        every register."""
        return self.active().filter(
            Q(register="") | Q(register=register), period_start__lte=start, period_end__gte=end
        )
