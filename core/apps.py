from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Regions, members, the programme, measurements, roles and audit: what every area shares."""

    name = "core"
    verbose_name = "Programme and members"
