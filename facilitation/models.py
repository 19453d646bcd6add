"""Trade facilitation: the WTO Trade Facilitation Agreement's measures and members'
notifications, release-time studies, the WCO E-Commerce Framework of Standards and members'
adoption of it, joint activities with the WTO and other organisations, and customs revenue.

TF-1: Customs as key to implementing the TFA, shorter waiting times for legitimate operators.
TF-2: cooperation with the WTO Committee on Trade Facilitation and other organisations.
TF-3: a dynamic framework of standards for e-commerce; effective collection of revenue.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.models import Confidential, DomainModel, MemberScoped, Workflow
from core.querysets import ReferenceQuerySet, ScopedQuerySet
from facilitation.choices import ActivityKind, AdoptionStatus, BorderMode, Category
from facilitation.querysets import TFA_ENTRY_INTO_FORCE, TFANotificationQuerySet


def _long(day):
    return f"{day:%d %B %Y}"


class TFAMeasure(DomainModel):
    """One of the 36 measures of Section I of the Trade Facilitation Agreement (e.g. 7.4, risk
    management)."""

    code = models.CharField(max_length=8, unique=True)
    article = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the Agreement.")

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "TFA measure"

    def __str__(self):
        return f"{self.code} {self.title}"


class TFANotification(DomainModel, MemberScoped, Workflow):
    """A member's notification of its commitment on one TFA measure: its category and the dates
    by which it implements it (one notification per member and measure)."""

    measure = models.ForeignKey(TFAMeasure, on_delete=models.PROTECT, related_name="notifications")
    category = models.CharField(max_length=1, choices=Category.choices)
    indicative_date = models.DateField(null=True, blank=True)
    definitive_date = models.DateField(null=True, blank=True)
    implemented_on = models.DateField(null=True, blank=True)
    assistance_needed = models.TextField(
        blank=True, help_text="Assistance and support for capacity building (category C)."
    )

    objects = TFANotificationQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "measure__position"]
        verbose_name = "TFA notification"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "measure"], name="one_tfa_notification_per_member_and_measure"
            ),
            models.CheckConstraint(
                condition=Q(category__in=["A", "B", "C"]), name="tfa_category_a_b_or_c"
            ),
            models.CheckConstraint(
                condition=~Q(category="C") | ~Q(assistance_needed=""),
                name="tfa_category_c_names_assistance",
            ),
        ]

    def __str__(self):
        return f"{self.member.code} {self.measure.code} ({self.category})"

    def get_absolute_url(self):
        return reverse("facilitation:notification_detail", args=[self.pk])

    @property
    def effective_date(self):
        """The day the measure counts as implemented (None: not known)."""
        if self.category == Category.A:
            return TFA_ENTRY_INTO_FORCE
        return self.implemented_on or self.definitive_date or self.indicative_date

    def clean(self):
        errors = {}
        category = self.category
        dates = {
            "indicative_date": self.indicative_date,
            "definitive_date": self.definitive_date,
            "implemented_on": self.implemented_on,
        }
        if category == Category.A:
            for name in ("indicative_date", "definitive_date"):
                if dates[name]:
                    errors[name] = (
                        "A category A measure is implemented on the Agreement's entry into force: "
                        "it has no indicative or definitive date."
                    )
        if category in (Category.B, Category.C):
            for name, day in dates.items():
                if day and day < TFA_ENTRY_INTO_FORCE:
                    errors[name] = (
                        f"Dates of category {category} commitments cannot come before the TFA's "
                        f"entry into force ({_long(TFA_ENTRY_INTO_FORCE)})."
                    )
            if not (self.indicative_date or self.definitive_date or self.implemented_on):
                errors.setdefault(
                    "indicative_date",
                    f"A category {category} commitment needs an indicative or a definitive date.",
                )
            if self.pk and not self.definitive_date:
                stored = (
                    TFANotification.objects.filter(pk=self.pk)
                    .values_list("definitive_date", flat=True)
                    .first()
                )
                if stored:
                    errors["definitive_date"] = (
                        f"A definitive date was notified ({_long(stored)}): it can be changed "
                        "but not removed."
                    )
        if category == Category.C and not (self.assistance_needed or "").strip():
            errors["assistance_needed"] = (
                "A category C commitment says what assistance and support it needs."
            )
        if self.implemented_on and self.implemented_on > date.today():
            errors["implemented_on"] = "A measure cannot be reported implemented in the future."
        if self.member_id and self.measure_id:
            clash = TFANotification.objects.filter(
                member_id=self.member_id, measure_id=self.measure_id
            )
            if clash.exclude(pk=self.pk).exists():
                errors["measure"] = (
                    "This member has notified this measure: change that notification."
                )
        if errors:
            raise ValidationError(errors)


class ReleaseTimeStudy(DomainModel, MemberScoped, Workflow):
    """A member's time release study for one year and border mode: the average time from
    arrival to release of goods."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    mode = models.CharField("border mode", max_length=6, choices=BorderMode.choices)
    average_release_hours = models.DecimalField(
        "average release time (hours)", max_digits=8, decimal_places=2
    )
    sample_size = models.PositiveIntegerField("declarations measured", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "mode", "year"]
        verbose_name = "release-time study"
        verbose_name_plural = "release-time studies"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year", "mode"], name="one_release_study_per_member_year_mode"
            ),
            models.CheckConstraint(
                condition=Q(average_release_hours__gt=0), name="release_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(sample_size__isnull=True) | Q(sample_size__gte=1),
                name="release_sample_at_least_one",
            ),
        ]

    def __str__(self):
        return f"{self.member.code} {self.year} {self.get_mode_display()}"

    def get_absolute_url(self):
        return reverse("facilitation:study_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.year and self.year > date.today().year:
            errors["year"] = "A study reports a year that has begun."
        if self.average_release_hours is not None and self.average_release_hours <= 0:
            errors["average_release_hours"] = "An average release time is more than zero hours."
        if self.sample_size is not None and self.sample_size < 1:
            errors["sample_size"] = "A study measures at least one declaration."
        if self.member_id and self.year and self.mode:
            clash = ReleaseTimeStudy.objects.filter(
                member_id=self.member_id, year=self.year, mode=self.mode
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["year"] = "This member has a study for that year and mode."
        if errors:
            raise ValidationError(errors)


class EcommerceStandard(DomainModel):
    """A standard of the WCO Framework of Standards on Cross-Border E-Commerce. The framework is
    dynamic: the secretariat revises a standard by giving it a new version and its date; members'
    adoptions keep the version they refer to."""

    number = models.PositiveSmallIntegerField(unique=True)
    principle = models.CharField(max_length=120)
    title = models.CharField(max_length=200)
    since = models.PositiveSmallIntegerField(help_text="Year the standard entered the framework.")
    version = models.PositiveSmallIntegerField(default=1)
    revised_on = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = "e-commerce standard"
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="ecommerce_version_1")
        ]

    def __str__(self):
        return f"Standard {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("facilitation:standard_detail", args=[self.pk])

    def revise(self, revised_on, by, title=None):
        """A new version of the standard from `revised_on` (never before the last revision)."""
        if self.revised_on and revised_on <= self.revised_on:
            raise ValidationError(
                {"revised_on": f"Version {self.version} dates from {_long(self.revised_on)}."}
            )
        if revised_on.year < self.since:
            raise ValidationError({"revised_on": f"The standard dates from {self.since}."})
        self.version += 1
        self.revised_on = revised_on
        if title:
            self.title = title
        self.stamp(by)
        self.full_clean()
        self.save()
        return self


