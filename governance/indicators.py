"""The programme indicators this area computes from its registers, recorded as published
measurements by `core.tasks.record_computed_indicators`."""

from core.registry import computed_indicator
from governance import services

computed_indicator("governance.mandates_within_term_limits")(services.mandates_within_term_limits)
computed_indicator("governance.meeting_participation_rate")(services.meeting_participation_rate)
computed_indicator("governance.consultation_response_rate")(services.consultation_response_rate)
computed_indicator("governance.decisions_published_within_30_days")(
    services.decisions_published_within_30_days
)
