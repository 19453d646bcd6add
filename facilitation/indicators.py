"""The programme indicators this area computes from its registers, recorded as published
measurements by a periodic task (`core.computed`)."""

from core.registry import computed_indicator
from facilitation import services

computed_indicator("facilitation.tfa_implementation_rate")(services.tfa_implementation_rate)
computed_indicator("facilitation.median_release_time_reduction")(
    services.median_release_time_reduction
)
computed_indicator("facilitation.joint_activities_in_year")(services.joint_activities_in_year_to)
computed_indicator("facilitation.members_adopting_half_of_the_standards")(
    services.members_adopting_half_of_the_standards
)
