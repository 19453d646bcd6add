from django.db import models


class Category(models.TextChoices):
    """The TFA's categories of commitment (Section II of the Agreement)."""

    A = "A", "A: implemented on entry into force"
    B = "B", "B: implemented after a transition period"
    C = "C", "C: needs a transition period and capacity-building support"


class BorderMode(models.TextChoices):
    AIR = "air", "Air"
    SEA = "sea", "Sea"
    LAND = "land", "Land"
    POSTAL = "postal", "Postal and express"


class AdoptionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    PLANNED = "planned", "Planned"
    PARTLY = "partly", "Partly adopted"
    FULLY = "fully", "Fully adopted"


class ActivityKind(models.TextChoices):
    MEETING = "meeting", "Joint meeting"
    WORKSHOP = "workshop", "Workshop or seminar"
    PUBLICATION = "publication", "Joint publication or tool"
    ASSISTANCE = "assistance", "Joint technical assistance"
    OTHER = "other", "Other"
