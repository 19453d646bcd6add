from django.db import models


class AEOStatus(models.TextChoices):
    """Where a member's Authorized Economic Operator programme stands (contract values)."""

    NONE = "none", "None"
    PLANNED = "planned", "Planned"
    PILOT = "pilot", "Pilot"
    OPERATIONAL = "operational", "Operational"


class AEOCoverage(models.TextChoices):
    SECURITY = "security", "Security and safety"
    COMPLIANCE = "compliance", "Customs compliance"
    BOTH = "both", "Security and compliance"


class Involvement(models.TextChoices):
    FULLY = "fully", "Involved fully"
    PARTLY = "partly", "Involved partly"
    NOT = "not", "Not involved"


class Readiness(models.TextChoices):
    """How far access to passenger data (API or PNR) has come."""

    NONE = "none", "None"
    PLANNED = "planned", "Planned"
    PILOT = "pilot", "Pilot"
    OPERATIONAL = "operational", "Operational"


class RecognitionStatus(models.TextChoices):
    """Contract values of a mutual recognition arrangement's status."""

    NEGOTIATING = "negotiating", "Under negotiation"
    SIGNED = "signed", "Signed"
    IMPLEMENTED = "implemented", "Implemented"
