from django import forms
from django.utils import timezone

from reports.models import ReportSchedule


class ReportRequestForm(forms.Form):
    """The secretariat asks for a schedule's report of a period now."""

    schedule = forms.ModelChoiceField(queryset=ReportSchedule.objects.filter(is_active=True))
    period_start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period cannot end before it starts.")
        if end and end > timezone.localdate():
            self.add_error("period_end", "A report covers a period that has ended.")
        return cleaned
