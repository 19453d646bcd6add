"""Wider cooperation: partners, cooperation agreements and the information exchanged under them,
dialogue with business and other stakeholders, and outreach at political level.

COOP-1: foster dialogue with business and other stakeholders (dialogues and their follow-up).
COOP-2: raise awareness at political level about the need to cooperate (outreach actions).
COOP-3: promote exchanges of information with due attention to confidentiality and data
protection (agreements, information exchanges).

Who reads what (cooperation/querysets.py): an agreement is its parties' (any status and
confidentiality); others read it once published, according to its confidentiality, and the
secretariat reads every agreement but the confidential ones it was not named on. An information
exchange is read only by its sender, its receiver and whoever was granted it, the secretariat
included: everyone else sees aggregate counts only. Partners, dialogues and outreach are public
programme data that the secretariat records.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cooperation.choices import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    DialogueKind,
    ExchangeCategory,
    OutreachKind,
    PartnerKind,
)
from cooperation.querysets import (
    HAS_BEEN_IN_FORCE,
    AgreementQuerySet,
    EventQuerySet,
    InformationExchangeQuerySet,
)
from core.choices import Confidentiality
from core.dates import within_platform_range
from core.models import Confidential, DomainModel, Workflow
from core.querysets import ReferenceQuerySet
from core.roles import is_secretariat, member_ids_for

# An agreement whose last day in force comes within this many days is flagged.
EXPIRY_WARNING_DAYS = 180


def _date_field(**kwargs):
    return models.DateField(validators=[within_platform_range], **kwargs)


class Partner(DomainModel):
    """An organisation customs cooperates with beyond the member administrations: international
    organisations (WTO, UNCTAD, UPU, ...), business associations, academia, tax authorities and
    other government agencies."""

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=30, choices=PartnerKind.choices)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def delete(self, *args, **kwargs):
        # Deleting would silently take a party away from its agreements.
        if self.agreements.exists():
            raise ValidationError(
                {"partner": f"{self} is a party to agreements: it cannot be deleted."}
            )
        return super().delete(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cooperation:partner_detail", args=[self.pk])

    # The contact person is personal data: shown to signed-in users only.
    CONTACT_FIELDS = ("contact_name", "contact_email")

    def history_for(self, user):
        """The partner's audit history as `user` may read it: without the contact person's
        changes for anonymous users (an entry that changed only them is left out)."""
        from core.audit import history_entries

        entries = history_entries(self)
        if user.is_authenticated:
            return entries
        shown = []
        for entry in entries:
            changes = [c for c in entry["changes"] if c["field"] not in self.CONTACT_FIELDS]
            if changes or not entry["changes"]:
                shown.append({**entry, "changes": changes})
        return shown


class Agreement(DomainModel, Workflow, Confidential):
    """A cooperation agreement between members and partners: a memorandum of understanding, a
    customs mutual administrative assistance agreement (CMAA), a cooperation framework.

    `agreement_status` is where the agreement stands (the API's `status`, per the contract);
    `status` is, as on every submission, where the record stands in review. The parties are
    `parties` (members) and `partners`: at least two in all (`check_parties`).
    """

    audited_m2m_fields = ("parties", "partners")

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=AgreementKind.choices)
    parties = models.ManyToManyField("core.Member", blank=True, related_name="agreements")
    partners = models.ManyToManyField(Partner, blank=True, related_name="agreements")
    agreement_status = models.CharField(
        max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.NEGOTIATING
    )
    signed_on = _date_field(null=True, blank=True)
    entry_into_force = _date_field(null=True, blank=True)
    expires_on = _date_field(null=True, blank=True, help_text="Its last day in force.")
    terminated_on = _date_field(
        null=True, blank=True, help_text="The first day it no longer applies."
    )
    scope = models.TextField(blank=True)
    allows_personal_data = models.BooleanField(
        default=False, help_text="The agreement allows the exchange of personal data."
    )
    data_protection_clauses = models.BooleanField(default=False)
    legal_basis = models.TextField(blank=True)
    safeguards = models.TextField(blank=True, help_text="Data-protection safeguards.")

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(allows_personal_data=False)
                | (Q(data_protection_clauses=True) & ~Q(legal_basis="")),
                name="personal_data_needs_data_protection_and_legal_basis",
            ),
            models.CheckConstraint(
                condition=Q(agreement_status=AgreementStatus.NEGOTIATING)
                | Q(signed_on__isnull=False),
                name="a_signed_agreement_has_its_signature_date",
            ),
            models.CheckConstraint(
                condition=~Q(agreement_status__in=["in_force", "expired"])
                | Q(entry_into_force__isnull=False),
                name="an_agreement_in_force_has_its_entry_into_force",
            ),
            models.CheckConstraint(
                condition=~Q(agreement_status=AgreementStatus.EXPIRED)
                | Q(expires_on__isnull=False),
                name="an_expired_agreement_has_its_expiry",
            ),
            models.CheckConstraint(
                condition=Q(agreement_status="terminated", terminated_on__isnull=False)
                | (~Q(agreement_status="terminated") & Q(terminated_on__isnull=True)),
                name="a_terminated_agreement_and_only_it_has_its_termination",
            ),
            models.CheckConstraint(
                condition=Q(entry_into_force__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(entry_into_force__gte=F("signed_on")),
                name="agreement_enters_into_force_after_signature",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(entry_into_force__isnull=True)
                | Q(expires_on__gt=F("entry_into_force")),
                name="agreement_expires_after_entry_into_force",
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(terminated_on__gt=F("signed_on")),
                name="agreement_terminated_after_signature",
            ),
        ]
        indexes = [models.Index(fields=["agreement_status", "expires_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:agreement_detail", args=[self.pk])

    @classmethod
    def staff_grants(cls):
        return AgreementStaffGrant

    @classmethod
    def read_grants(cls):
        return AgreementGrant

    # --- when it applies ----------------------------------------------------------------------

    def in_force_on(self, day):
        """Whether the agreement was in force on `day` (see querysets.in_force_filter): an
        expired or terminated agreement was in force between its entry into force and its end."""
        return (
            self.agreement_status in HAS_BEEN_IN_FORCE
            and self.entry_into_force is not None
            and self.entry_into_force <= day
            and (self.expires_on is None or day <= self.expires_on)
            and (self.terminated_on is None or day < self.terminated_on)
        )

    def expires_within(self, days=EXPIRY_WARNING_DAYS, today=None):
        """An agreement in force whose last day in force comes within `days` days."""
        today = today or date.today()
        return (
            self.agreement_status == AgreementStatus.IN_FORCE
            and self.expires_on is not None
            and today <= self.expires_on <= today + timedelta(days=days)
        )

    @property
    def expires_soon(self):
        return self.expires_within(EXPIRY_WARNING_DAYS)

    # --- the rules --------------------------------------------------------------------------

    def clean(self):
        errors = {}
        status = self.agreement_status
        today = date.today()
        if self.allows_personal_data and not self.data_protection_clauses:
            errors["data_protection_clauses"] = (
                "An agreement that allows the exchange of personal data has data-protection "
                "clauses."
            )
        if self.allows_personal_data and not (self.legal_basis or "").strip():
            errors["legal_basis"] = (
                "An agreement that allows the exchange of personal data names its legal basis."
            )
        if status != AgreementStatus.NEGOTIATING and not self.signed_on:
            errors["signed_on"] = "A signed agreement has its signature date."
        if self.signed_on and self.signed_on > today:
            errors["signed_on"] = "An agreement is signed on a day that has come."
        if status in (AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED):
            if not self.entry_into_force:
                errors["entry_into_force"] = "Say when the agreement entered into force."
            elif self.entry_into_force > today:
                errors["entry_into_force"] = (
                    "An agreement is in force from its entry into force: until then it is signed."
                )
        if status == AgreementStatus.EXPIRED:
            if not self.expires_on:
                errors["expires_on"] = "Say when the expired agreement expired."
            elif self.expires_on >= today:
                errors["expires_on"] = "An agreement expires after its last day in force."
        if status == AgreementStatus.TERMINATED and not self.terminated_on:
            errors["terminated_on"] = "Say when the agreement was terminated."
        if status != AgreementStatus.TERMINATED and self.terminated_on:
            errors["terminated_on"] = "Only a terminated agreement has a termination date."
        if self.terminated_on and self.terminated_on > today:
            errors.setdefault("terminated_on", "An agreement is terminated on a day that has come.")
        if self.signed_on and self.entry_into_force and self.entry_into_force < self.signed_on:
            errors["entry_into_force"] = "An agreement enters into force on or after its signature."
        if self.entry_into_force and self.expires_on and self.expires_on <= self.entry_into_force:
            errors["expires_on"] = "An agreement expires after it enters into force."
        if self.signed_on and self.terminated_on and self.terminated_on <= self.signed_on:
            errors.setdefault("terminated_on", "An agreement is terminated after its signature.")
        if not errors and self.pk:
            errors.update(self._exchanges_outside_force())
        if errors:
            raise ValidationError(errors)

    def _exchanges_outside_force(self):
        """A change of status or dates never leaves exchanges already recorded under the
        agreement outside its time in force (one query)."""
        exchanges = InformationExchange.objects.filter(agreement_id=self.pk)
        dates = exchanges.values_list("date", flat=True).order_by("date")
        if all(self.in_force_on(day) for day in dates):
            return {}
        # Neither how many nor when: the editor may not read the exchanges.
        return {
            "agreement_status": (
                "Information was exchanged under this agreement while it was in force: its "
                "status and dates must cover the information exchanged under it."
            )
        }

    def check_parties(self, members, partners):
        """The rules on the parties, before they are saved: at least two parties in all,
        members and partners counted, each named once. Returns (members, partners)."""
        members, partners = list(members), list(partners)
        errors = []
        if len({m.pk for m in members}) < len(members) or len({p.pk for p in partners}) < len(
            partners
        ):
            errors.append("Name each party once.")
        if len({m.pk for m in members}) + len({p.pk for p in partners}) < 2:
            errors.append("An agreement has at least two parties, members and partners counted.")
        if errors:
            raise ValidationError({"parties": errors})
        return members, partners

    @transaction.atomic
    def set_parties(self, members, partners):
        """Check and save the parties of a saved agreement."""
        members, partners = self.check_parties(members, partners)
        self.parties.set(members)
        self.partners.set(partners)

    # --- who acts on it -----------------------------------------------------------------------

    def party_member_ids(self):
        """The parties' member ids (from the prefetch when there is one)."""
        return {member.pk for member in self.parties.all()}

    def always_read_by(self, member):
        return member.pk in self.party_member_ids()

    def acts_for_a_party(self, user):
        return bool(self.party_member_ids() & member_ids_for(user))

    def shared_by(self, user):
        """Who shares the agreement (core.grants.may_share): a party's users, and secretariat
        staff who read it (a confidential one only when named on it)."""
        # Staff reach a record only through `for_user`: those who see it may share it.
        return is_secretariat(user) or self.acts_for_a_party(user)

    def is_editable_by(self, user):
        """A party's users change a draft or returned agreement; the secretariat changes it at
        any time, as it enters into force, expires or is terminated (every change audited)."""
        if is_secretariat(user):
            return True
        return self.status in self.EDITABLE_BY_MEMBER

    def submitted_by(self, user):
        """Any party's users submit the agreement (core's Workflow knows one member a record)."""
        return self.acts_for_a_party(user)


class AgreementStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read a confidential agreement (guardian's direct foreign key)."""

    content_object = models.ForeignKey(Agreement, on_delete=models.CASCADE)
    # Every grant and revocation is kept, with who made it and when.
    history = HistoricalRecords()


class AgreementGrant(GroupObjectPermissionBase):
    """A member (not a party) granted to read a restricted or confidential agreement."""

    content_object = models.ForeignKey(Agreement, on_delete=models.CASCADE)
    history = HistoricalRecords()


class InformationExchange(DomainModel):
    """Information one member's customs sent another's under a cooperation agreement (a reply
    to a request for assistance, a spontaneous alert, ...).

    Only its sender, its receiver and those granted it read it, whatever its `classification`
    (which says how the parties handle the information); others see aggregate counts only.
    The receiver is a member: exchanges with partners are not recorded here, as a partner has no
    users on the platform to read them.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="exchanges")
    sender = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey("core.Member", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(
        max_length=60, help_text="The sender's reference (file or message number)."
    )
    date = _date_field()
    category = models.CharField(max_length=12, choices=ExchangeCategory.choices)
    classification = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.RESTRICTED
    )
    personal_data = models.BooleanField(default=False, help_text="Personal data is involved.")
    legal_basis = models.TextField(blank=True)
    note = models.TextField(blank=True)

    objects = InformationExchangeQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "reference"], name="one_exchange_per_sender_reference"
            ),
            models.CheckConstraint(
                condition=~Q(sender=F("receiver")), name="an_exchange_is_between_two_members"
            ),
            models.CheckConstraint(
                condition=Q(personal_data=False) | ~Q(legal_basis=""),
                name="personal_data_is_exchanged_on_a_legal_basis",
            ),
        ]
        indexes = [models.Index(fields=["date", "category"])]

    def __str__(self):
        return f"{self.reference}: {self.sender.code} to {self.receiver.code}, {self.date:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("cooperation:exchange_detail", args=[self.pk])

    # In the secretariat only the staff named on an exchange read it, whatever its classification.
    confidential_to_staff = True

    @classmethod
    def staff_grants(cls):
        return InformationExchangeStaffGrant

    @classmethod
    def read_grants(cls):
        return InformationExchangeGrant

    def clean(self):
        errors = {}
        if self.date and self.date > date.today():
            errors["date"] = "An exchange is recorded once made: its date has come."
        if self.sender_id and self.sender_id == self.receiver_id:
            errors["receiver"] = "An exchange goes from one member to another."
        if self.personal_data and not (self.legal_basis or "").strip():
            errors["legal_basis"] = "Personal data is exchanged only on a legal basis: name it."
        if self.agreement_id and self.date and "date" not in errors:
            agreement = self.agreement
            if not agreement.in_force_on(self.date):
                errors["agreement"] = (
                    f"The agreement was not in force on {self.date:%d %B %Y}: an exchange is "
                    "made under an agreement in force."
                )
            if self.personal_data and not agreement.allows_personal_data:
                errors["personal_data"] = (
                    "The agreement does not allow the exchange of personal data."
                )
            parties = set(agreement.parties.values_list("pk", flat=True))
            if self.sender_id and self.sender_id not in parties:
                errors["sender"] = "The sender is not a party to the agreement."
            if self.receiver_id and self.receiver_id not in parties:
                errors.setdefault("receiver", "The receiver is not a party to the agreement.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from core.grants import keep_author_access

        super().save(*args, **kwargs)
        keep_author_access(self)

    def always_read_by(self, member):
        return member.pk in (self.sender_id, self.receiver_id)

    @staticmethod
    def check_sender(user, sender):
        """A member's users record only the exchanges their administration sent; the
        secretariat records them for any sender. Checked before anything else about the
        exchange, so that no one learns of another member's references."""
        if sender is None or is_secretariat(user):
            return
        if sender.pk not in member_ids_for(user):
            raise PermissionDenied("You may only record exchanges your member administration sent.")

    def shared_by(self, user):
        """Who shares the exchange (core.grants.may_share): its sender's users, and secretariat
        staff named on it."""
        return is_secretariat(user) or self.sender_id in member_ids_for(user)


class InformationExchangeStaffGrant(UserObjectPermissionBase):
    """Secretariat staff named to read an exchange (guardian's direct foreign key)."""

    content_object = models.ForeignKey(InformationExchange, on_delete=models.CASCADE)
    history = HistoricalRecords()


class InformationExchangeGrant(GroupObjectPermissionBase):
    """A member (neither sender nor receiver) granted to read an exchange."""

    content_object = models.ForeignKey(InformationExchange, on_delete=models.CASCADE)
    history = HistoricalRecords()


# --- dialogue and outreach: public programme data the secretariat records -------------------


class StakeholderDialogue(DomainModel):
    """A dialogue event with business and other stakeholders: a Private Sector Consultative
    Group meeting, a consultation, a workshop; with the partners and members taking part."""

    audited_m2m_fields = ("partners", "members")

    kind = models.CharField(max_length=14, choices=DialogueKind.choices)
    title = models.CharField(max_length=300)
    held_on = _date_field()
    partners = models.ManyToManyField(Partner, blank=True, related_name="dialogues")
    members = models.ManyToManyField("core.Member", blank=True, related_name="dialogues")
    outcomes = models.TextField(blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = "stakeholder dialogue"

    def __str__(self):
        return f"{self.title} ({self.held_on:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("cooperation:dialogue_detail", args=[self.pk])


class FollowUpAction(DomainModel):
    """An action agreed at a dialogue event: who does it, by when, and whether it was done."""

    dialogue = models.ForeignKey(
        StakeholderDialogue, on_delete=models.CASCADE, related_name="follow_up_actions"
    )
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=150, help_text="Who carries it out.")
    due = _date_field()
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default="open")
    done_on = _date_field(null=True, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        verbose_name = "follow-up action"
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ActionStatus.DONE, done_on__isnull=False)
                | (~Q(status=ActionStatus.DONE) & Q(done_on__isnull=True)),
                name="a_done_action_and_only_it_has_its_date",
            ),
        ]

    def __str__(self):
        return self.action

    def get_absolute_url(self):
        return self.dialogue.get_absolute_url()

    @property
    def done_on_time(self):
        return self.done_on is not None and self.done_on <= self.due

    @property
    def is_overdue(self):
        """Still to do (open or in progress) after its due date."""
        still_to_do = self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        return still_to_do and self.due < date.today()

    def clean(self):
        errors = {}
        if self.status == ActionStatus.DONE and not self.done_on:
            errors["done_on"] = "Say when the action was done."
        if self.status != ActionStatus.DONE and self.done_on:
            errors["done_on"] = "Only a done action has the date it was done."
        if self.done_on and self.done_on > date.today():
            errors["done_on"] = "An action is done on a day that has come."
        held_on = self.dialogue.held_on if self.dialogue_id else None
        if held_on and self.done_on and self.done_on < held_on:
            errors.setdefault("done_on", "An action is done after the dialogue that agreed it.")
        if held_on and self.due and self.due < held_on:
            errors["due"] = "An action falls due after the dialogue that agreed it."
        if errors:
            raise ValidationError(errors)


class OutreachAction(DomainModel):
    """An action to raise awareness at political level of the need to cooperate: a high-level
    meeting, a statement, a forum (the G20, a UN body); its audience, outcome and the programme
    commitments it serves. It reaches a region, named members, or (neither) everyone."""

    audited_m2m_fields = ("members", "commitments")

    kind = models.CharField(max_length=20, choices=OutreachKind.choices)
    title = models.CharField(max_length=300)
    forum = models.CharField(max_length=200, blank=True, help_text="e.g. G20, a UN body")
    audience = models.CharField(max_length=300, blank=True)
    held_on = _date_field()
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField("core.Member", blank=True, related_name="outreach_actions")
    outcome = models.TextField(blank=True)
    commitments = models.ManyToManyField(
        "core.Commitment", blank=True, related_name="outreach_actions"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = "outreach action"

    def __str__(self):
        return f"{self.title} ({self.held_on:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("cooperation:outreach_detail", args=[self.pk])

    @property
    def reached(self):
        """Whom the action reached, in words: its region and the members it names, or all
        regions when it names neither."""
        names = [self.region.name] if self.region_id else []
        names += [member.name for member in self.members.all()]
        return ", ".join(names) or "All regions"
