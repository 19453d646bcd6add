from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Security: SAFE adoption, AEO programmes, Customs in national security strategies."""

    name = "security"
    verbose_name = "Security"
