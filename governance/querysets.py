"""Named queries of the governance registers, and who may read them (`for_user`)."""

from datetime import date, timedelta

from django.db.models import Q

from core.querysets import VIEW, ReferenceQuerySet
from core.roles import is_secretariat


class MandateQuerySet(ReferenceQuerySet):
    """Mandates are public: everyone reads them, the secretariat records them."""

    def current(self, on=None):
        on = on or date.today()
        return self.filter(start__lte=on, end__gte=on)

    def ending_within(self, days, today=None):
        """Current mandates that end within `days` days: the positions to fill or renew."""
        today = today or date.today()
        return self.filter(end__gte=today, end__lte=today + timedelta(days=days), start__lte=today)


class DecisionQuerySet(ReferenceQuerySet):
    """A decision is visible to members and the public once the secretariat publishes it."""

    def published(self):
        return self.filter(published_at__isnull=False)

    def for_user(self, user, action=VIEW):
        if is_secretariat(user):
            return self
        if action != VIEW:
            return self.none()
        return self.published()


class AttendanceQuerySet(ReferenceQuerySet):
    def present(self):
        from governance.choices import PRESENT

        return self.filter(presence__in=PRESENT)

    def in_period(self, start, end):
        return self.filter(meeting__held_on__gte=start, meeting__held_on__lte=end)


def in_region(region_code):
    return Q(member__region__code__iexact=region_code)


class DecisionDocumentQuerySet(ReferenceQuerySet):
    """A decision's documents are read with the decision: once it is published."""

    def for_user(self, user, action=VIEW):
        if is_secretariat(user):
            return self
        if action != VIEW:
            return self.none()
        return self.filter(decision__published_at__isnull=False)
