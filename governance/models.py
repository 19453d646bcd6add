"""Better governance: the bodies of the WCO, mandates and their term limits, the decision
register, meetings with members' attendance, and consultations with members' responses.

GOV-1: "five-year mandate for the positions of higher responsibility, renewable just once".
GOV-2: "increasing participation and communication with all members".
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.dates import in_range, within_platform_range
from core.models import Confidential, DomainModel, MemberScoped, Workflow, WorkflowConflict
from core.querysets import ReferenceQuerySet, ScopedQuerySet
from governance.choices import PRESENT, Outcome, Presence
from governance.querysets import (
    AttendanceQuerySet,
    DecisionDocumentQuerySet,
    DecisionQuerySet,
    MandateQuerySet,
)

# The Council adopted the term-limit rule on this day (milestone of GOV-1). Mandates that began
# before it are recorded as they were: they are not refused, but the indicator of GOV-1 counts
# them as outside the limits while they last.
TERM_LIMITS_ADOPTED_ON = date(2022, 6, 25)


def add_years(day, years):
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Body(DomainModel):
    """A governing or working body of the WCO: the Council, the Policy Commission, ..."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name


class Position(DomainModel):
    """A position in a body, with the length of its term and the limit of consecutive terms
    one holder may serve ("five-year mandate, renewable just once")."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(max_length=150)
    term_years = models.PositiveSmallIntegerField(default=5)
    max_terms = models.PositiveSmallIntegerField(default=2)
    higher_responsibility = models.BooleanField(
        default=True, help_text="A position of higher responsibility, counted by GOV-1."
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["body__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["body", "title"], name="position_title_unique_in_body"),
            models.CheckConstraint(
                condition=Q(term_years__gte=1, term_years__lte=10),
                name="position_term_1_to_10",
                violation_error_message="A term lasts from 1 to 10 years.",
            ),
            models.CheckConstraint(
                condition=Q(max_terms__gte=1),
                name="position_max_terms_1",
                violation_error_message="A holder may hold the position for one term at least.",
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.body}"

    def get_absolute_url(self):
        return reverse("governance:position_detail", args=[self.pk])

    def clean(self):
        if self.body_id and self.title:
            clash = Position.objects.filter(body_id=self.body_id, title=self.title)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError({"title": "The body has a position of that title."})

    def longest_term_end(self, start):
        """The last day of a term that starts on `start` and lasts the full term."""
        return add_years(start, self.term_years) - timedelta(days=1)


def same_holder(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def number_terms(mandates):
    """Term numbers of a position's mandates in order of start: a holder's term counts on from
    their previous one when nobody else held the position in between."""
    numbers = []
    for index, mandate in enumerate(mandates):
        before = mandates[index - 1] if index else None
        if before is not None and same_holder(before.holder, mandate.holder):
            numbers.append((mandate, numbers[-1][1] + 1, before))
        else:
            numbers.append((mandate, 1, None))
    return numbers


class Mandate(DomainModel):
    """Who holds a position, from when to when, and which consecutive term it is."""

    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="mandates")
    holder = models.CharField(max_length=150, help_text="The person holding the position.")
    member = models.ForeignKey(
        "core.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandates",
        help_text="The holder's member administration, if any.",
    )
    start = models.DateField(validators=[within_platform_range])
    end = models.DateField(validators=[within_platform_range])
    term_number = models.PositiveSmallIntegerField(default=1, editable=False)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_term",
        editable=False,
        help_text="The holder's previous term in the same position.",
    )

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="mandate_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(term_number__gte=1), name="mandate_term_number_1"),
            models.UniqueConstraint(fields=["position", "start"], name="mandate_start_unique"),
        ]
        # Mandates of one position never overlap: on PostgreSQL an exclusion constraint holds
        # that too (migration 0002), so two concurrent writers cannot both get through clean().
        indexes = [models.Index(fields=["end"], name="mandate_end_idx")]

    def __str__(self):
        return f"{self.holder}, {self.position.title} ({self.start:%Y}–{self.end:%Y})"

    def get_absolute_url(self):
        return reverse("governance:mandate_detail", args=[self.pk])

    @property
    def is_subject_to_limits(self):
        return self.start >= TERM_LIMITS_ADOPTED_ON

    @property
    def respects_term_limits(self):
        """Within the position's term length and its limit of consecutive terms."""
        position = self.position
        return (
            self.end <= position.longest_term_end(self.start)
            and self.term_number <= position.max_terms
        )

    def days_left(self, today=None):
        return (self.end - (today or date.today())).days

    # --- rules ------------------------------------------------------------------------------

    def _position_mandates(self, lock=False):
        others = Mandate.objects.filter(position_id=self.position_id).exclude(pk=self.pk)
        if lock and transaction.get_connection().in_atomic_block:
            # Serialise writers of one position, so two overlapping mandates cannot both pass.
            Position.objects.select_for_update().filter(pk=self.position_id).first()
        return sorted([*others, self], key=lambda m: m.start)

    def clean(self):
        if not (self.position_id and self.start and self.end and self.holder):
            return
        if not in_range(self.start, self.end):
            return  # the fields' own validators say what is wrong
        errors = {}
        if self.end <= self.start:
            raise ValidationError({"end": "A mandate must end after it starts."})
        position = self.position
        if self.is_subject_to_limits and self.end > position.longest_term_end(self.start):
            errors["end"] = (
                f"A term of {position} lasts at most {position.term_years} years: "
                f"starting on {self.start:%d %B %Y}, it ends on "
                f"{position.longest_term_end(self.start):%d %B %Y} at the latest."
            )
        mandates = self._position_mandates(lock=True)
        overlapping = [
            m for m in mandates if m is not self and m.start <= self.end and m.end >= self.start
        ]
        if overlapping:
            other = overlapping[0]
            errors["start"] = (
                f"{position} is held by {other.holder} from {other.start:%d %B %Y} to "
                f"{other.end:%d %B %Y}: mandates of one position cannot overlap."
            )
        else:
            for mandate, number, _ in number_terms(mandates):
                if number > position.max_terms and mandate.is_subject_to_limits:
                    ordinal = {3: "third", 4: "fourth"}.get(number, f"{number}th")
                    errors["holder"] = (
                        f"This would make {mandate.holder}'s term from {mandate.start:%d %B %Y} a "
                        f"{ordinal} consecutive term as {position.title}; the position may be "
                        f"held for at most {position.max_terms} consecutive terms."
                    )
                    break
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            moved_from = (
                Mandate.objects.filter(pk=self.pk)
                .exclude(position_id=self.position_id)
                .values_list("position_id", flat=True)
                .first()
                if self.pk
                else None
            )
            mandates = self._position_mandates(lock=True)
            renumbered = []
            for mandate, number, previous in number_terms(mandates):
                changed = mandate.term_number != number or mandate.previous_id != (
                    previous.pk if previous else None
                )
                mandate.term_number, mandate.previous = number, previous
                if mandate is not self and changed:
                    renumbered.append(mandate)
            # The previous-term link is unique: free it before another mandate takes it.
            Mandate.objects.filter(pk__in=[m.pk for m in renumbered]).update(previous=None)
            super().save(*args, **kwargs)
            for mandate in renumbered:
                super(Mandate, mandate).save(update_fields=["term_number", "previous"])
            if moved_from is not None:
                # The terms left behind in the former position are numbered again.
                left = Mandate.objects.filter(position_id=moved_from).order_by("start").first()
                if left is not None:
                    left.save(update_fields=["term_number", "previous"])

    def delete(self, *args, **kwargs):
        """The terms after a deleted one are numbered again."""
        with transaction.atomic():
            following = Mandate.objects.filter(position_id=self.position_id, start__gt=self.start)
            following = following.order_by("start").first()
            result = super().delete(*args, **kwargs)
            if following is not None:
                following.save(update_fields=["term_number", "previous"])
            return result

    def renew(self, by):
        """The holder's next term, from the day after this one ends, for the full term length;
        refused (ValidationError) if the limit is reached, it was renewed already, or the
        position is taken then."""
        position = self.position
        if Mandate.objects.filter(previous=self).exists():
            raise WorkflowConflict("This mandate has already been renewed.")
        if self.term_number >= position.max_terms:
            raise ValidationError(
                {
                    "term_number": (
                        f"{self.holder} is serving term {self.term_number} of at most "
                        f"{position.max_terms} consecutive terms as {position.title}: "
                        "the mandate cannot be renewed."
                    )
                }
            )
        start = self.end + timedelta(days=1)
        following = Mandate(
            position=position,
            holder=self.holder,
            member=self.member,
            start=start,
            end=position.longest_term_end(start),
        )
        following.full_clean()
        following.stamp(by)
        following.save()
        return following


