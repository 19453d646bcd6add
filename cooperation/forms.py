"""Forms of the cooperation pages. The rules live on the models: a ModelForm runs the model's
full_clean(), so an agreement that allows personal data without data-protection clauses, or an
exchange under an agreement not in force on its date, comes back as form errors. The rules on an
agreement's parties (`Agreement.check_parties`) run the same way before anything is saved, and
the parties are saved with `Agreement.set_parties`, as the API saves them: the pages and the API
keep the same rules."""

from django import forms
from django.core.exceptions import ValidationError

from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.forms import DateInput, ModelRulesForm
from core.models import Commitment, Member, Region
from core.querysets import VIEW
from core.roles import is_secretariat, member_ids_for


def active_members():
    return Member.objects.filter(is_active=True).order_by("name")


class PartnerForm(ModelRulesForm):
    class Meta:
        model = Partner
        fields = ["name", "acronym", "kind", "contact_name", "contact_email"]


class AgreementForm(ModelRulesForm):
    """An agreement and its parties. The secretariat records any agreement; a member user
    records those its administration is a party to (`user` says who fills the form)."""

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "agreement_status",
            "signed_on",
            "entry_into_force",
            "expires_on",
            "terminated_on",
            "parties",
            "partners",
            "scope",
            "confidentiality",
            "allows_personal_data",
            "data_protection_clauses",
            "legal_basis",
            "safeguards",
        ]
        labels = {
            "agreement_status": "Status",
            "parties": "Member parties",
            "partners": "Partner parties",
        }
        widgets = {
            "signed_on": DateInput(),
            "entry_into_force": DateInput(),
            "expires_on": DateInput(),
            "terminated_on": DateInput(),
            "parties": forms.SelectMultiple(attrs={"size": 12}),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "safeguards": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["parties"].queryset = active_members()
        self.fields["parties"].help_text = (
            "Hold Ctrl or ⌘ to choose several. At least two parties in all, members and "
            "partners counted."
        )
        self.fields["partners"].queryset = Partner.objects.order_by("name")

    def _post_clean(self):
        super()._post_clean()
        if "parties" not in self.cleaned_data or "partners" not in self.cleaned_data:
            return
        members = self.cleaned_data["parties"]
        try:
            self.instance.check_parties(members, self.cleaned_data["partners"])
        except ValidationError as exc:
            self._update_errors(exc)
        own = member_ids_for(self.user)
        if not is_secretariat(self.user) and not {m.pk for m in members} & own:
            self.add_error(
                "parties", "Your administration is a party to the agreements it records."
            )

    def _save_m2m(self):
        # The parties go through the model's rule, never straight into the join tables.
        self.instance.set_parties(self.cleaned_data["parties"], self.cleaned_data["partners"])


class InformationExchangeForm(ModelRulesForm):
    """An exchange its sender records (or the secretariat, for any sender). The sender is the
    user's administration when it has one; on edit it stays the record's."""

    class Meta:
        model = InformationExchange
        fields = [
            "sender",
            "receiver",
            "agreement",
            "reference",
            "date",
            "category",
            "classification",
            "personal_data",
            "legal_basis",
            "note",
        ]
        widgets = {
            "date": DateInput(),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = active_members()
        # Only agreements the user reads: choosing one never reveals another.
        agreements = Agreement.objects.for_user(user, VIEW)
        if not is_secretariat(user):
            agreements = agreements.filter(Agreement.objects.party_filter(member_ids_for(user)))
        self.fields["agreement"].queryset = agreements.order_by("title", "id")
        own = member_ids_for(user)
        if self.instance.pk:
            del self.fields["sender"]
        elif not is_secretariat(user) and len(own) == 1:
            self.instance.sender = Member.objects.get(pk=next(iter(own)))
            del self.fields["sender"]
        else:
            senders = (
                active_members() if is_secretariat(user) else Member.objects.filter(pk__in=own)
            )
            self.fields["sender"].queryset = senders.order_by("name")

    def clean_reference(self):
        reference = self.cleaned_data["reference"]
        # With the sender fixed (not a field), the model's unique rule is not run by the form.
        sender_id = self.instance.sender_id
        if "sender" not in self.fields and sender_id:
            taken = InformationExchange.objects.filter(sender_id=sender_id, reference=reference)
            if taken.exclude(pk=self.instance.pk).exists():
                raise ValidationError(
                    "Your administration recorded an exchange with this reference."
                )
        return reference


class StakeholderDialogueForm(ModelRulesForm):
    class Meta:
        model = StakeholderDialogue
        fields = ["kind", "title", "held_on", "partners", "members", "outcomes"]
        labels = {"members": "Members taking part", "partners": "Partners taking part"}
        widgets = {
            "held_on": DateInput(),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
            "members": forms.SelectMultiple(attrs={"size": 12}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.order_by("name")
        self.fields["members"].queryset = active_members()


class FollowUpActionForm(ModelRulesForm):
    class Meta:
        model = FollowUpAction
        fields = ["dialogue", "action", "owner", "due", "status", "done_on"]
        widgets = {"due": DateInput(), "done_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dialogue"].queryset = StakeholderDialogue.objects.order_by("-held_on", "title")


class OutreachActionForm(ModelRulesForm):
    class Meta:
        model = OutreachAction
        fields = [
            "kind",
            "title",
            "forum",
            "audience",
            "held_on",
            "region",
            "members",
            "outcome",
            "commitments",
        ]
        labels = {"members": "Members reached", "commitments": "Commitments served"}
        widgets = {
            "held_on": DateInput(),
            "members": forms.SelectMultiple(attrs={"size": 12}),
            "commitments": forms.CheckboxSelectMultiple,
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["region"].help_text = "Leave empty for members named, or for all regions."
        self.fields["members"].queryset = active_members()
        self.fields["commitments"].queryset = Commitment.objects.order_by(
            "area__position", "position", "code"
        )
