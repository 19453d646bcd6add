"""The shared foundation: regions and members, the programme, measurements and their workflow.

Abstract bases, one per capability, are used by every area app:
`Timestamped` + `Authored` (= `DomainModel`, with audit history), `MemberScoped`, `Confidential`
and `Workflow`.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.choices import (
    Aggregation,
    Confidentiality,
    Direction,
    Frequency,
    IndicatorScope,
    WorkflowStatus,
)
from core.querysets import ReferenceQuerySet, ScopedQuerySet
from core.registry import COMPUTED_PREFIX
from core.roles import ACT_FOR_MEMBER, is_secretariat, member_ids_for


class WorkflowConflict(Exception):
    """A transition the record's current status does not allow (HTTP 409 in the API)."""


# --- capabilities -------------------------------------------------------------------------


class AuditHistory(HistoricalRecords):
    """simple-history, with a change of links made right after a save (a form's or the API's
    `save_m2m`, `set()` after `save()`) kept in that save's history row, as one change.

    simple-history would write a row per save and then one per link added, removed or cleared.
    Here links changed through an object whose save (or earlier link change) wrote a history row
    update that row's snapshot of them; an object fetched afresh starts a new row.
    """

    def create_historical_record_m2ms(self, history_instance, instance):
        super().create_historical_record_m2ms(history_instance, instance)
        instance._audit_history_row = history_instance

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        row = getattr(instance, "_audit_history_row", None)
        if row is None or reverse or action not in ("post_add", "post_remove", "post_clear"):
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        field = instance._meta.get_field(attr)
        snapshot = self.m2m_models[field]
        snapshot.objects.filter(history=row).delete()
        through = field.remote_field.through
        names = [f.attname for f in through._meta.fields]
        links = through.objects.filter(**{field.m2m_field_name(): instance}).values(*names)
        snapshot.objects.bulk_create(snapshot(history=row, **link) for link in links)


class DomainModel(models.Model):
    """A domain record: when and by whom it was made and last changed; every change audited.

    A model names its many-to-many fields in `audited_m2m_fields`: simple-history then keeps a
    snapshot of their links with every history row, and records a change of them on its own.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audited_m2m_fields = ()
    history = AuditHistory(inherit=True, m2m_fields_model_field_name="audited_m2m_fields")

    class Meta:
        abstract = True

    def stamp(self, user):
        """Record who makes this change, for the record and for its audit history (which
        otherwise knows the actor only inside a web request)."""
        if user is not None and user.is_authenticated:
            if self._state.adding and not self.created_by_id:
                self.created_by = user
            self.updated_by = user
            self._history_user = user


class MemberScoped(models.Model):
    """A record that belongs to one member administration, which alone may change it."""

    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class Confidential(models.Model):
    """A record whose readership is limited beyond its own member."""

    confidentiality = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.MEMBERS
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from core.grants import keep_author_access

        super().save(*args, **kwargs)
        keep_author_access(self)


class Workflow(models.Model):
    """Data a member submits: draft -> submitted -> validated -> published, or returned.

    Members submit; only the secretariat validates, returns and publishes. A returned record goes
    back to its member, who edits and submits it again.
    """

    TRANSITIONS = {
        "submit": ({WorkflowStatus.DRAFT, WorkflowStatus.RETURNED}, WorkflowStatus.SUBMITTED),
        "validate": ({WorkflowStatus.SUBMITTED}, WorkflowStatus.VALIDATED),
        "publish": ({WorkflowStatus.VALIDATED}, WorkflowStatus.PUBLISHED),
        "return": ({WorkflowStatus.SUBMITTED}, WorkflowStatus.RETURNED),
    }
    SECRETARIAT_ONLY = {"validate", "publish", "return"}
    EDITABLE_BY_MEMBER = {WorkflowStatus.DRAFT, WorkflowStatus.RETURNED}

    status = models.CharField(
        max_length=10, choices=WorkflowStatus.choices, default=WorkflowStatus.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def transition(self, action, by, reason=""):
        """Apply a workflow action for `by`, or refuse: PermissionDenied or WorkflowConflict."""
        allowed_from, target = self.TRANSITIONS[action]
        if action in self.SECRETARIAT_ONLY and not is_secretariat(by):
            raise PermissionDenied(f"Only the secretariat may {action} a submission.")
        if action == "submit" and not (is_secretariat(by) or self.submitted_by(by)):
            raise PermissionDenied("Only the record's own member may submit it.")
        if self.status not in allowed_from:
            raise WorkflowConflict(
                f"Cannot {action} a record that is {self.get_status_display().lower()}; "
                f"it must be {' or '.join(sorted(allowed_from))}."
            )
        if action == "return" and not reason.strip():
            raise ValidationError({"reason": "Say why the submission is returned."})
        self.status = target
        self.status_changed_at = timezone.now()
        self.returned_reason = reason.strip() if action == "return" else ""
        if target == WorkflowStatus.PUBLISHED:
            self.published_at = self.status_changed_at
        self.stamp(by)
        self.save()

    def submitted_by(self, user):
        """Whether `user` acts for the member that submits this record (a record of several
        parties says so for each of them)."""
        return getattr(self, "member_id", None) in member_ids_for(user)

    def submit(self, by):
        self.transition("submit", by)

    def validate(self, by):
        self.transition("validate", by)

    def publish(self, by):
        self.transition("publish", by)

    def return_to_member(self, by, reason):
        self.transition("return", by, reason)

    def is_editable_by(self, user):
        """Members change their own drafts and returned records; the secretariat anything
        not yet published."""
        if is_secretariat(user):
            return self.status != WorkflowStatus.PUBLISHED
        return self.status in self.EDITABLE_BY_MEMBER


# --- regions and members ------------------------------------------------------------------


class Region(DomainModel):
    """One of the WCO's six regions."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Member(DomainModel):
    """A member customs administration, known by its ISO 3166 alpha-3 code.

    Its `group` holds the object permission `act_for_member` on this row: users in the group act
    for the member, and a user may belong to several members' groups (a regional office, a
    customs union).
    """

    code = models.CharField("ISO alpha-3 code", max_length=3, unique=True)
    name = models.CharField(max_length=120)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="members")
    joined_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [(ACT_FOR_MEMBER, "Act for this member administration")]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{3}$"), name="member_code_is_iso_alpha3"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        from guardian.shortcuts import assign_perm

        if self.group_id is None:
            self.group, _ = Group.objects.get_or_create(name=f"member-{self.code.lower()}")
        super().save(*args, **kwargs)
        if not MemberGroupObjectPermission.objects.filter(
            group_id=self.group_id, content_object=self, permission__codename=ACT_FOR_MEMBER
        ).exists():
            assign_perm(ACT_FOR_MEMBER, self.group, self)

    def get_absolute_url(self):
        return reverse("core:member_detail", args=[self.code])

    def clean(self):
        self.code = (self.code or "").upper()


class MemberUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign key for grants on members (fast, joinable)."""

    content_object = models.ForeignKey(Member, on_delete=models.CASCADE)


class MemberGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Member, on_delete=models.CASCADE)


# --- the programme ------------------------------------------------------------------------


class StrategicArea(DomainModel):
    """One of the programme's five strategic areas, with its vision."""

    code = models.SlugField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    vision = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self):
        return self.title


class Commitment(DomainModel):
    """A concrete commitment of the programme, such as GOV-1 (five-year mandates)."""

    area = models.ForeignKey(StrategicArea, on_delete=models.PROTECT, related_name="commitments")
    code = models.CharField(max_length=10, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead_unit = models.CharField(max_length=120, blank=True)
    start = models.DateField()
    target_date = models.DateField()
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["area__position", "position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gt=models.F("start")),
                name="commitment_target_after_start",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("core:commitment_detail", args=[self.code])

    def clean(self):
        if self.start and self.target_date and self.target_date <= self.start:
            raise ValidationError({"target_date": "The target date must come after the start."})


class Milestone(DomainModel):
    """A dated step towards a commitment."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]

    def __str__(self):
        return self.title

    def status_on(self, today):
        if self.done_on:
            return "done"
        return "overdue" if self.due < today else "pending"

    @property
    def status(self):
        return self.status_on(date.today())


class Indicator(DomainModel):
    """How progress on a commitment is measured: baseline, target, direction and frequency.

    `scope=member` indicators expect one measurement per member per period and make the
    programme's value by `aggregation`; `source` is `manual` or `computed:<key>` for values
    recorded by the platform from its registers.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=30)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=4)
    baseline_date = models.DateField()
    target_value = models.DecimalField(max_digits=14, decimal_places=4)
    target_date = models.DateField()
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    scope = models.CharField(
        max_length=10, choices=IndicatorScope.choices, default=IndicatorScope.PROGRAMME
    )
    aggregation = models.CharField(
        max_length=5, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    source = models.CharField(max_length=60, default="manual")
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=1)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["commitment__code", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="manual") | Q(source__startswith="computed:"),
                name="indicator_source_manual_or_computed",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0), name="indicator_weight_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_computed(self):
        """Recorded by the platform from its registers (`core.computed`), never typed in."""
        return self.source.startswith(COMPUTED_PREFIX)

    def clean(self):
        errors = {}
        if self.target_value is not None and self.baseline_value is not None:
            if self.direction == Direction.UP and self.target_value <= self.baseline_value:
                errors["target_value"] = "A rising indicator's target must exceed its baseline."
            if self.direction == Direction.DOWN and self.target_value >= self.baseline_value:
                errors["target_value"] = "A falling indicator's target must be below its baseline."
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = "The target date must come after the baseline date."
        if errors:
            raise ValidationError(errors)


class Measurement(DomainModel, Workflow):
    """A value of an indicator for one period: the programme's own (no member) or one member's."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="measurements"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=4)
    note = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "indicator__code", "member__code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "member", "period_start"],
                condition=Q(member__isnull=False),
                name="one_measurement_per_member_indicator_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                condition=Q(member__isnull=True),
                name="one_programme_measurement_per_indicator_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="measurement_period_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "status", "period_start"])]

    def __str__(self):
        who = self.member.code if self.member_id else "programme"
        return f"{self.indicator.code} {who} {self.period_start:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("core:measurement_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "The period cannot end before it starts."
        indicator = self.indicator if self.indicator_id else None
        if indicator is not None and indicator.is_computed:
            # core.computed records these without clean(); a hand-made value would compete
            # with the register's own, and the member/programme question does not arise.
            errors["indicator"] = (
                f"{indicator.code} is computed by the platform from its registers; "
                "it cannot be entered by hand."
            )
        elif indicator is not None:
            if indicator.scope == IndicatorScope.MEMBER and not self.member_id:
                errors["member"] = "This indicator is measured per member: name the member."
            if indicator.scope == IndicatorScope.PROGRAMME and self.member_id:
                errors["member"] = "This indicator is measured for the programme, not per member."
        if self.indicator_id and self.period_start:
            clash = Measurement.objects.filter(
                indicator_id=self.indicator_id,
                member_id=self.member_id,
                period_start=self.period_start,
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["period_start"] = (
                    "A measurement for this indicator, member and period exists."
                )
        if errors:
            raise ValidationError(errors)
