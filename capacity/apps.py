from django.apps import AppConfig


class CapacityConfig(AppConfig):
    """Capacity building: donors, projects and funding, diagnostics and recommendations,
    evaluations, WCO instruments, training, SDGs and donor coordination."""

    name = "capacity"
    verbose_name = "Capacity building"
