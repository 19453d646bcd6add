from django.apps import AppConfig


class CooperationConfig(AppConfig):
    """The Wider cooperation area of the programme (its registers come with the area issue)."""

    name = "cooperation"
    verbose_name = "Wider cooperation"
