"""Capacity building: donors and partners, technical-assistance projects and their funding,
diagnostic missions and their recommendations, project evaluations, WCO instruments (members'
uptake and the secretariat's reviews of their relevance and impact) and training.

CB-1: diagnostic tools to analyse the relevance and impact of WCO instruments, and project
evaluation.
CB-2: technical assistance aligned with members' strategic plans; better donor coordination.
CB-3: Customs in the UN 2030 Agenda (the SDGs projects contribute to).

Who writes what: the secretariat keeps donors, projects, funding, missions, evaluations and
instrument reviews (public programme data, except the missions' findings, `restricted` by
default and shared by grants); members update the follow-up of their own recommendations and
report, through the submission workflow, their uptake of instruments and their training.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import MD5
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from capacity.choices import (
    DiagnosticTool,
    DonorKind,
    FollowUp,
    InstrumentKind,
    Modality,
    Priority,
    ProjectStatus,
    Uptake,
)
from capacity.querysets import ProjectQuerySet, RecommendationQuerySet
from core.choices import Confidentiality
from core.dates import within_platform_range
from core.models import Confidential, DomainModel, MemberScoped, Workflow
from core.querysets import ReferenceQuerySet, ScopedQuerySet
from core.roles import is_secretariat

# Evaluations (OECD DAC) and instrument reviews score from 1 (poor) to 4 (excellent).
SCORE_RANGE = (1, 4)
SCORE_VALIDATORS = [MinValueValidator(SCORE_RANGE[0]), MaxValueValidator(SCORE_RANGE[1])]


def _score_constraints(prefix, names):
    return [
        models.CheckConstraint(
            condition=Q(**{f"{name}__gte": SCORE_RANGE[0], f"{name}__lte": SCORE_RANGE[1]}),
            name=f"{prefix}_{name}_1_to_4",
        )
        for name in names
    ]


def _check_scores(record, names, errors):
    for name in names:
        value = getattr(record, name)
        if value is not None and not SCORE_RANGE[0] <= value <= SCORE_RANGE[1]:
            errors[name] = "Scores go from 1 (poor) to 4 (excellent)."


# --- reference data -----------------------------------------------------------------------


class SDG(DomainModel):
    """One of the 17 Sustainable Development Goals of the UN 2030 Agenda, by its number."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=150)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = "Sustainable Development Goal"
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17"
            )
        ]

    def __str__(self):
        return f"SDG {self.number}: {self.title}"


class Instrument(DomainModel):
    """A WCO instrument: a convention, a framework of standards, a declaration or a tool."""

    code = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=250)
    kind = models.CharField(max_length=12, choices=InstrumentKind.choices)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "WCO instrument"

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("capacity:instrument_detail", args=[self.pk])


