"""What facilitation knows of members' assistance needs, for donor coordination to match with
what donors fund: the TFA measures a member notified in category C (implementation needs
capacity-building support), published, not yet implemented, with the assistance it asks for."""

from django.db.models import Q

from core.figures import published_by
from core.registry import Need, assistance_needs
from facilitation.choices import Category
from facilitation.models import TFANotification


@assistance_needs("facilitation.tfa_category_c")
def category_c_needs(as_of):
    notifications = (
        published_by(TFANotification.objects, as_of)
        .filter(category=Category.C)
        .exclude(assistance_needed="")
        .filter(Q(implemented_on__isnull=True) | Q(implemented_on__gt=as_of))
        .values_list("member_id", "measure__code", "measure__title", "assistance_needed")
    )
    # Published notifications are public: so is the need they state.
    return [
        Need(
            member_id=member_id,
            area_code="facilitation",
            kind="tfa_category_c",
            reference=code,
            label=f"TFA {code} {title}: {assistance}",
            priority="high",
            public=True,
        )
        for member_id, code, title, assistance in notifications
    ]
