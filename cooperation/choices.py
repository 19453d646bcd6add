"""The choice sets of the cooperation registers (values on the wire: lower-case snake case)."""

from django.db import models


class PartnerKind(models.TextChoices):
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    BUSINESS_ASSOCIATION = "business_association", "Business association"
    ACADEMIA = "academia", "Academia"
    TAX_AUTHORITY = "tax_authority", "Tax authority"
    OTHER_AGENCY = "other_agency", "Other government agency"
    OTHER = "other", "Other"


class AgreementKind(models.TextChoices):
    """Contract values of an agreement's kind."""

    MOU = "mou", "Memorandum of understanding"
    CMAA = "cmaa", "Customs mutual administrative assistance agreement"
    FRAMEWORK = "framework", "Cooperation framework"
    OTHER = "other", "Other"


class AgreementStatus(models.TextChoices):
    """Contract values of where an agreement stands (not its review: that is `Workflow`)."""

    NEGOTIATING = "negotiating", "Under negotiation"
    SIGNED = "signed", "Signed"
    IN_FORCE = "in_force", "In force"
    EXPIRED = "expired", "Expired"
    TERMINATED = "terminated", "Terminated"


class ExchangeCategory(models.TextChoices):
    ENFORCEMENT = "enforcement", "Enforcement"
    RISK = "risk", "Risk management"
    VALUATION = "valuation", "Valuation"
    ORIGIN = "origin", "Origin"
    OTHER = "other", "Other"


class DialogueKind(models.TextChoices):
    PSCG_MEETING = "pscg_meeting", "Private Sector Consultative Group meeting"
    CONSULTATION = "consultation", "Consultation"
    WORKSHOP = "workshop", "Workshop"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class OutreachKind(models.TextChoices):
    HIGH_LEVEL_MEETING = "high_level_meeting", "High-level meeting"
    STATEMENT = "statement", "Statement"
    FORUM = "forum", "Forum"
    OTHER = "other", "Other"
