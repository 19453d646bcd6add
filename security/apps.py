from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security: SAFE adoption, AEO programmes, Customs in national security strategies."""

    name = "security"
    verbose_name = "Security"

    def ready(self):
        # Registering with core's registry: the computed indicators, the report chapter and the
        # demo data.
        from security import demo, indicators, report  # noqa: F401