class Meeting(DomainModel):
    """A session of a body, at which the secretariat records which members took part."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Last day, if several.")
    location = models.CharField(max_length=150, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("held_on")),
                name="meeting_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])

    @property
    def last_day(self):
        return self.ends_on or self.held_on

    def clean(self):
        if self.held_on and self.ends_on and self.ends_on < self.held_on:
            raise ValidationError({"ends_on": "A meeting cannot end before it starts."})


class Attendance(DomainModel):
    """Whether a member administration took part in a meeting, and how."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="attendances")
    presence = models.CharField(max_length=10, choices=Presence.choices)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="one_attendance_per_member_and_meeting"
            )
        ]
        indexes = [models.Index(fields=["member", "presence"])]

    def __str__(self):
        return f"{self.member.code} at {self.meeting}: {self.get_presence_display()}"

    @property
    def is_present(self):
        return self.presence in PRESENT

    def clean(self):
        if self.meeting_id and self.member_id:
            clash = Attendance.objects.filter(meeting_id=self.meeting_id, member_id=self.member_id)
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"member": "The attendance of this member at this meeting is recorded."}
                )


class Decision(DomainModel):
    """A decision of a body, in the register the secretariat publishes for all to read."""

    audited_m2m_fields = ("commitments",)

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    reference = models.CharField(max_length=40, unique=True, help_text="e.g. SC0123")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    decided_on = models.DateField()
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.ADOPTED)
    commitments = models.ManyToManyField("core.Commitment", blank=True, related_name="decisions")
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "reference"]
        indexes = [models.Index(fields=["published_at", "decided_on"])]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("governance:decision_detail", args=[self.pk])

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def votes_cast(self):
        return sum(v or 0 for v in (self.votes_for, self.votes_against, self.votes_abstain))

    def clean(self):
        errors = {}
        meeting = self.meeting if self.meeting_id else None
        if meeting is not None:
            if self.body_id and meeting.body_id != self.body_id:
                errors["meeting"] = f"That meeting is of the {meeting.body}, not of this body."
            if self.decided_on and not meeting.held_on <= self.decided_on <= meeting.last_day:
                errors["decided_on"] = (
                    f"A decision of {meeting} is taken between {meeting.held_on:%d %B %Y} and "
                    f"{meeting.last_day:%d %B %Y}."
                )
            present = meeting.attendances.present().count()
            if present and self.votes_cast > present:
                errors["votes_for"] = (
                    f"{self.votes_cast} votes were cast but {present} members were present at "
                    f"{meeting}."
                )
        if errors:
            raise ValidationError(errors)

    def publish(self, by):
        if self.is_published:
            raise WorkflowConflict(
                f"{self.reference} was published on {self.published_at:%d %B %Y}."
            )
        self.published_at = timezone.now()
        self.stamp(by)
        self.save()


