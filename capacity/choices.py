from django.db import models


class DonorKind(models.TextChoices):
    """Who funds or partners in capacity building: donors (the first four) and partners."""

    BILATERAL = "bilateral", "Bilateral donor"
    MULTILATERAL = "multilateral", "Multilateral donor"
    PRIVATE = "private", "Private sector"
    FOUNDATION = "foundation", "Foundation"
    DEVELOPMENT_AGENCY = "development_agency", "Development agency"
    ACADEMIA = "academia", "Academia"


class ProjectStatus(models.TextChoices):
    PIPELINE = "pipeline", "Pipeline"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class DiagnosticTool(models.TextChoices):
    WCO_DIAGNOSTIC_FRAMEWORK = "wco_diagnostic_framework", "WCO diagnostic framework"
    PMM = "pmm", "Performance Measurement Mechanism"
    TIME_RELEASE_STUDY = "time_release_study", "Time release study"
    INTEGRITY_SELF_ASSESSMENT = "integrity_self_assessment", "Integrity self-assessment"
    OTHER = "other", "Other"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class FollowUp(models.TextChoices):
    """Where the follow-up of a diagnostic recommendation stands."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class InstrumentKind(models.TextChoices):
    CONVENTION = "convention", "Convention"
    FRAMEWORK = "framework", "Framework of standards"
    DECLARATION = "declaration", "Declaration"
    TOOL = "tool", "Tool or guide"


class Uptake(models.TextChoices):
    """How far a member has taken up a WCO instrument. Members accede to conventions; they
    apply frameworks, declarations and tools."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    APPLIED = "applied", "Applied"
    ACCEDED = "acceded", "Acceded"


class Modality(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    E_LEARNING = "e_learning", "E-learning"
    BLENDED = "blended", "Blended"
