"""What capacity building knows of members' assistance needs, for donor coordination: the
high-priority recommendations of diagnostic missions still open on the day."""

from capacity.choices import Priority
from capacity.models import Recommendation
from core.choices import Confidentiality
from core.registry import Need, assistance_needs


@assistance_needs("capacity.recommendations")
def open_high_priority_recommendations(as_of):
    rows = (
        Recommendation.objects.open_on(as_of)
        .filter(priority=Priority.HIGH)
        .values_list("pk", "member_id", "area__code", "text", "mission__confidentiality")
    )
    # A recommendation says what a diagnostic found: its words go no further than its
    # mission's findings do.
    return [
        Need(
            member_id=member_id,
            area_code=area_code,
            kind="recommendation",
            reference=str(pk),
            label=text,
            priority=Priority.HIGH.value,
            public=confidentiality == Confidentiality.PUBLIC,
        )
        for pk, member_id, area_code, text, confidentiality in rows
    ]
