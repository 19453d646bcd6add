"""Security: the SAFE Framework of Standards and members' adoption of it, Authorized Economic
Operator programmes, and Customs' part in national security strategies.

SEC-1: Customs involved in defining security strategies.
SEC-2: the SAFE Framework upgraded, with a focus on risk management; AEO programmes and their
mutual recognition.
SEC-3: Customs access to API and PNR passenger information.

Passenger-data readiness and risk-management assessments are `restricted` by default: only the
member itself, the secretariat and the members it grants (guardian) read them; others see
aggregates over five members or more.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.choices import Confidentiality
from core.dates import EARLIEST, LATEST
from core.models import Confidential, DomainModel, MemberScoped, Workflow
from core.querysets import ReferenceQuerySet, ScopedQuerySet
from security.choices import AEOCoverage, AEOStatus, Involvement, Readiness, RecognitionStatus

# The SAFE Framework of Standards was adopted by the WCO Council in June 2005.
SAFE_ADOPTED_ON = date(2005, 6, 23)


class SafeEdition(DomainModel):
    """An edition of the SAFE Framework of Standards; the secretariat records new ones as the
    framework is upgraded."""

    year = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=200)
    published_on = models.DateField(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = "SAFE Framework edition"

    def __str__(self):
        return self.title

    def clean(self):
        if self.published_on and self.year and self.published_on.year != self.year:
            raise ValidationError({"published_on": f"The {self.year} edition is of {self.year}."})


class SafePillar(DomainModel):
    """One of the SAFE Framework's pillars (Customs-to-Customs, Customs-to-Business, ...)."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=150)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = "SAFE pillar"

    def __str__(self):
        return f"Pillar {self.number}: {self.title}"


class SafeAdoption(DomainModel, MemberScoped, Workflow):
    """A member's adoption of the SAFE Framework: its letter of intent, the edition it refers
    to and the pillars it implements (one record per member, kept up to date)."""

    audited_m2m_fields = ("pillars",)

    letter_of_intent_on = models.DateField(null=True, blank=True)
    edition = models.ForeignKey(
        SafeEdition, null=True, blank=True, on_delete=models.PROTECT, related_name="adoptions"
    )
    pillars = models.ManyToManyField(SafePillar, blank=True, related_name="adoptions")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name"]
        verbose_name = "SAFE adoption"
        constraints = [
            models.UniqueConstraint(fields=["member"], name="one_safe_adoption_a_member")
        ]

    def __str__(self):
        return f"SAFE adoption of {self.member.code}"

    def get_absolute_url(self):
        return reverse("security:safe_detail", args=[self.pk])

    def clean(self):
        errors = {}
        day = self.letter_of_intent_on
        if day and day > date.today():
            errors["letter_of_intent_on"] = "A letter of intent cannot be dated in the future."
        if day and day < SAFE_ADOPTED_ON:
            errors["letter_of_intent_on"] = (
                f"The SAFE Framework was adopted on {SAFE_ADOPTED_ON:%d %B %Y}."
            )
        if self.member_id:
            clash = SafeAdoption.objects.filter(member_id=self.member_id).exclude(pk=self.pk)
            if clash.exists():
                errors["member"] = "This member has a SAFE adoption record: update it."
        if errors:
            raise ValidationError(errors)


