from django.apps import AppConfig


class CapacityConfig(AppConfig):
    """Capacity building: donors, projects and funding, diagnostics and recommendations,
    evaluations, WCO instruments, training, SDGs and donor coordination."""

    name = "capacity"
    verbose_name = "Capacity building"

    def ready(self):
        # Registering with core's registry: the computed indicators, members' assistance
        # needs (open high-priority recommendations) and the demo data.
        from capacity import demo, indicators, needs  # noqa: F401
