"""The login form (with the second factor where it is required), and the forms of a user's
account page."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts import twofactor
from core.models import UserSettings


class LoginForm(AuthenticationForm):
    """Username and password; for the secretariat and the council when `REQUIRE_2FA` is on, the
    code of their authenticator app (or a recovery code) too. A user who must have a second
    factor but has none yet logs in, and enrols before anything else."""

    otp = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="The secretariat and the council only; or one of your recovery codes.",
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if twofactor.required_for(user) and twofactor.enrolled(user):
            device = twofactor.verify(user, self.cleaned_data.get("otp"))
            if device is None:
                raise ValidationError(
                    "Give the code your authenticator app shows (or a recovery code).",
                    code="otp",
                )
            # django-otp persists the device in the session when the user logs in.
            user.otp_device = device


class ConfirmDeviceForm(forms.Form):
    code = forms.CharField(
        label="The code your app shows now",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = UserSettings
        fields = ["receives_reminders"]
        labels = {"receives_reminders": "Email me my administration's reporting reminders"}


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, required=False, label="What will use it", help_text="e.g. our customs system"
    )