class Donor(DomainModel):
    """A donor funding capacity building (bilateral, multilateral, private, foundation) or a
    partner (development agency, academia); both may fund projects."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=DonorKind.choices)
    country = models.CharField(
        max_length=3,
        blank=True,
        help_text="ISO 3166 alpha-3 code of the donor country (bilateral donors).",
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="The organisation behind the donor, if another."
    )
    website = models.URLField(blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "donor or partner"
        verbose_name_plural = "donors and partners"
        constraints = [
            models.CheckConstraint(
                condition=Q(country="") | Q(country__regex=r"^[A-Z]{3}$"),
                name="donor_country_is_iso_alpha3",
            ),
            models.CheckConstraint(
                condition=~Q(kind="bilateral") | ~Q(country=""),
                name="bilateral_donor_names_its_country",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("capacity:donor_detail", args=[self.pk])

    @property
    def is_partner(self):
        return self.kind in (DonorKind.DEVELOPMENT_AGENCY, DonorKind.ACADEMIA)

    def clean(self):
        self.country = (self.country or "").strip().upper()
        errors = {}
        if self.country and not (len(self.country) == 3 and self.country.isalpha()):
            errors["country"] = "Give the country's ISO 3166 alpha-3 code, such as JPN."
        if self.kind == DonorKind.BILATERAL and not self.country:
            errors["country"] = "A bilateral donor is a country: give its ISO alpha-3 code."
        if errors:
            raise ValidationError(errors)


# --- projects and funding -----------------------------------------------------------------


class Project(DomainModel):
    """A capacity-building or technical-assistance project: the members it benefits, the
    programme commitments (and so the strategic areas) it serves, the SDGs it contributes to,
    its span, budget and status, and the member strategic plan it is aligned with.

    Rules: the end never comes before the start; a closed project has an end date and at least
    one evaluation; an active or closed project names the strategic plan it is aligned with or
    says why it is not; an active project names at least one beneficiary and one funder
    (`check_resources()`, after its beneficiaries and funding are saved)."""

    audited_m2m_fields = ("beneficiaries", "commitments", "sdgs")

    code = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    beneficiaries = models.ManyToManyField(
        "core.Member", blank=True, related_name="capacity_projects"
    )
    # The areas a project serves are those of its commitments: one fact, stored once.
    commitments = models.ManyToManyField(
        "core.Commitment", blank=True, related_name="capacity_projects"
    )
    sdgs = models.ManyToManyField(SDG, blank=True, related_name="projects", verbose_name="SDGs")
    start = models.DateField(validators=[within_platform_range])
    end = models.DateField(null=True, blank=True, validators=[within_platform_range])
    status = models.CharField(
        max_length=8, choices=ProjectStatus.choices, default=ProjectStatus.PIPELINE, db_index=True
    )
    currency = models.CharField(max_length=3, default="EUR", help_text="ISO 4217 code.")
    budget = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    strategic_plan = models.CharField(
        max_length=300,
        blank=True,
        help_text="The member's strategic plan for Customs the project is aligned with.",
    )
    not_aligned_reason = models.TextField(
        blank=True, help_text="Why the project is not aligned with a member strategic plan."
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="project_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(end__isnull=False),
                name="closed_project_has_an_end",
            ),
            models.CheckConstraint(
                condition=Q(status="pipeline") | ~Q(strategic_plan="") | ~Q(not_aligned_reason=""),
                name="running_project_aligned_or_says_why_not",
            ),
            models.CheckConstraint(
                condition=Q(strategic_plan="") | Q(not_aligned_reason=""),
                name="project_aligned_or_not_never_both",
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="project_currency_iso_4217"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="project_budget_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("capacity:project_detail", args=[self.pk])

    @property
    def is_aligned(self):
        return bool(self.strategic_plan.strip())

    def clean(self):
        self.currency = (self.currency or "").strip().upper()
        self.strategic_plan = (self.strategic_plan or "").strip()
        self.not_aligned_reason = (self.not_aligned_reason or "").strip()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "A project cannot end before it starts."
        if not (len(self.currency) == 3 and self.currency.isalpha()):
            errors["currency"] = "Give the currency's ISO 4217 code, such as EUR or USD."
        if self.strategic_plan and self.not_aligned_reason:
            errors["not_aligned_reason"] = (
                "A project aligned with a strategic plan has no reason for not being aligned: "
                "clear one of the two."
            )
        elif self.status != ProjectStatus.PIPELINE and not (
            self.strategic_plan or self.not_aligned_reason
        ):
            errors["strategic_plan"] = (
                "Name the member strategic plan the project is aligned with, or say why it is "
                "not aligned (not_aligned_reason)."
            )
        if self.status == ProjectStatus.CLOSED:
            if not self.end:
                errors["end"] = "A closed project has an end date."
            elif self.end > date.today():
                errors["end"] = "A project closes once it has ended: its end date has come."
            evaluated = self.pk and Evaluation.objects.filter(project_id=self.pk).exists()
            if not evaluated:
                errors["status"] = "A project cannot close without an evaluation: record one first."
        if errors:
            raise ValidationError(errors)

    def check_resources(self):
        """The rules on what an active project has, checked once its beneficiaries and funding
        are saved (inside the same transaction, so a refusal undoes the change): at least one
        beneficiary member and one funder. "All projects with a clear added value must have
        resources for their funding." Raises ValidationError naming the field."""
        if self.status != ProjectStatus.ACTIVE:
            return
        errors = {}
        if not self.beneficiaries.exists():
            errors["beneficiaries"] = "An active project names at least one beneficiary member."
        if not self.fundings.exists():
            errors["status"] = (
                "An active project has at least one funder: record its funding, then activate it."
            )
        if errors:
            raise ValidationError(errors)


