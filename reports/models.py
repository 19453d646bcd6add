"""Transparency reports: what is made when (schedules), and each report made (runs)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.models import DomainModel, Region, StrategicArea
from reports.choices import Audience, Cadence, Language, ReportStatus, Scope
from reports.querysets import ReportQuerySet, ScheduleQuerySet

CADENCE_MONTHS = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3, Cadence.ANNUAL: 12}


def last_complete_period(cadence, today):
    """The most recent whole month, quarter or year that ended before `today`."""
    months = CADENCE_MONTHS[cadence]
    first_of_month = today.replace(day=1)
    index = first_of_month.year * 12 + first_of_month.month - 1
    end_index = index - (index % months)  # the current period's first month
    start_index = end_index - months
    start = date(start_index // 12, start_index % 12 + 1, 1)
    end = date(end_index // 12, end_index % 12 + 1, 1) - timedelta(days=1)
    return start, end


class ReportSchedule(DomainModel):
    """A periodic transparency report: its cadence, scope, language and audience."""

    name = models.CharField(max_length=200, unique=True)
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.PROGRAMME)
    area = models.ForeignKey(StrategicArea, null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.COUNCIL)
    is_active = models.BooleanField(default=True)

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope=Scope.PROGRAMME, area__isnull=True, region__isnull=True)
                    | Q(scope=Scope.AREA, area__isnull=False, region__isnull=True)
                    | Q(scope=Scope.REGION, region__isnull=False, area__isnull=True)
                ),
                name="report_schedule_scope_names_its_subject",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.scope == Scope.AREA and not self.area_id:
            raise ValidationError({"area": "An area report names its area."})
        if self.scope == Scope.REGION and not self.region_id:
            raise ValidationError({"region": "A regional report names its region."})
        if self.scope != Scope.AREA:
            self.area = None
        if self.scope != Scope.REGION:
            self.region = None

    def last_complete_period(self, today=None):
        return last_complete_period(self.cadence, today or timezone.localdate())


class Report(DomainModel):
    """One report of a schedule for one period: its status, file, checksum and timings.

    There is one per schedule and period; a worker claims it (a conditional UPDATE) before
    making it, so running it twice never makes a second file.
    """

    schedule = models.ForeignKey(ReportSchedule, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED, db_index=True
    )
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    previous_sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    bytes = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period_start", "period_end"], name="one_report_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_is_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.schedule.name}, {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    def get_download_url(self):
        return reverse("reports:report_download", args=[self.pk])

    @property
    def filename(self):
        return f"wco-transparency-{self.schedule_id}-{self.period_start:%Y-%m-%d}.pdf"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period cannot end before it starts."})
        if self.period_end and self.period_end > timezone.localdate():
            raise ValidationError({"period_end": "A report covers a period that has ended."})
