"""Forms of the security pages. The rules live on the models: a ModelForm runs the model's
full_clean(), so a pilot AEO programme without a launch date or operational PNR access without
a legal basis comes back as form errors; the rules on a mutual recognition's parties
(`MutualRecognition.check_parties`) run the same way, before anything is saved."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import DateInput, MemberRecordForm, ModelRulesForm
from core.models import Member
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafeEdition,
    SafePillar,
    SecurityStrategyRole,
)

# --- members' submissions --------------------------------------------------------------------


class SafeAdoptionForm(MemberRecordForm):
    """A member's letter of intent, the edition it refers to and the pillars it implements."""

    class Meta:
        model = SafeAdoption
        fields = ["member", "letter_of_intent_on", "edition", "pillars"]
        widgets = {
            "letter_of_intent_on": DateInput(),
            "pillars": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = SafeEdition.objects.order_by("-year")
        self.fields["pillars"].queryset = SafePillar.objects.order_by("number")


class AEOProgrammeForm(MemberRecordForm):
    class Meta:
        model = AEOProgramme
        fields = [
            "member",
            "programme_status",
            "launched_on",
            "covers",
            "certified_operators",
            "counted_on",
        ]
        labels = {"programme_status": "Programme status"}
        widgets = {"launched_on": DateInput(), "counted_on": DateInput()}


class AEOOperatorCountForm(MemberRecordForm):
    """The operators a member's AEO programme certified in one year."""

    class Meta:
        model = AEOOperatorCount
        fields = ["member", "year", "certified_operators", "note"]


class SecurityStrategyRoleForm(MemberRecordForm):
    class Meta:
        model = SecurityStrategyRole
        fields = ["member", "involvement", "seat_on_security_body", "strategy_dated"]
        widgets = {"strategy_dated": DateInput(), "involvement": forms.RadioSelect}


class PassengerDataReadinessForm(MemberRecordForm):
    """Restricted by default: only the member, the secretariat and the members it grants read
    it."""

    class Meta:
        model = PassengerDataReadiness
        fields = [
            "member",
            "confidentiality",
            "api_legal_basis",
            "api_status",
            "pnr_legal_basis",
            "pnr_status",
            "passenger_unit",
            "uses_api_pnr_guidelines",
            "uses_pnrgov",
            "interactive_api",
            "single_window",
            "go_live",
            "safeguards",
        ]
        labels = {
            "api_legal_basis": "Legal basis for API",
            "api_status": "API access",
            "pnr_legal_basis": "Legal basis for PNR",
            "pnr_status": "PNR access",
            "uses_pnrgov": "Uses PNRGOV",
            "interactive_api": "Interactive API",
        }
        widgets = {"go_live": DateInput(), "safeguards": forms.Textarea(attrs={"rows": 3})}


class RiskManagementAssessmentForm(MemberRecordForm):
    SCORES = [(score, str(score)) for score in range(1, 6)]

    class Meta:
        model = RiskManagementAssessment
        fields = [
            "member",
            "confidentiality",
            "assessed_on",
            *RiskManagementAssessment.DIMENSIONS,
            "assessor",
        ]
        widgets = {"assessed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RiskManagementAssessment.DIMENSIONS:
            self.fields[name].widget = forms.Select(choices=[("", "–"), *self.SCORES])
            self.fields[name].help_text = "1 (initial) to 5 (advanced)"


# --- the secretariat's registers -------------------------------------------------------------


class SafeEditionForm(ModelRulesForm):
    """A new edition of the SAFE Framework ("continue to upgrade the SAFE Framework")."""

    class Meta:
        model = SafeEdition
        fields = ["year", "title", "published_on"]
        widgets = {"published_on": DateInput()}


class CustomsUnionForm(ModelRulesForm):
    class Meta:
        model = CustomsUnion
        fields = ["code", "name", "members", "aeo_operational"]
        widgets = {"members": forms.SelectMultiple(attrs={"size": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Member.objects.order_by("name")


class MutualRecognitionForm(ModelRulesForm):
    """An arrangement between members and customs unions. The rules on its parties are the
    model's (`check_parties`); they run once the other fields are on the record, and give the
    parties' key that is saved with it."""

    class Meta:
        model = MutualRecognition
        fields = [
            "title",
            "status",
            "signed_on",
            "implemented_on",
            "ended_on",
            "members",
            "customs_unions",
        ]
        widgets = {
            "signed_on": DateInput(),
            "implemented_on": DateInput(),
            "ended_on": DateInput(),
            "members": forms.SelectMultiple(attrs={"size": 12}),
            "customs_unions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Member.objects.order_by("name")
        self.fields["members"].help_text = "Member parties (hold Ctrl or ⌘ to choose several)."
        self.fields["customs_unions"].queryset = CustomsUnion.objects.order_by("code")
        self.fields["customs_unions"].help_text = "A customs union counts as one party."

    def _post_clean(self):
        super()._post_clean()
        if "members" not in self.cleaned_data or "customs_unions" not in self.cleaned_data:
            return
        try:
            self.instance.party_key = self.instance.check_parties(
                self.cleaned_data["members"], self.cleaned_data["customs_unions"]
            )
        except ValidationError as exc:
            self._update_errors(exc)
