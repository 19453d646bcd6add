from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """The Security area of the programme (its registers come with the area issue)."""

    name = "security"
    verbose_name = "Security"
