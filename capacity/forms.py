"""Forms of the capacity-building pages. The rules live on the models: a ModelForm runs the
model's full_clean(), so disbursed funding above the amount committed, a project closed without
an evaluation or an uptake "acceded" for a tool that is not a convention comes back as form
errors. What a project has once its beneficiaries and funding are saved
(`Project.check_resources`) runs when the form saves, inside the view's saving transaction, so a
refusal undoes the change and comes back as form errors too, not as an error page."""

from datetime import date

from django import forms

from capacity.models import (
    SDG,
    DiagnosticMission,
    Donor,
    Evaluation,
    Funding,
    Instrument,
    InstrumentReview,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.dates import within_platform_range
from core.forms import DateInput, MemberRecordForm, ModelRulesForm
from core.models import Commitment, Member, StrategicArea

SCORES = [("", "–"), *[(score, str(score)) for score in range(1, 5)]]
SCORE_HELP = "1 (poor) to 4 (excellent)"


def score_fields(form, names):
    for name in names:
        form.fields[name].widget = forms.Select(choices=SCORES)
        form.fields[name].help_text = SCORE_HELP


# --- the secretariat's registers -------------------------------------------------------------


class DonorForm(ModelRulesForm):
    website = forms.URLField(required=False, assume_scheme="https")

    class Meta:
        model = Donor
        fields = ["name", "kind", "country", "organisation", "website"]


class ProjectForm(ModelRulesForm):
    """A project with its beneficiaries, the commitments it serves and the SDGs it contributes
    to. Its donors are its funding rows, recorded once the project exists."""

    class Meta:
        model = Project
        fields = [
            "code",
            "title",
            "description",
            "status",
            "start",
            "end",
            "currency",
            "budget",
            "beneficiaries",
            "commitments",
            "sdgs",
            "strategic_plan",
            "not_aligned_reason",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "not_aligned_reason": forms.Textarea(attrs={"rows": 2}),
            "beneficiaries": forms.SelectMultiple(attrs={"size": 10}),
            "commitments": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiaries"].queryset = Member.objects.filter(is_active=True).order_by(
            "name"
        )
        self.fields[
            "beneficiaries"
        ].help_text = "The members it benefits (hold Ctrl or ⌘ to choose several)."
        self.fields["commitments"].queryset = Commitment.objects.order_by(
            "area__position", "position", "code"
        )
        self.fields["commitments"].help_text = "The areas it serves are those of its commitments."
        self.fields["sdgs"].queryset = SDG.objects.order_by("number")
        self.fields["status"].help_text = (
            "An active project needs a beneficiary and a funder: record its funding first; "
            "a closed one needs an evaluation."
        )

    def save(self, commit=True):
        """Save the project and its links, then check what an active project has; the caller
        saves inside a transaction and shows a ValidationError as form errors."""
        project = super().save(commit=commit)
        if commit:
            project.check_resources()
        return project


class FundingForm(ModelRulesForm):
    """A donor's funding of a project for a year; the project is fixed once recorded (a funding
    row moved away could leave an active project without a funder)."""

    class Meta:
        model = Funding
        fields = [
            "project",
            "donor",
            "year",
            "committed",
            "disbursed",
            "committed_eur",
            "disbursed_eur",
        ]
        help_texts = {
            "committed": "In the project's currency.",
            "disbursed": "In the project's currency.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.order_by("code")
        self.fields["donor"].queryset = Donor.objects.order_by("name")
        if self.instance.pk:
            self.fields["project"].disabled = True


class DiagnosticMissionForm(ModelRulesForm):
    """A diagnostic mission to a member: restricted by default, as its findings are."""

    class Meta:
        model = DiagnosticMission
        fields = ["member", "tool", "start", "end", "team_lead", "confidentiality", "findings"]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(is_active=True).order_by("name")
        if self.instance.pk:
            self.fields["member"].disabled = True


class RecommendationForm(ModelRulesForm):
    """A recommendation of a mission, recorded by the secretariat; its member is the
    mission's."""

    class Meta:
        model = Recommendation
        fields = [
            "mission",
            "text",
            "area",
            "priority",
            "owner",
            "due",
            "follow_up",
            "done_on",
            "follow_up_note",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due": DateInput(),
            "done_on": DateInput(),
            "follow_up_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, missions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = missions.select_related("member").order_by(
            "member__name", "-start"
        )
        self.fields["area"].queryset = StrategicArea.objects.order_by("position")
        if self.instance.pk:
            self.fields["mission"].disabled = True


class FollowUpForm(ModelRulesForm):
    """What a member changes on its recommendation: its follow-up (`MEMBER_FIELDS`)."""

    class Meta:
        model = Recommendation
        fields = ["follow_up", "done_on", "follow_up_note"]
        widgets = {
            "done_on": DateInput(),
            "follow_up_note": forms.Textarea(attrs={"rows": 3}),
        }


class EvaluationForm(ModelRulesForm):
    """An evaluation of a project on the six OECD DAC criteria, with its evidence."""

    class Meta:
        model = Evaluation
        fields = [
            "project",
            "evaluated_on",
            "evaluator",
            *Evaluation.CRITERIA,
            "evidence",
            "summary",
        ]
        widgets = {
            "evaluated_on": DateInput(),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.exclude(status="pipeline").order_by(
            "code"
        )
        score_fields(self, Evaluation.CRITERIA)
        if self.instance.pk:
            self.fields["project"].disabled = True


class InstrumentReviewForm(ModelRulesForm):
    """The secretariat's review of an instrument's relevance and impact."""

    class Meta:
        model = InstrumentReview
        fields = ["instrument", "reviewed_on", "relevance", "impact", "evidence", "reviewer"]
        widgets = {"reviewed_on": DateInput(), "evidence": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.order_by("code")
        score_fields(self, ["relevance", "impact"])


# --- members' submissions --------------------------------------------------------------------


class InstrumentUptakeForm(MemberRecordForm):
    """A member's uptake of one instrument; the instrument is fixed once recorded."""

    class Meta:
        model = InstrumentUptake
        fields = ["member", "instrument", "uptake", "since", "note"]
        widgets = {"since": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.order_by("code")
        if self.instance.pk:
            self.fields["instrument"].disabled = True


class TrainingActivityForm(MemberRecordForm):
    class Meta:
        model = TrainingActivity
        fields = [
            "member",
            "title",
            "area",
            "commitment",
            "project",
            "modality",
            "start",
            "end",
            "participants",
            "hours",
        ]
        widgets = {"start": DateInput(), "end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = StrategicArea.objects.order_by("position")
        self.fields["commitment"].queryset = Commitment.objects.order_by(
            "area__position", "position", "code"
        )
        self.fields["project"].queryset = Project.objects.exclude(status="pipeline").order_by(
            "code"
        )
        self.fields["project"].help_text = "The project it was delivered under, if any."


# --- the figures' pages ----------------------------------------------------------------------


class DayForm(forms.Form):
    """The day a figures' page looks at (today when left out)."""

    at = forms.DateField(
        required=False, label="On", widget=DateInput(), validators=[within_platform_range]
    )

    def clean_at(self):
        return self.cleaned_data["at"] or date.today()


class CoordinationForm(forms.Form):
    """The window in which donors' projects overlap (both days included; today when left out)
    and the funding years to break down (all when left out)."""

    start = forms.DateField(
        required=False, label="From", widget=DateInput(), validators=[within_platform_range]
    )
    end = forms.DateField(
        required=False, label="Until", widget=DateInput(), validators=[within_platform_range]
    )
    first_year = forms.IntegerField(required=False, min_value=1990, max_value=2100)
    last_year = forms.IntegerField(required=False, min_value=1990, max_value=2100)

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start") or date.today()
        end = cleaned.get("end") or start
        if end < start:
            self.add_error("end", "The window cannot end before it starts.")
        cleaned["start"], cleaned["end"] = start, end
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", "The last year cannot come before the first.")
        return cleaned
