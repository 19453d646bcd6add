from django.db import models


class Outcome(models.TextChoices):
    """What a body decided on an item."""

    ADOPTED = "adopted", "Adopted"
    REJECTED = "rejected", "Rejected"
    DEFERRED = "deferred", "Deferred"
    NOTED = "noted", "Noted"


class Presence(models.TextChoices):
    """How a member administration took part in a meeting."""

    IN_PERSON = "in_person", "Present in person"
    REMOTE = "remote", "Present remotely"
    ABSENT = "absent", "Absent"


PRESENT = [Presence.IN_PERSON, Presence.REMOTE]
