from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Better governance: mandates and term limits, decisions, meetings and consultations."""

    name = "governance"
    verbose_name = "Better governance"

    def ready(self):
        # Registering with core's registry: the computed indicators, the report chapter and the
        # demo data.
        from governance import demo, indicators, report  # noqa: F401
