from django.apps import AppConfig


class CooperationConfig(AppConfig):
    """Wider cooperation: partners, agreements and information exchange with data protection,
    stakeholder dialogue and political outreach."""

    name = "cooperation"
    verbose_name = "Wider cooperation"