class Funding(DomainModel):
    """A donor's funding of a project for one year: committed and disbursed, in the project's
    currency and in euros (for totals across projects). One row per project, donor and year."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="fundings")
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="fundings")
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    committed = models.DecimalField(
        max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    disbursed = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    committed_eur = models.DecimalField(
        "committed (EUR)", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    disbursed_eur = models.DecimalField(
        "disbursed (EUR)",
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["project__code", "year", "donor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "donor", "year"], name="one_funding_per_project_donor_year"
            ),
            models.CheckConstraint(
                condition=Q(disbursed__lte=F("committed")),
                name="funding_disbursed_not_above_committed",
            ),
            models.CheckConstraint(
                condition=Q(disbursed_eur__lte=F("committed_eur")),
                name="funding_disbursed_eur_not_above_committed_eur",
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0, disbursed__gte=0, committed_eur__gte=0)
                & Q(disbursed_eur__gte=0),
                name="funding_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="funding_year_1990_to_2100"
            ),
        ]

    def __str__(self):
        return f"{self.donor} to {self.project.code}, {self.year}"

    def get_absolute_url(self):
        return reverse("capacity:project_detail", args=[self.project_id]) + "#funding"

    @property
    def currency(self):
        return self.project.currency

    def clean(self):
        errors = {}
        amounts = (self.committed, self.disbursed)
        if None not in amounts and self.disbursed > self.committed:
            errors["disbursed"] = "The amount disbursed cannot exceed the amount committed."
        amounts_eur = (self.committed_eur, self.disbursed_eur)
        if None not in amounts_eur and self.disbursed_eur > self.committed_eur:
            errors["disbursed_eur"] = (
                "The amount disbursed cannot exceed the amount committed (in euros)."
            )
        for name in ("committed_eur", "disbursed_eur"):
            if getattr(self, name) is None:
                errors[name] = "Give the amount in euros too, for totals across projects."
        project = self.project if self.project_id else None
        if project is not None and project.currency == "EUR":
            # In euros already: the two amounts are one amount.
            for name in ("committed", "disbursed"):
                if getattr(self, name) != getattr(self, f"{name}_eur"):
                    errors.setdefault(
                        f"{name}_eur", f"The project is in euros: this equals `{name}`."
                    )
        if self.project_id and self.donor_id and self.year:
            clash = Funding.objects.filter(
                project_id=self.project_id, donor_id=self.donor_id, year=self.year
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["year"] = "This donor's funding of this project for this year is recorded."
        if errors:
            raise ValidationError(errors)


# --- diagnostics --------------------------------------------------------------------------


class DiagnosticMission(DomainModel, MemberScoped, Confidential):
    """A needs-assessment or diagnostic mission to a member with one of the WCO's diagnostic
    tools, and its findings. Findings are sensitive: `restricted` by default (the member, the
    secretariat and the members it grants read them)."""

    confidentiality = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.RESTRICTED
    )
    tool = models.CharField(max_length=30, choices=DiagnosticTool.choices)
    start = models.DateField(validators=[within_platform_range])
    end = models.DateField(validators=[within_platform_range])
    team_lead = models.CharField(max_length=150, blank=True)
    findings = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "member__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="mission_end_not_before_start"
            )
        ]

    def __str__(self):
        return f"{self.get_tool_display()} mission to {self.member.code}, {self.start:%b %Y}"

    def get_absolute_url(self):
        return reverse("capacity:mission_detail", args=[self.pk])

    @classmethod
    def read_grants(cls):
        return DiagnosticMissionGrant

    @classmethod
    def staff_grants(cls):
        return DiagnosticMissionStaffGrant

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "A mission cannot end before it starts."
        # Its recommendations repeat its member (scoping is one filter): it never changes.
        if self.pk is not None and self.member_id is not None:
            stored = (
                DiagnosticMission.objects.filter(pk=self.pk)
                .values_list("member_id", flat=True)
                .first()
            )
            if stored is not None and stored != self.member_id:
                errors["member"] = (
                    "A mission's member cannot change after it is recorded: record a new "
                    "mission for the other member."
                )
        if errors:
            raise ValidationError(errors)


class DiagnosticMissionGrant(GroupObjectPermissionBase):
    """A member's grant to another member's group to read one of its diagnostic missions and
    its recommendations (guardian's direct foreign key: grants filter in one join)."""

    content_object = models.ForeignKey(DiagnosticMission, on_delete=models.CASCADE)
    # Every grant and revocation is kept, with who made it and when.
    history = HistoricalRecords()


class DiagnosticMissionStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read a confidential mission (guardian's direct foreign key)."""

    content_object = models.ForeignKey(DiagnosticMission, on_delete=models.CASCADE)
    history = HistoricalRecords()


class Recommendation(DomainModel, MemberScoped):
    """A recommendation of a diagnostic mission: what the member is asked to do, by when, who
    owns it, and its follow-up. Read by whoever reads the mission; the member updates the
    follow-up (`MEMBER_FIELDS`), the secretariat the rest.

    `member` repeats the mission's member so that scoping is one filter; it always equals it."""

    MEMBER_FIELDS = frozenset({"follow_up", "done_on", "follow_up_note"})

    mission = models.ForeignKey(
        DiagnosticMission, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField()
    area = models.ForeignKey(
        "core.StrategicArea", on_delete=models.PROTECT, related_name="recommendations"
    )
    priority = models.CharField(max_length=6, choices=Priority.choices, default=Priority.MEDIUM)
    owner = models.CharField(
        max_length=150, help_text="The unit of the administration responsible for it."
    )
    due = models.DateField(validators=[within_platform_range])
    # Not `status`: on this platform `status` is a submission's place in the workflow.
    follow_up = models.CharField(
        max_length=11, choices=FollowUp.choices, default=FollowUp.OPEN, db_index=True
    )
    done_on = models.DateField(null=True, blank=True, validators=[within_platform_range])
    follow_up_note = models.TextField(blank=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up="done", done_on__isnull=False)
                | (~Q(follow_up="done") & Q(done_on__isnull=True)),
                name="recommendation_done_on_when_done_only",
            ),
            # A mission does not make the same recommendation twice: (mission, text) is the
            # register's natural key (its CSV's). On the text's digest, so that a long text
            # stays within what an index entry holds.
            models.UniqueConstraint(
                F("mission"),
                MD5("text"),
                name="one_recommendation_text_a_mission",
                violation_error_message="The mission already makes this recommendation.",
            ),
        ]
        indexes = [models.Index(fields=["member", "follow_up", "due"])]

    def __str__(self):
        return f"{self.member.code}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("capacity:recommendation_detail", args=[self.pk])

    @property
    def confidentiality(self):
        """Who reads it is who reads its mission: the mission's confidentiality is its own."""
        return self.mission.confidentiality

    @classmethod
    def check_change(cls, user, changed=None):
        """The secretariat records recommendations with their missions and changes anything; a
        member updates only the follow-up of its own (`changed`: the fields it changes; None
        for creating or deleting). Raises PermissionDenied."""
        if is_secretariat(user):
            return
        if changed is None:
            raise PermissionDenied(
                "The secretariat records and removes recommendations with their missions."
            )
        others = set(changed) - cls.MEMBER_FIELDS
        if others:
            raise PermissionDenied(
                "A member updates only the follow-up of its recommendations "
                f"({', '.join(sorted(cls.MEMBER_FIELDS))}), not {', '.join(sorted(others))}."
            )

    def is_overdue_on(self, day):
        return self.follow_up in (FollowUp.OPEN, FollowUp.IN_PROGRESS) and self.due < day

    def clean(self):
        errors = {}
        mission = self.mission if self.mission_id else None
        if mission is not None:
            if self.member_id and self.member_id != mission.member_id:
                errors["member"] = "A recommendation is addressed to its mission's member."
            self.member_id = mission.member_id
            if self.due and self.due < mission.start:
                errors["due"] = "A recommendation falls due after the mission that made it."
            if self.done_on and self.done_on < mission.start:
                errors["done_on"] = "A recommendation is done after the mission that made it."
        if self.follow_up == FollowUp.DONE and not self.done_on:
            errors["done_on"] = "Say when the recommendation was done."
        if self.follow_up != FollowUp.DONE and self.done_on:
            errors["done_on"] = "Only a recommendation that is done has this date."
        if self.done_on and self.done_on > date.today():
            errors.setdefault("done_on", "A recommendation is done on a day that has come.")
        if (
            self.mission_id
            and self.text
            and Recommendation.objects.filter(mission_id=self.mission_id, text=self.text)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["text"] = "The mission already makes this recommendation."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.mission_id and not self.member_id:
            self.member_id = self.mission.member_id
        super().save(*args, **kwargs)


# --- evaluation ---------------------------------------------------------------------------


class Evaluation(DomainModel):
    """An evaluation of a project on the six OECD DAC criteria, each scored from 1 (poor) to 4
    (excellent), with its evidence and a summary. A project may have several (mid-term, final);
    a project closes only once evaluated."""

    CRITERIA = ["relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"]

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(validators=[within_platform_range])
    evaluator = models.CharField(max_length=200)
    relevance = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    coherence = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    effectiveness = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    efficiency = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    impact = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    sustainability = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    evidence = models.TextField(help_text="The evidence behind the scores, criterion by criterion.")
    summary = models.TextField(blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-evaluated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "evaluated_on"], name="one_evaluation_a_project_a_day"
            ),
            *_score_constraints(
                "evaluation",
                ["relevance", "coherence", "effectiveness", "efficiency", "impact"]
                + ["sustainability"],
            ),
        ]

    def __str__(self):
        return f"Evaluation of {self.project.code}, {self.evaluated_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("capacity:evaluation_detail", args=[self.pk])

    @property
    def mean_score(self):
        return round(sum(getattr(self, c) for c in self.CRITERIA) / len(self.CRITERIA), 2)

    def clean(self):
        errors = {}
        _check_scores(self, self.CRITERIA, errors)
        if not (self.evidence or "").strip():
            errors["evidence"] = "Give the evidence behind the scores."
        if self.evaluated_on and self.evaluated_on > date.today():
            errors["evaluated_on"] = "An evaluation is dated on a day that has come."
        project = self.project if self.project_id else None
        if project is not None:
            if project.status == ProjectStatus.PIPELINE:
                errors["project"] = (
                    "A project in the pipeline has not started: nothing to evaluate."
                )
            if self.evaluated_on and self.evaluated_on < project.start:
                errors["evaluated_on"] = "A project is evaluated after it starts."
            if self.evaluated_on:
                clash = Evaluation.objects.filter(
                    project_id=project.pk, evaluated_on=self.evaluated_on
                ).exclude(pk=self.pk)
                if clash.exists():
                    errors["evaluated_on"] = "This project has an evaluation of that day."
        if errors:
            raise ValidationError(errors)

    def check_removal(self):
        """A closed project keeps at least one evaluation: its last one is never removed."""
        if (
            self.project.status == ProjectStatus.CLOSED
            and not self.project.evaluations.exclude(pk=self.pk).exists()
        ):
            raise ValidationError(
                {"project": "A closed project keeps its evaluation: this is its only one."}
            )


