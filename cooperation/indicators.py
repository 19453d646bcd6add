"""The programme indicators this area computes from its registers, recorded as published
measurements by a periodic task (core.computed)."""

from cooperation import services
from core.registry import computed_indicator

computed_indicator("cooperation.dialogues_in_year")(services.dialogues_in_year)
computed_indicator("cooperation.follow_up_actions_on_time")(services.follow_up_actions_on_time)
computed_indicator("cooperation.outreach_actions_in_year")(services.outreach_actions_in_year)
computed_indicator("cooperation.agreements_with_data_protection")(
    services.agreements_with_data_protection
)