class EcommerceAdoption(DomainModel, MemberScoped, Workflow):
    """How far a member has adopted one e-commerce standard, in the version it refers to."""

    standard = models.ForeignKey(
        EcommerceStandard, on_delete=models.PROTECT, related_name="adoptions"
    )
    version = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The standard's version; the current one if left out."
    )
    # `status` is the submission's workflow status; this is how far the standard is adopted.
    adoption_status = models.CharField(
        max_length=12, choices=AdoptionStatus.choices, default=AdoptionStatus.NOT_STARTED
    )
    planned_on = models.DateField(null=True, blank=True, help_text="Planned adoption date.")
    adopted_on = models.DateField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "standard__number"]
        verbose_name = "e-commerce adoption"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "standard"], name="one_adoption_per_member_and_standard"
            ),
            models.CheckConstraint(
                condition=Q(version__isnull=True) | Q(version__gte=1),
                name="adoption_version_1",
            ),
        ]

    def __str__(self):
        return f"{self.member.code} standard {self.standard.number}"

    def get_absolute_url(self):
        return reverse("facilitation:adoption_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if self.version is None:
            self.version = self.standard.version
        super().save(*args, **kwargs)

    @property
    def is_current(self):
        """Refers to the standard's latest version."""
        return self.version == self.standard.version

    def clean(self):
        errors = {}
        standard = self.standard if self.standard_id else None
        if standard is not None:
            if self.version is None:
                self.version = standard.version
            elif self.version > standard.version:
                errors["version"] = f"Standard {standard.number} is at version {standard.version}."
        if self.adoption_status == AdoptionStatus.PLANNED and not self.planned_on:
            errors["planned_on"] = "Say when the adoption is planned."
        if (
            self.adoption_status in (AdoptionStatus.PARTLY, AdoptionStatus.FULLY)
            and not self.adopted_on
        ):
            errors["adopted_on"] = "Say when the standard was adopted."
        if (
            self.adoption_status in (AdoptionStatus.NOT_STARTED, AdoptionStatus.PLANNED)
            and self.adopted_on
        ):
            errors["adopted_on"] = "A standard not yet adopted has no adoption date."
        if self.adopted_on and self.adopted_on > date.today():
            errors["adopted_on"] = "An adoption date cannot be in the future."
        if standard is not None and self.adopted_on and self.adopted_on.year < standard.since:
            errors["adopted_on"] = f"Standard {standard.number} exists since {standard.since}."
        if standard is not None and self.member_id:
            clash = EcommerceAdoption.objects.filter(
                member_id=self.member_id, standard_id=self.standard_id
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["standard"] = "This member has an adoption record for this standard."
        if errors:
            raise ValidationError(errors)


class JointActivity(DomainModel):
    """An activity with the WTO Committee on Trade Facilitation or another organisation."""

    held_on = models.DateField()
    partner = models.CharField(max_length=150)
    kind = models.CharField(max_length=12, choices=ActivityKind.choices)
    title = models.CharField(max_length=250)
    outcome = models.TextField(blank=True)
    commitment = models.ForeignKey(
        "core.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="joint_activities",
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name_plural = "joint activities"

    def __str__(self):
        return f"{self.title} ({self.partner}, {self.held_on:%d %b %Y})"

    def save(self, *args, **kwargs):
        # Joint activities serve TF-2 (cooperation with the WTO and others) unless told otherwise.
        if self.commitment_id is None:
            from core.models import Commitment

            self.commitment = Commitment.objects.filter(code="TF-2").first()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("facilitation:activity_detail", args=[self.pk])


class RevenueReport(DomainModel, MemberScoped, Workflow, Confidential):
    """A member's customs revenue for a year, and the part collected on cross-border
    e-commerce, where the member reports it."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    currency = models.CharField(max_length=3, help_text="ISO 4217 code, e.g. EUR.")
    total_revenue = models.DecimalField(max_digits=18, decimal_places=2)
    ecommerce_revenue = models.DecimalField(
        "e-commerce revenue", max_digits=18, decimal_places=2, null=True, blank=True
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_revenue_report_a_year"),
            models.CheckConstraint(condition=Q(total_revenue__gte=0), name="revenue_not_negative"),
            models.CheckConstraint(
                condition=Q(ecommerce_revenue__isnull=True)
                | Q(ecommerce_revenue__gte=0, ecommerce_revenue__lte=F("total_revenue")),
                name="ecommerce_revenue_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.member.code} revenue {self.year}"

    def get_absolute_url(self):
        return reverse("facilitation:revenue_detail", args=[self.pk])

    @classmethod
    def staff_grants(cls):
        return RevenueReportStaffGrant

    @property
    def ecommerce_share(self):
        if self.ecommerce_revenue is None or not self.total_revenue:
            return None
        return round(100 * self.ecommerce_revenue / self.total_revenue, 1)

    def clean(self):
        errors = {}
        self.currency = (self.currency or "").upper()
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha()):
            errors["currency"] = "An ISO 4217 code of three letters, e.g. EUR."
        if self.year and self.year > date.today().year:
            errors["year"] = "Revenue is reported for a year that has begun."
        if self.total_revenue is not None and self.total_revenue < 0:
            errors["total_revenue"] = "Revenue cannot be negative."
        if self.ecommerce_revenue is not None:
            if self.ecommerce_revenue < 0:
                errors["ecommerce_revenue"] = "Revenue cannot be negative."
            elif self.total_revenue is not None and self.ecommerce_revenue > self.total_revenue:
                errors["ecommerce_revenue"] = "E-commerce revenue is part of the total revenue."
        if self.member_id and self.year:
            clash = RevenueReport.objects.filter(member_id=self.member_id, year=self.year)
            if clash.exclude(pk=self.pk).exists():
                errors["year"] = "This member has reported revenue for that year."
        if errors:
            raise ValidationError(errors)


class RevenueReportStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read a confidential record (guardian's direct foreign key)."""

    content_object = models.ForeignKey(RevenueReport, on_delete=models.CASCADE)
    history = HistoricalRecords()
