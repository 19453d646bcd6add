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
    ReminderKind,
    WorkflowStatus,
)
from core.querysets import (
    PeriodLockQuerySet,
    PrivateQuerySet,
    ReferenceQuerySet,
    ScopedQuerySet,
)
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

    def save(self, *args, **kwargs):
        from core import quality
        from core.locks import check_not_locked

        check_not_locked(self)
        super().save(*args, **kwargs)
        quality.review(self)

    def delete(self, *args, **kwargs):
        from core.locks import check_not_locked

        check_not_locked(self)
        return super().delete(*args, **kwargs)

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
    min_value = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The smallest value a measurement may take (a percentage: 0 unless set).",
    )
    max_value = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The largest value a measurement may take (a percentage: 100 unless set).",
    )

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

    def value_range(self):
        """(lowest, highest) a measurement may take, each None when unbounded: what is set on
        the indicator, and 0 to 100 for a percentage."""
        percentage = self.unit.strip().startswith("%")
        low = self.min_value if self.min_value is not None else (0 if percentage else None)
        high = self.max_value if self.max_value is not None else (100 if percentage else None)
        return low, high

    def clean(self):
        errors = {}
        if self.target_value is not None and self.baseline_value is not None:
            if self.direction == Direction.UP and self.target_value <= self.baseline_value:
                errors["target_value"] = "A rising indicator's target must exceed its baseline."
            if self.direction == Direction.DOWN and self.target_value >= self.baseline_value:
                errors["target_value"] = "A falling indicator's target must be below its baseline."
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = "The target date must come after the baseline date."
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.max_value <= self.min_value
        ):
            errors["max_value"] = "The largest value must exceed the smallest."
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
        from core.dates import within_platform_range
        from core.periods import period_containing

        errors = {}
        for name in ("period_start", "period_end"):
            try:
                within_platform_range(getattr(self, name))
            except ValidationError as exc:
                errors[name] = exc.messages
        if errors:
            raise ValidationError(errors)
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
            low, high = indicator.value_range()
            if self.value is not None and (
                (low is not None and self.value < low) or (high is not None and self.value > high)
            ):
                bounds = (
                    f"from {low:g} to {high:g}"
                    if low is not None and high is not None
                    else (f"of at least {low:g}" if low is not None else f"of at most {high:g}")
                )
                errors["value"] = (
                    f"{indicator.code} is measured in {indicator.unit}: give a value {bounds}."
                )
            if self.period_start and self.period_end and "period_end" not in errors:
                start, end = period_containing(self.period_start, indicator.frequency)
                if (self.period_start, self.period_end) != (start, end):
                    how_often = indicator.get_frequency_display().lower()
                    errors["period_start"] = (
                        f"{indicator.code} is measured {how_often}: the period is one whole "
                        f"period, such as {start:%d %B %Y} to {end:%d %B %Y}."
                    )
        if self.indicator_id and self.period_start and "period_start" not in errors:
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


# --- the reporting cycle ------------------------------------------------------------------------


class PeriodLock(DomainModel):
    """A closed reporting period: no record of it (of one register, or of every register when
    `register` is empty) may be created, changed, deleted or moved through the workflow until
    the secretariat unlocks it, saying why. Locks are never deleted: an unlock is kept on the
    lock, and both are in its history."""

    register = models.CharField(
        max_length=80, blank=True, help_text="The register's identifier; empty for every register."
    )
    period_start = models.DateField()
    period_end = models.DateField()
    reason = models.TextField()
    unlocked_at = models.DateTimeField(null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlock_reason = models.TextField(blank=True)

    objects = PeriodLockQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "register", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="period_lock_ends_after_it_starts",
            )
        ]

    def __str__(self):
        what = self.register or "every register"
        return f"{what}, {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"

    @property
    def is_active(self):
        return self.unlocked_at is None

    def clean(self):
        from core.dates import within_platform_range

        errors = {}
        for name in ("period_start", "period_end"):
            try:
                within_platform_range(getattr(self, name))
            except ValidationError as exc:
                errors[name] = exc.messages
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "The period cannot end before it starts."
        if not (self.reason or "").strip():
            errors["reason"] = "Say why the period is locked."
        if errors:
            raise ValidationError(errors)

    def unlock(self, by, reason):
        """Reopen the period, saying why (kept on the lock and in its history)."""
        if not self.is_active:
            raise WorkflowConflict("This lock was unlocked already.")
        if not (reason or "").strip():
            raise ValidationError({"reason": "Say why the period is unlocked."})
        self.unlocked_at = timezone.now()
        self.unlocked_by = by
        self.unlock_reason = reason.strip()
        self.stamp(by)
        self.save()


