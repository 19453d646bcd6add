from django.db import models


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Cadence(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class Scope(models.TextChoices):
    PROGRAMME = "programme", "Whole programme"
    AREA = "area", "One strategic area"
    REGION = "region", "One region"


class Audience(models.TextChoices):
    COUNCIL = "council", "Council"
    PUBLIC = "public", "Public"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    FRENCH = "fr", "French"