# --- instruments --------------------------------------------------------------------------


class InstrumentUptake(DomainModel, MemberScoped, Workflow):
    """How far a member has taken up a WCO instrument (one record per member and instrument,
    kept up to date through the submission workflow)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="uptakes")
    # Not `status`: on this platform `status` is a submission's place in the workflow.
    uptake = models.CharField(max_length=11, choices=Uptake.choices, default=Uptake.NOT_STARTED)
    since = models.DateField(
        null=True,
        blank=True,
        validators=[within_platform_range],
        help_text="When the member acceded to or began applying the instrument.",
    )
    note = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "instrument__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "instrument"], name="one_uptake_per_member_and_instrument"
            ),
            models.CheckConstraint(
                condition=Q(uptake__in=["not_started", "in_progress"]) | Q(since__isnull=False),
                name="applied_or_acceded_uptake_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(uptake="not_started") | Q(since__isnull=True),
                name="uptake_not_started_has_no_date",
            ),
        ]

    def __str__(self):
        return f"{self.member.code} {self.instrument.code}: {self.get_uptake_display().lower()}"

    def get_absolute_url(self):
        return reverse("capacity:uptake_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.uptake in (Uptake.APPLIED, Uptake.ACCEDED) and not self.since:
            errors["since"] = "Say since when the member applies or has acceded to it."
        if self.uptake == Uptake.NOT_STARTED and self.since:
            errors["since"] = "An instrument not taken up has no date."
        if self.since and self.since > date.today():
            errors["since"] = "This date cannot be in the future."
        instrument = self.instrument if self.instrument_id else None
        accedes = instrument is not None and self.uptake == Uptake.ACCEDED
        if accedes and instrument.kind != InstrumentKind.CONVENTION:
            errors["uptake"] = (
                f"Members accede to conventions; {instrument.code} is a "
                f"{instrument.get_kind_display().lower()}: it is applied."
            )
        if self.member_id and self.instrument_id:
            clash = InstrumentUptake.objects.filter(
                member_id=self.member_id, instrument_id=self.instrument_id
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["instrument"] = (
                    "This member has reported its uptake of this instrument: update that record."
                )
        if errors:
            raise ValidationError(errors)


class InstrumentReview(DomainModel):
    """The secretariat's periodic review of a WCO instrument's relevance and impact (CB-1's
    diagnostic tool on the relevance of WCO instruments), each scored 1 to 4, with evidence."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(validators=[within_platform_range])
    relevance = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    impact = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)
    evidence = models.TextField()
    reviewer = models.CharField(max_length=200)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["instrument__code", "-reviewed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "reviewed_on"], name="one_review_an_instrument_a_day"
            ),
            *_score_constraints("instrument_review", ["relevance", "impact"]),
        ]

    def __str__(self):
        return f"Review of {self.instrument.code}, {self.reviewed_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("capacity:review_detail", args=[self.pk])

    def clean(self):
        errors = {}
        _check_scores(self, ["relevance", "impact"], errors)
        if not (self.evidence or "").strip():
            errors["evidence"] = "Give the evidence behind the scores."
        if self.reviewed_on and self.reviewed_on > date.today():
            errors["reviewed_on"] = "A review is dated on a day that has come."
        if self.instrument_id and self.reviewed_on:
            clash = InstrumentReview.objects.filter(
                instrument_id=self.instrument_id, reviewed_on=self.reviewed_on
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["reviewed_on"] = "This instrument has a review of that day."
        if errors:
            raise ValidationError(errors)


# --- training -----------------------------------------------------------------------------


class TrainingActivity(DomainModel, MemberScoped, Workflow):
    """A training or e-learning activity for a member's staff, reported by the member through
    the submission workflow: its topic, modality, participants and hours, the area (and
    commitment) it serves and, when delivered under one, the project."""

    title = models.CharField(max_length=250)
    area = models.ForeignKey(
        "core.StrategicArea", on_delete=models.PROTECT, related_name="training_activities"
    )
    commitment = models.ForeignKey(
        "core.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_activities",
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_activities",
    )
    modality = models.CharField(max_length=10, choices=Modality.choices)
    start = models.DateField(validators=[within_platform_range])
    end = models.DateField(validators=[within_platform_range])
    participants = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    hours = models.DecimalField(
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text="Hours of training each participant followed.",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "member__name", "title"]
        verbose_name_plural = "training activities"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "title", "start"], name="one_training_per_member_title_start"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="training_end_not_before_start"
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="training_has_participants"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_has_hours"),
        ]

    def __str__(self):
        return f"{self.member.code}: {self.title} ({self.start:%b %Y})"

    def get_absolute_url(self):
        return reverse("capacity:training_detail", args=[self.pk])

    @property
    def participant_hours(self):
        return self.participants * self.hours

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "An activity cannot end before it starts."
        if self.start and self.start > date.today():
            errors["start"] = "An activity is reported once it has begun."
        if self.participants is not None and self.participants < 1:
            errors["participants"] = "An activity has at least one participant."
        if self.hours is not None and self.hours <= 0:
            errors["hours"] = "Give the hours of training each participant followed."
        commitment = self.commitment if self.commitment_id else None
        if commitment is not None and self.area_id and commitment.area_id != self.area_id:
            errors["commitment"] = (
                f"{commitment.code} belongs to another strategic area than the one named."
            )
        project = self.project if self.project_id else None
        if project is not None and project.status == ProjectStatus.PIPELINE:
            errors["project"] = (
                f"{project.code} has not started: training is delivered under a project "
                "once it is active."
            )
        if self.member_id and self.title and self.start:
            clash = TrainingActivity.objects.filter(
                member_id=self.member_id, title=self.title, start=self.start
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["title"] = "This member reported an activity of this title on that day."
        if errors:
            raise ValidationError(errors)
