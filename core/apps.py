from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Regions, members, the programme, measurements, roles and audit: what every area shares,
    and the registry every app declares its registers and contributions to."""

    name = "core"
    verbose_name = "Programme and members"

    def ready(self):
        from core import checks, registry  # noqa: F401  (checks: registered on import)

        registry.autodiscover()