class AEOProgramme(DomainModel, MemberScoped, Workflow):
    """A member's Authorized Economic Operator programme (one per member, kept up to date).

    `programme_status` is how far the programme has come (the API's `status`, per the
    contract); `status` is, as on every submission, where the record stands in review.
    `certified_operators` and `counted_on` are the latest count only (part of the contract);
    the series of counts year by year is the `AEOOperatorCount` register."""

    programme_status = models.CharField(
        max_length=12, choices=AEOStatus.choices, default=AEOStatus.NONE
    )
    launched_on = models.DateField(null=True, blank=True)
    covers = models.CharField(max_length=10, choices=AEOCoverage.choices, blank=True)
    certified_operators = models.PositiveIntegerField(
        default=0, help_text="Operators certified at the latest count."
    )
    counted_on = models.DateField(null=True, blank=True, help_text="Date of the latest count.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name"]
        verbose_name = "AEO programme"
        constraints = [
            models.UniqueConstraint(fields=["member"], name="one_aeo_programme_a_member")
        ]

    def __str__(self):
        return f"AEO programme of {self.member.code}"

    def get_absolute_url(self):
        return reverse("security:aeo_detail", args=[self.pk])

    @property
    def is_operational(self):
        return self.programme_status == AEOStatus.OPERATIONAL

    def clean(self):
        errors = {}
        running = self.programme_status in (AEOStatus.PILOT, AEOStatus.OPERATIONAL)
        if running and not self.launched_on:
            errors["launched_on"] = "A pilot or operational programme has a launch date."
        if running and not self.covers:
            errors["covers"] = "Say whether the programme covers security, compliance or both."
        if self.programme_status == AEOStatus.NONE and (self.launched_on or self.covers):
            errors["programme_status"] = "A member with no programme has no launch date or scope."
        if self.launched_on and self.launched_on > date.today():
            errors["launched_on"] = "A launch date cannot be in the future; plan it as `planned`."
        if self.certified_operators and not running:
            errors["certified_operators"] = (
                "Operators are certified by a pilot or operational programme."
            )
        if self.certified_operators and not self.counted_on:
            errors["counted_on"] = "Say when the operators were counted."
        if self.counted_on and self.counted_on > date.today():
            errors["counted_on"] = "A count cannot be dated in the future."
        if self.counted_on and self.launched_on and self.counted_on < self.launched_on:
            errors["counted_on"] = "Operators are counted after the programme's launch."
        if self.member_id:
            clash = AEOProgramme.objects.filter(member_id=self.member_id).exclude(pk=self.pk)
            if clash.exists():
                errors["member"] = "This member has an AEO programme record: update it."
        if errors:
            raise ValidationError(errors)


RUNNING_AEO = (AEOStatus.PILOT, AEOStatus.OPERATIONAL)


