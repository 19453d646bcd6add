"""Form bases every area app's pages share. The rules live on the models: a ModelForm runs the
model's full_clean(), so a refused record comes back as form errors."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DateInput(forms.DateInput):
    """The browser's date picker, which sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ModelRulesForm(forms.ModelForm):
    """A ModelForm whose model rules may name fields the form does not show (a computed term
    number, a member filled from the user, a field fixed on edit): those errors are shown above
    the form instead of failing the request. Text with control characters and dates outside the
    platform's range are refused as in the API."""

    def clean(self):
        from core.api.serializers_base import plain_input_errors

        cleaned = super().clean()
        for name, messages in plain_input_errors(cleaned).items():
            self.add_error(name, messages)
        return cleaned

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            shown, hidden = {}, []
            for field, messages in errors.error_dict.items():
                if field == NON_FIELD_ERRORS or field in self.fields:
                    shown[field] = messages
                else:
                    hidden.extend(messages)
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(hidden)
            errors = ValidationError(shown)
        super()._update_errors(errors)


class MemberRecordForm(ModelRulesForm):
    """A record a member administration reports. Its member is fixed (`member`: the user's only
    one; on edit, the record's own) or chosen among `members` (the user's, or all for the
    secretariat). Set before validation, so the model's rules see it."""

    def __init__(self, *args, member=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["member"]
        elif member is not None:
            self.instance.member = member
            del self.fields["member"]
        else:
            self.fields["member"].queryset = members.order_by("name")


class GrantForm(forms.Form):
    """Whom a record is shared with (or no longer): a member administration, for a restricted
    record, or a named secretariat user, for a confidential one."""

    member = forms.ModelChoiceField(
        queryset=None, to_field_name="code", required=False, empty_label="Choose a member"
    )
    staff = forms.ModelChoiceField(
        queryset=None,
        to_field_name="username",
        required=False,
        empty_label="Choose a secretariat user",
    )

    def __init__(self, *args, **kwargs):
        from core.grants import secretariat_staff
        from core.models import Member

        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(is_active=True).order_by("name")
        self.fields["staff"].queryset = secretariat_staff()

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("member")) == bool(cleaned.get("staff")):
            raise ValidationError("Choose either a member or a secretariat user.")
        return cleaned


class MeasurementForm(MemberRecordForm):
    """A member's value of an indicator it reports, for one period. The rules (one value a
    member, indicator and period; only indicators measured per member and entered by hand) are
    the model's."""

    class Meta:
        from core.models import Measurement

        model = Measurement
        fields = ["member", "indicator", "period_start", "period_end", "value", "note"]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        from core.choices import IndicatorScope
        from core.models import Indicator

        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            scope=IndicatorScope.MEMBER, source="manual"
        ).order_by("code")


def register_choices():
    """The registers members owe records to, for a form's list."""
    from core import registry

    return [("", "Choose a register")] + [
        (r.path, f"{r.label_plural[:1].upper()}{r.label_plural[1:]} ({r.path})")
        for r in registry.registers()
        if r.expects_records
    ]


class NotApplicableAnswerForm(MemberRecordForm):
    """A member says a register (for a subject, or a period) does not apply to it, and why."""

    register = forms.ChoiceField(choices=register_choices)

    class Meta:
        from core.models import NotApplicableAnswer

        model = NotApplicableAnswer
        fields = ["member", "register", "subject", "period_start", "reason"]
        widgets = {"period_start": DateInput()}
        help_texts = {
            "subject": "Where a register expects one record per subject: a TFA measure's code, a "
            "standard's number, an indicator's code.",
            "period_start": "The first day of the period; empty for a register reported once.",
        }


class DueDateExtensionForm(ModelRulesForm):
    """The secretariat gives a member more time for one obligation."""

    register = forms.ChoiceField(choices=register_choices)

    class Meta:
        from core.models import DueDateExtension

        model = DueDateExtension
        fields = ["member", "register", "subject", "period_start", "due_on", "reason"]
        widgets = {"period_start": DateInput(), "due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        from core.models import Member

        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(is_active=True).order_by("name")
