from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Better governance: mandates and term limits, decisions, meetings and consultations."""

    name = "governance"
    verbose_name = "Better governance"
