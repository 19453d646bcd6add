"""Forms of the facilitation pages. The rules live on the models: a ModelForm runs the model's
full_clean(), so a category C notification without assistance or a date before the TFA's entry
into force comes back as form errors, the same rules as in the API."""

from django import forms
from django.utils import timezone

from core.dates import within_platform_range
from core.forms import DateInput, MemberRecordForm, ModelRulesForm
from core.models import Commitment, Region
from facilitation.choices import Category
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)

# --- members' submissions --------------------------------------------------------------------


class TFANotificationForm(MemberRecordForm):
    """A member's notification of one measure; the measure is fixed once notified."""

    class Meta:
        model = TFANotification
        fields = [
            "member",
            "measure",
            "category",
            "indicative_date",
            "definitive_date",
            "implemented_on",
            "assistance_needed",
        ]
        widgets = {
            "indicative_date": DateInput(),
            "definitive_date": DateInput(),
            "implemented_on": DateInput(),
            "category": forms.RadioSelect,
            "assistance_needed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = TFAMeasure.objects.order_by("position", "code")
        self.fields["category"].choices = Category.choices  # radio buttons: no blank one
        if self.instance.pk:
            self.fields["measure"].disabled = True


class ReleaseTimeStudyForm(MemberRecordForm):
    class Meta:
        model = ReleaseTimeStudy
        fields = ["member", "year", "mode", "average_release_hours", "sample_size"]


class EcommerceAdoptionForm(MemberRecordForm):
    """A member's adoption of one standard; the standard is fixed once recorded."""

    class Meta:
        model = EcommerceAdoption
        fields = ["member", "standard", "version", "adoption_status", "planned_on", "adopted_on"]
        widgets = {"planned_on": DateInput(), "adopted_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = EcommerceStandard.objects.order_by("number")
        if self.instance.pk:
            self.fields["standard"].disabled = True


class RevenueReportForm(MemberRecordForm):
    class Meta:
        model = RevenueReport
        fields = [
            "member",
            "year",
            "currency",
            "total_revenue",
            "ecommerce_revenue",
            "confidentiality",
        ]


# --- the secretariat's registers -------------------------------------------------------------


class EcommerceStandardForm(ModelRulesForm):
    """A standard of the framework; its version and revision date change only by revising it."""

    class Meta:
        model = EcommerceStandard
        fields = ["number", "principle", "title", "since"]


class StandardRevisionForm(forms.Form):
    """A new version of a standard, from a date, with a new title if it changes."""

    revised_on = forms.DateField(
        widget=DateInput(), label="Revised on", validators=[within_platform_range]
    )
    title = forms.CharField(
        max_length=200, required=False, help_text="Left empty: the title stays as it is."
    )


class JointActivityForm(ModelRulesForm):
    """An activity with the WTO or another organisation (TF-2 unless another commitment)."""

    class Meta:
        model = JointActivity
        fields = ["held_on", "partner", "kind", "title", "outcome", "commitment"]
        widgets = {"held_on": DateInput(), "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = Commitment.objects.order_by(
            "area__position", "position", "code"
        )
        self.fields["commitment"].empty_label = "TF-2 (cooperation with the WTO and others)"


# --- the figures' pages ----------------------------------------------------------------------


class DayForm(forms.Form):
    """The day figures are computed on (today when left out; past or future)."""

    at = forms.DateField(
        required=False, widget=DateInput(), label="On", validators=[within_platform_range]
    )

    def clean_at(self):
        return self.cleaned_data["at"] or timezone.localdate()


class RegionDayForm(DayForm):
    """A day and, to narrow the members shown, a region by its code (any case). The regions are
    fetched once, for both the list to choose from and the check of the one chosen."""

    region = forms.ChoiceField(required=False)
    all_regions = "All regions"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {r.code: r for r in Region.objects.order_by("name")}
        choices = [(code, region.name) for code, region in self.regions.items()]
        if self.all_regions:
            choices.insert(0, ("", self.all_regions))
        self.fields["region"].choices = choices

    def clean_region(self):
        code = self.cleaned_data["region"]
        return self.regions[code] if code else None


class MatrixForm(RegionDayForm):
    """The matrix shows one region's members at a time: the first alphabetically unless told."""

    all_regions = None

    def clean_region(self):
        return super().clean_region() or next(iter(self.regions.values()), None)