class DecisionDocument(DomainModel):
    """A document of a decision (minutes, the text adopted), kept in the WCO's repository."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    objects = DecisionDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "title"]

    def __str__(self):
        return self.title


class Consultation(DomainModel):
    """A consultation of all members by the secretariat, open for responses for a while."""

    audited_m2m_fields = ("commitments",)

    reference = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    opened_on = models.DateField()
    closes_on = models.DateField()
    commitments = models.ManyToManyField(
        "core.Commitment", blank=True, related_name="consultations"
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opened_on")), name="consultation_closes_after_open"
            )
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("governance:consultation_detail", args=[self.pk])

    def clean(self):
        if self.opened_on and self.closes_on and self.closes_on < self.opened_on:
            raise ValidationError({"closes_on": "A consultation cannot close before it opens."})


class ConsultationResponse(DomainModel, MemberScoped, Workflow, Confidential):
    """A member administration's response to a consultation; it submits it, the secretariat
    validates and publishes it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="responses"
    )
    responded_on = models.DateField(default=date.today)
    summary = models.TextField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-responded_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "member"], name="one_response_per_member_and_consultation"
            )
        ]

    def __str__(self):
        return f"{self.member.code} on {self.consultation.reference}"

    def get_absolute_url(self):
        return reverse("governance:response_detail", args=[self.pk])

    @classmethod
    def staff_grants(cls):
        return ConsultationResponseStaffGrant

    def clean(self):
        errors = {}
        consultation = self.consultation if self.consultation_id else None
        if (
            consultation is not None
            and self.responded_on
            and not consultation.opened_on <= self.responded_on <= consultation.closes_on
        ):
            errors["responded_on"] = (
                f"{consultation.reference} is open from {consultation.opened_on:%d %B %Y} "
                f"to {consultation.closes_on:%d %B %Y}."
            )
        if consultation is not None and self.member_id:
            clash = ConsultationResponse.objects.filter(
                consultation_id=self.consultation_id, member_id=self.member_id
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["consultation"] = "This member has responded to this consultation."
        if errors:
            raise ValidationError(errors)


class ConsultationResponseStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read a confidential record (guardian's direct foreign key)."""

    content_object = models.ForeignKey(ConsultationResponse, on_delete=models.CASCADE)
    history = HistoricalRecords()


class MandateDigest(models.Model):
    """The weekly email to the secretariat of mandates ending within 180 days: one row a week,
    so a second run of the task (a retry, a restarted worker) sends nothing twice."""

    week = models.DateField(unique=True, help_text="The Monday of the week it covers.")
    sent_at = models.DateTimeField(null=True, blank=True)
    mandate_count = models.PositiveIntegerField(default=0)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-week"]

    def __str__(self):
        return f"Mandate digest of the week of {self.week:%d %B %Y}"
