"""The programme indicators this area computes from its registers, recorded as published
programme measurements by a periodic task (docs/architecture.md)."""

from capacity import services
from core.registry import computed_indicator

computed_indicator("capacity.ended_projects_evaluated")(services.ended_projects_evaluated)
computed_indicator("capacity.recommendations_followed_up")(services.recommendations_followed_up)
computed_indicator("capacity.active_projects_aligned")(services.active_projects_aligned)
computed_indicator("capacity.sdg_funding_disbursed")(services.sdg_funding_disbursed)
