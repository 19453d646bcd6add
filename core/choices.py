from django.db import models


class WorkflowStatus(models.TextChoices):
    """Where a member's submission stands (the workflow: docs/architecture.md)."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    VALIDATED = "validated", "Validated"
    PUBLISHED = "published", "Published"
    RETURNED = "returned", "Returned"


class Confidentiality(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "members", "Members"
    RESTRICTED = "restricted", "Restricted"
    CONFIDENTIAL = "confidential", "Confidential"


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    DONE = "done", "Done"


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class ReportingFrequency(models.TextChoices):
    """How often members report into a register (the reporting cycle)."""

    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    ONCE = "once", "Once"
    ON_EVENT = "on_event", "When it happens"


class IndicatorScope(models.TextChoices):
    PROGRAMME = "programme", "Programme"
    MEMBER = "member", "Member"


class Aggregation(models.TextChoices):
    """How the members' values of a member-scoped indicator make the programme's value."""

    SUM = "sum", "Sum of members' values"
    MEAN = "mean", "Mean of members' values"
    SHARE = "share", "Share of active members (%) with a positive value"


class ObligationState(models.TextChoices):
    """Where one obligation of the reporting cycle stands: `submitted` covers submitted and
    validated records, `done` a published one."""

    OPEN = "open", "Open"
    OVERDUE = "overdue", "Overdue"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    DONE = "done", "Done"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class ReminderKind(models.TextChoices):
    ANNOUNCED = "announced", "New: open for your response"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE_1 = "overdue_1", "Overdue"
    OVERDUE_2 = "overdue_2", "Overdue, a week later"
    OVERDUE_3 = "overdue_3", "Overdue, two weeks later"
