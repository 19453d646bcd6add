from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    """Trade facilitation: TFA implementation, release times, e-commerce standards, revenue."""

    name = "facilitation"
    verbose_name = "Trade facilitation"

    def ready(self):
        # Registering with core's registry: the computed indicators, the report chapter and the
        # demo data.
        from facilitation import demo, indicators, report  # noqa: F401
