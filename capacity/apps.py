from django.apps import AppConfig


class CapacityConfig(AppConfig):
    """The Capacity building area of the programme (its registers come with the area issue)."""

    name = "capacity"
    verbose_name = "Capacity building"
