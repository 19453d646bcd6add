"""Forms of the governance pages. The rules live on the models: a ModelForm runs the model's
full_clean(), so a refused mandate or decision comes back as form errors, as it comes back
as a 400 from the API."""

from django import forms

from core.dates import within_platform_range
from core.forms import DateInput, MemberRecordForm, ModelRulesForm
from core.models import Commitment, Member
from governance.models import (
    Body,
    Consultation,
    ConsultationResponse,
    Decision,
    Mandate,
    Meeting,
    Position,
)


class PositionForm(ModelRulesForm):
    class Meta:
        model = Position
        fields = ["body", "title", "term_years", "max_terms", "higher_responsibility"]


class MandateForm(ModelRulesForm):
    """The term number and the previous term are worked out by the model on save."""

    class Meta:
        model = Mandate
        fields = ["position", "holder", "member", "start", "end"]
        widgets = {"start": DateInput(), "end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = Position.objects.select_related("body")
        self.fields["member"].queryset = Member.objects.filter(is_active=True).order_by("name")


class DecisionForm(ModelRulesForm):
    class Meta:
        model = Decision
        fields = [
            "body",
            "meeting",
            "reference",
            "title",
            "summary",
            "decided_on",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
            "commitments",
        ]
        widgets = {"decided_on": DateInput(), "commitments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.order_by("-held_on", "id")
        self.fields["commitments"].queryset = Commitment.objects.order_by(
            "area__position", "position", "code"
        )


class MeetingForm(ModelRulesForm):
    class Meta:
        model = Meeting
        fields = ["body", "title", "held_on", "ends_on", "location"]
        widgets = {"held_on": DateInput(), "ends_on": DateInput()}


class ConsultationForm(ModelRulesForm):
    class Meta:
        model = Consultation
        fields = ["reference", "title", "description", "opened_on", "closes_on", "commitments"]
        widgets = {
            "opened_on": DateInput(),
            "closes_on": DateInput(),
            "commitments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = Commitment.objects.order_by(
            "area__position", "position", "code"
        )


class ConsultationResponseForm(MemberRecordForm):
    """A member's response (its member as `MemberRecordForm` says); the consultation is fixed
    once responded."""

    class Meta:
        model = ConsultationResponse
        fields = ["consultation", "member", "responded_on", "summary", "confidentiality"]
        widgets = {"responded_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.order_by("-opened_on")
        if self.instance.pk:
            self.fields["consultation"].disabled = True


class ParticipationForm(forms.Form):
    """The period of the participation page, and how many meetings count as "the last ones"
    (the page fills in the last twelve months and three meetings when they are left out)."""

    start = forms.DateField(widget=DateInput(), validators=[within_platform_range])
    end = forms.DateField(widget=DateInput(), validators=[within_platform_range])
    last = forms.IntegerField(min_value=1, max_value=24, label="Last meetings")
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label="All bodies",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The period cannot end before it starts.")
        return cleaned
