from django.apps import AppConfig


class CooperationConfig(AppConfig):
    """Wider cooperation: partners, agreements and information exchange with data protection,
    stakeholder dialogue and political outreach."""

    name = "cooperation"
    verbose_name = "Wider cooperation"

    def ready(self):
        # Registering with core's registry: the computed indicators, the report chapter and the
        # demo data.
        from cooperation import demo, indicators, report  # noqa: F401
