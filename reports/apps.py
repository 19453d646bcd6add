from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Periodic transparency reports: schedules, report runs, PDF rendering and their tasks."""

    name = "reports"
    verbose_name = "Transparency reports"
