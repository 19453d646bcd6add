from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Better governance: mandates and term limits, decisions, meetings and consultations."""

    name = "governance"
    verbose_name = "Better governance"

    def ready(self):
        # Registering with core's registry: the computed indicators and the report chapter.
        from governance import indicators, report  # noqa: F401
