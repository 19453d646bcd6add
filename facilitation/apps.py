from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    """Trade facilitation: TFA implementation, release times, e-commerce standards, revenue."""

    name = "facilitation"
    verbose_name = "Trade facilitation"

    def ready(self):
        # Registering with core's registry: the computed indicators, the report chapter, the
        # demo data and members' assistance needs (category C notifications).
        from facilitation import demo, indicators, needs, report  # noqa: F401