class AEOOperatorCount(DomainModel, MemberScoped, Workflow):
    """The operators a member's AEO programme had certified in one year: at the year's end,
    or at the latest count of the year under way. One count per member and year, the series
    behind "number of certified operators per year" (the programme keeps its latest count).

    The member's programme record (whatever its review status) says where its programme stands
    today, not year by year: so a count above zero needs a programme that is pilot or
    operational today, and no year is counted before the year it was launched. A count of zero
    is always accepted."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(EARLIEST.year), MaxValueValidator(LATEST.year)]
    )
    certified_operators = models.PositiveIntegerField(
        help_text="Operators holding AEO status at the year's end (or the latest count)."
    )
    note = models.CharField(max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "-year"]
        verbose_name = "AEO operator count"
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"],
                name="one_aeo_operator_count_a_year",
                violation_error_message="This member has a count for that year: update it.",
            )
        ]

    def __str__(self):
        return f"AEO operators of {self.member.code}, {self.year}"

    def get_absolute_url(self):
        return reverse("security:aeo_count_detail", args=[self.pk])

    def clean(self):
        errors = {}
        year = self.year
        if year is not None and not EARLIEST.year <= year <= LATEST.year:
            errors["year"] = f"Give a year between {EARLIEST.year} and {LATEST.year}."
        elif year is not None and year > date.today().year:
            errors["year"] = "Operators are counted in a year that has begun."
        if self.member_id and year is not None and "year" not in errors:
            programme = AEOProgramme.objects.filter(member_id=self.member_id).first()
            launched = programme.launched_on if programme else None
            if launched and year < launched.year:
                errors["year"] = (
                    f"The member's AEO programme was launched in {launched.year}: "
                    "no operator was certified before."
                )
            running = programme is not None and programme.programme_status in RUNNING_AEO
            if self.certified_operators and not running:
                errors["certified_operators"] = (
                    "Operators are certified by a pilot or operational programme: record the "
                    "member's AEO programme as such first."
                )
            clash = AEOOperatorCount.objects.filter(member_id=self.member_id, year=year)
            if clash.exclude(pk=self.pk).exists():
                errors.setdefault("year", "This member has a count for that year: update it.")
        if errors:
            raise ValidationError(errors)


class SecurityStrategyRole(DomainModel, MemberScoped, Workflow):
    """Whether a member's customs administration takes part in its national security strategy
    (one record per member, kept up to date)."""

    involvement = models.CharField(max_length=6, choices=Involvement.choices)
    seat_on_security_body = models.BooleanField(
        default=False, help_text="Customs sits on the national security body."
    )
    strategy_dated = models.DateField(null=True, blank=True, help_text="Date of the strategy.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name"]
        verbose_name = "security strategy role"
        constraints = [
            models.UniqueConstraint(fields=["member"], name="one_strategy_role_a_member"),
            models.CheckConstraint(
                condition=~Q(involvement="not", seat_on_security_body=True),
                name="a_seat_means_customs_is_involved",
            ),
        ]

    def __str__(self):
        return f"{self.member.code}: {self.get_involvement_display().lower()}"

    def get_absolute_url(self):
        return reverse("security:strategy_detail", args=[self.pk])

    @property
    def takes_part(self):
        return self.involvement in (Involvement.FULLY, Involvement.PARTLY)

    def clean(self):
        errors = {}
        if self.involvement == Involvement.NOT and self.seat_on_security_body:
            errors["seat_on_security_body"] = (
                "Customs that sits on the national security body is involved in its strategy."
            )
        if self.strategy_dated and self.strategy_dated > date.today():
            errors["strategy_dated"] = "A strategy cannot be dated in the future."
        if self.member_id:
            clash = SecurityStrategyRole.objects.filter(member_id=self.member_id)
            if clash.exclude(pk=self.pk).exists():
                errors["member"] = "This member has a record of its role: update it."
        if errors:
            raise ValidationError(errors)


class CustomsUnion(DomainModel):
    """A customs union that is one party to mutual recognition arrangements (e.g. the EU)."""

    audited_m2m_fields = ("members",)

    code = models.CharField(max_length=6, unique=True, help_text="e.g. EU")
    name = models.CharField(max_length=150)
    members = models.ManyToManyField("core.Member", blank=True, related_name="customs_unions")
    aeo_operational = models.BooleanField(
        default=False, help_text="The union's AEO programme is operational."
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


class MutualRecognition(DomainModel):
    """A mutual recognition arrangement of AEO programmes between two or more parties: members,
    or a customs union counted as one party. Arrangements are public."""

    audited_m2m_fields = ("members", "customs_unions")

    title = models.CharField(max_length=250, blank=True)
    status = models.CharField(
        max_length=12, choices=RecognitionStatus.choices, default=RecognitionStatus.NEGOTIATING
    )
    signed_on = models.DateField(null=True, blank=True)
    implemented_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True, help_text="When it ceased to apply.")
    members = models.ManyToManyField("core.Member", blank=True, related_name="recognitions")
    customs_unions = models.ManyToManyField(CustomsUnion, blank=True, related_name="recognitions")
    # The parties' codes in order: the same parties, in whatever order they are entered, give
    # the same key, and a live arrangement's key is unique in the database.
    party_key = models.CharField(max_length=400, editable=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["party_key"]
        verbose_name = "mutual recognition arrangement"
        constraints = [
            models.UniqueConstraint(
                fields=["party_key"],
                condition=Q(ended_on__isnull=True),
                name="one_live_arrangement_per_set_of_parties",
            ),
            models.CheckConstraint(
                condition=Q(status="negotiating") | Q(signed_on__isnull=False),
                name="signed_arrangements_have_a_date",
            ),
        ]

    def __str__(self):
        return self.title or f"Mutual recognition {self.party_key.replace('|', ' – ')}"

    def get_absolute_url(self):
        return reverse("security:recognition_detail", args=[self.pk])

    @staticmethod
    def key_of(members, unions):
        return "|".join(sorted([m.code for m in members] + [u.code for u in unions]))

    def check_parties(self, members, unions):
        """The rules on the parties, before they are saved: at least two distinct parties, none
        recognising itself (a member and a union it belongs to), no second live arrangement of
        the same parties, and every party's AEO programme operational before `implemented`."""
        members, unions = list(members), list(unions)
        errors = []
        if len(members) + len(unions) < 2:
            errors.append("An arrangement has at least two parties.")
        if len({m.pk for m in members}) < len(members) or len({u.pk for u in unions}) < len(unions):
            errors.append("A member never recognises itself: name each party once.")
        for union in unions:
            inside = [m.code for m in members if m in union.members.all()]
            if inside:
                errors.append(
                    f"{', '.join(inside)} belongs to {union.code}: a party never recognises itself."
                )
        key = self.key_of(members, unions)
        if not self.ended_on:
            clash = MutualRecognition.objects.filter(party_key=key, ended_on__isnull=True)
            if clash.exclude(pk=self.pk).exists():
                errors.append("These parties have a live arrangement already.")
        if self.status == RecognitionStatus.IMPLEMENTED:
            operational = set(
                AEOProgramme.objects.filter(
                    member__in=members, programme_status=AEOStatus.OPERATIONAL
                ).values_list("member_id", flat=True)
            )
            waiting = [m.code for m in members if m.pk not in operational]
            waiting += [u.code for u in unions if not u.aeo_operational]
            if waiting:
                errors.append(
                    "An arrangement is implemented once every party's AEO programme is "
                    f"operational; not yet for {', '.join(sorted(waiting))}."
                )
        if errors:
            raise ValidationError({"parties": errors})
        return key

    def clean(self):
        errors = {}
        if self.status != RecognitionStatus.NEGOTIATING and not self.signed_on:
            errors["signed_on"] = "A signed or implemented arrangement has its signature date."
        if self.status == RecognitionStatus.IMPLEMENTED and not self.implemented_on:
            errors["implemented_on"] = "Say when the arrangement was implemented."
        if self.status != RecognitionStatus.IMPLEMENTED and self.implemented_on:
            errors["implemented_on"] = "Only an implemented arrangement has this date."
        if self.signed_on and self.implemented_on and self.implemented_on < self.signed_on:
            errors["implemented_on"] = "An arrangement is implemented after it is signed."
        if self.ended_on and self.signed_on and self.ended_on < self.signed_on:
            errors["ended_on"] = "An arrangement ends after it is signed."
        for name in ("signed_on", "implemented_on"):
            day = getattr(self, name)
            if day and day > date.today():
                errors.setdefault(name, "This date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class PassengerDataReadiness(DomainModel, MemberScoped, Workflow, Confidential):
    """A member's readiness to use Advance Passenger Information (API) and Passenger Name
    Records (PNR): legal bases, operational status, the unit, standards and safeguards."""

    confidentiality = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.RESTRICTED
    )
    api_legal_basis = models.BooleanField(default=False)
    pnr_legal_basis = models.BooleanField(default=False)
    api_status = models.CharField(max_length=12, choices=Readiness.choices, default="none")
    pnr_status = models.CharField(max_length=12, choices=Readiness.choices, default="none")
    passenger_unit = models.BooleanField(
        default=False, help_text="A passenger information unit is in place."
    )
    uses_api_pnr_guidelines = models.BooleanField(
        default=False, help_text="WCO/IATA/ICAO guidelines on API and PNR."
    )
    uses_pnrgov = models.BooleanField(default=False, help_text="The PNRGOV message standard.")
    interactive_api = models.BooleanField(default=False)
    single_window = models.BooleanField(
        default=False, help_text="A single window for passenger data."
    )
    go_live = models.DateField(null=True, blank=True)
    safeguards = models.TextField(blank=True, help_text="Data-protection safeguards.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name"]
        verbose_name = "passenger data readiness"
        verbose_name_plural = "passenger data readiness"
        constraints = [
            models.UniqueConstraint(fields=["member"], name="one_passenger_readiness_a_member")
        ]

    def __str__(self):
        return f"Passenger data readiness of {self.member.code}"

    def get_absolute_url(self):
        return reverse("security:passenger_detail", args=[self.pk])

    @classmethod
    def staff_grants(cls):
        return PassengerDataReadinessStaffGrant

    @classmethod
    def read_grants(cls):
        return PassengerDataReadinessGrant

    def clean(self):
        errors = {}
        live = {Readiness.PILOT, Readiness.OPERATIONAL}
        if self.api_status in live and not self.api_legal_basis:
            errors["api_legal_basis"] = "Passenger data (API) is used only on a legal basis."
        if self.pnr_status in live and not self.pnr_legal_basis:
            errors["pnr_legal_basis"] = "PNR data is used only on a legal basis."
        if self.pnr_status in live and not (self.safeguards or "").strip():
            errors["safeguards"] = "Say which data-protection safeguards apply to PNR data."
        if self.pnr_status == Readiness.OPERATIONAL and not self.passenger_unit:
            errors["passenger_unit"] = "Operational PNR access needs a passenger information unit."
        if Readiness.OPERATIONAL in (self.api_status, self.pnr_status) and not self.go_live:
            errors["go_live"] = "Say when operational access went live."
        if (
            self.go_live
            and self.go_live > date.today()
            and Readiness.OPERATIONAL
            in (
                self.api_status,
                self.pnr_status,
            )
        ):
            errors["go_live"] = "Operational access went live on a day that has come."
        if self.member_id:
            clash = PassengerDataReadiness.objects.filter(member_id=self.member_id)
            if clash.exclude(pk=self.pk).exists():
                errors["member"] = "This member has a readiness record: update it."
        if errors:
            raise ValidationError(errors)


class PassengerDataReadinessStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read a confidential record (guardian's direct foreign key)."""

    content_object = models.ForeignKey(PassengerDataReadiness, on_delete=models.CASCADE)
    history = HistoricalRecords()


class PassengerDataReadinessGrant(GroupObjectPermissionBase):
    """A member's grant to another member's group to read its passenger-data readiness
    (guardian's direct foreign key: grants filter in one join)."""

    content_object = models.ForeignKey(PassengerDataReadiness, on_delete=models.CASCADE)
    # Every grant and revocation is kept, with who made it and when.
    history = HistoricalRecords()


class RiskManagementAssessment(DomainModel, MemberScoped, Workflow, Confidential):
    """An assessment of a member's risk-management maturity, 1 to 5 on five dimensions."""

    DIMENSIONS = ["strategy", "data_intelligence", "targeting", "post_clearance", "performance"]

    confidentiality = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.RESTRICTED
    )
    assessed_on = models.DateField()
    strategy = models.PositiveSmallIntegerField()
    data_intelligence = models.PositiveSmallIntegerField("Data and intelligence")
    targeting = models.PositiveSmallIntegerField("Targeting and profiling")
    post_clearance = models.PositiveSmallIntegerField("Post-clearance control")
    performance = models.PositiveSmallIntegerField("Performance measurement")
    assessor = models.CharField(max_length=150)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["member__name", "-assessed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "assessed_on"], name="one_risk_assessment_a_day"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"risk_{name}_1_to_5",
                )
                for name in [
                    "strategy",
                    "data_intelligence",
                    "targeting",
                    "post_clearance",
                    "performance",
                ]
            ],
        ]

    def __str__(self):
        return f"Risk management of {self.member.code}, {self.assessed_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("security:assessment_detail", args=[self.pk])

    @classmethod
    def staff_grants(cls):
        return RiskManagementAssessmentStaffGrant

    @classmethod
    def read_grants(cls):
        return RiskManagementAssessmentGrant

    @property
    def maturity(self):
        """The mean of the five dimensions."""
        return round(sum(getattr(self, d) for d in self.DIMENSIONS) / len(self.DIMENSIONS), 2)

    def clean(self):
        errors = {}
        for name in self.DIMENSIONS:
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 5:
                errors[name] = "Maturity is scored from 1 to 5."
        if self.assessed_on and self.assessed_on > date.today():
            errors["assessed_on"] = "An assessment is dated on a day that has come."
        if self.member_id and self.assessed_on:
            clash = RiskManagementAssessment.objects.filter(
                member_id=self.member_id, assessed_on=self.assessed_on
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["assessed_on"] = "This member has an assessment of that day."
        if errors:
            raise ValidationError(errors)


class RiskManagementAssessmentStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read a confidential record (guardian's direct foreign key)."""

    content_object = models.ForeignKey(RiskManagementAssessment, on_delete=models.CASCADE)
    history = HistoricalRecords()


class RiskManagementAssessmentGrant(GroupObjectPermissionBase):
    content_object = models.ForeignKey(RiskManagementAssessment, on_delete=models.CASCADE)
    history = HistoricalRecords()