class CycleAnswer(models.Model):
    """What one obligation of the reporting cycle is about: a member, a register, what it
    reports for (`subject`: a TFA measure's code, an indicator's code; empty when the register
    expects one record per member or period) and the period (empty for a register without one).
    """

    register = models.CharField(max_length=80)
    subject = models.CharField(max_length=40, blank=True)
    period_start = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True


class NotApplicableAnswer(DomainModel, MemberScoped, CycleAnswer, Workflow):
    """A member's answer that a register does not apply to it (for a period, or for what it
    reports on), with its reason. The secretariat reviews it like any submission; once
    validated, the obligation is not applicable and leaves completeness' expectations."""

    period_end = models.DateField(null=True, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["member__code", "register", "subject", "period_start"]
        verbose_name = "not-applicable answer"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "register", "subject", "period_start"],
                nulls_distinct=False,
                name="one_not_applicable_answer_per_obligation",
            )
        ]

    def __str__(self):
        return f"{self.register} not applicable to {self.member.code}"

    def get_absolute_url(self):
        return reverse("core:not_applicable_detail", args=[self.pk])

    def clean(self):
        from core.cycle import check_obligation

        errors = check_obligation(self)
        if not (self.reason or "").strip():
            errors["reason"] = "Say why the register does not apply."
        if errors:
            raise ValidationError(errors)


class DueDateExtension(DomainModel, MemberScoped, CycleAnswer):
    """More time the secretariat gives a member for one obligation, with its reason."""

    due_on = models.DateField()
    reason = models.TextField()

    objects = PrivateQuerySet.as_manager()

    class Meta:
        ordering = ["member__code", "register", "subject", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "register", "subject", "period_start"],
                nulls_distinct=False,
                name="one_due_date_extension_per_obligation",
            )
        ]

    def __str__(self):
        return f"{self.register} of {self.member.code} due {self.due_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("core:extension_detail", args=[self.pk])

    def clean(self):
        from core.cycle import check_obligation
        from core.dates import within_platform_range

        errors = check_obligation(self)
        try:
            within_platform_range(self.due_on)
        except ValidationError as exc:
            errors["due_on"] = exc.messages
        if not (self.reason or "").strip():
            errors["reason"] = "Say why the member is given more time."
        if errors:
            raise ValidationError(errors)


def evidence_path(evidence, filename):
    """A random name under the register's folder: the name a member gave never reaches the
    file system."""
    import uuid

    return f"evidence/{evidence.register.replace('/', '-')}/{uuid.uuid4().hex}"


class Evidence(DomainModel):
    """A file that supports a record: a study's report, a legal text, a certificate. Its type is
    recognised from its content, it is stored under a random name, and only the record's
    readers see or download it."""

    register = models.CharField(max_length=80)
    record_id = models.PositiveBigIntegerField()
    file = models.FileField(upload_to=evidence_path, max_length=200)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["register", "record_id", "id"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["register", "record_id"])]

    def __str__(self):
        return self.name


class QualityFlag(models.Model):
    """A doubt about a record's value that the data-quality rules found when it was saved (a
    value far from the member's own history): the record is accepted, and the reviewer reads
    why it is doubtful."""

    register = models.CharField(max_length=80)
    record_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20)
    reason = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["register", "record_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "record_id", "kind"], name="one_quality_flag_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.reason}"


class Reminder(models.Model):
    """One item of the reminders sent to a member's users: an obligation due soon, or overdue
    (then weekly, three times at most), or something newly open for its response (a
    consultation). Each item is sent once: the run that inserts it sends it, whatever the
    number of runs."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="reminders")
    register = models.CharField(max_length=80)
    subject = models.CharField(max_length=40, blank=True)
    period_start = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    due_on = models.DateField()
    note = models.CharField(max_length=300, blank=True, help_text="What it is about, in words.")
    run = models.UUIDField(db_index=True)
    recipients = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "member__code", "register"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "register", "subject", "period_start", "kind"],
                nulls_distinct=False,
                name="one_reminder_per_obligation_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.register} of {self.member_id}"


class ReminderRun(models.Model):
    """One run of the reminders task: when it ran, how many items it sent in how many emails
    (a run that finds every item sent already sends none)."""

    run = models.UUIDField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)
    emails = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"Reminders of {self.started_at:%d %b %Y %H:%M}: {self.items} items"


class UserSettings(models.Model):
    """What a user chose for themselves: whether reminders are emailed to them, and the
    language the platform speaks to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_settings"
    )
    receives_reminders = models.BooleanField(
        default=True,
        help_text="Email me what my administration must report, before and after it is due.",
    )
    language = models.CharField(max_length=8, blank=True)

    def __str__(self):
        return f"Settings of {self.user}"
