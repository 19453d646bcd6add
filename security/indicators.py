"""The programme indicators this area computes from its registers."""

from core.registry import computed_indicator
from security import services

computed_indicator("security.members_in_security_strategy")(services.members_in_security_strategy)
computed_indicator("security.members_with_operational_aeo")(services.members_with_operational_aeo)
computed_indicator("security.members_with_operational_api")(services.members_with_operational_api)
computed_indicator("security.members_with_operational_pnr")(services.members_with_operational_pnr)
computed_indicator("security.implemented_recognitions")(services.implemented_recognitions)
computed_indicator("security.median_maturity")(services.median_maturity)
