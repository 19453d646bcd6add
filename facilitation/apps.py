from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    """Trade facilitation: TFA implementation, release times, e-commerce standards, revenue."""

    name = "facilitation"
    verbose_name = "Trade facilitation"
