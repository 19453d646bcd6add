from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The Better governance area of the programme (its registers come with the area issue)."""

    name = "governance"
    verbose_name = "Better governance"
