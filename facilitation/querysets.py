"""Named queries of the facilitation registers."""

from datetime import date

from django.db.models import Case, DateField, F, Q, Value, When
from django.db.models.functions import Coalesce

from core.querysets import ScopedQuerySet

# The WTO Trade Facilitation Agreement entered into force on 22 February 2017.
TFA_ENTRY_INTO_FORCE = date(2017, 2, 22)


class TFANotificationQuerySet(ScopedQuerySet):
    def with_effective_date(self):
        """`effective`: the day the measure counts as implemented, the WTO's way: category A on
        the Agreement's entry into force; B and C on the day reported as implemented, else the
        definitive date, else the indicative date, else never (null)."""
        return self.annotate(
            effective=Case(
                When(category="A", then=Value(TFA_ENTRY_INTO_FORCE)),
                default=Coalesce(F("implemented_on"), F("definitive_date"), F("indicative_date")),
                output_field=DateField(),
            )
        )

    def implemented_on(self, day):
        """Notifications whose measure counts as implemented on `day`."""
        return self.with_effective_date().filter(effective__lte=day)

    def still_to_come(self, day):
        return self.with_effective_date().filter(Q(effective__gt=day) | Q(effective__isnull=True))
