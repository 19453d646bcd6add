from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    """The Trade facilitation area of the programme (its registers come with the area issue)."""

    name = "facilitation"
    verbose_name = "Trade facilitation"
