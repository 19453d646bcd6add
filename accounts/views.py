"""The browser's side of accounts: logging in (with the second factor), the lockout page, a
user's account page (password, reminders, API tokens, second factor), and the secretariat's
care of other users' accounts (unlocking them, resetting their second factor)."""

import logging
from urllib.parse import urlencode

from axes.models import AccessAttempt
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.generic import TemplateView, View

from accounts import twofactor
from accounts.forms import ConfirmDeviceForm, LoginForm, ReminderSettingsForm, TokenForm
from accounts.models import ApiToken
from core.models import Member, UserSettings
from core.roles import member_ids_for
from core.views import SecretariatRequiredMixin

log = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    """`/accounts/login/`: username, password, and the second factor where it is required."""

    form_class = LoginForm
    template_name = "registration/login.html"

    def get_success_url(self):
        user = self.request.user
        if twofactor.required_for(user) and not twofactor.enrolled(user):
            return reverse("accounts:two_factor")
        return super().get_success_url()


def locked_out(request, credentials=None, *args, **kwargs):
    """What a locked-out login gets (django-axes): a page saying why and until when, 429 (in
    JSON on the API's paths)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": f"Too many failed logins: this account is locked for {minutes} minutes."},
            status=429,
        )
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "failures": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


class AccountView(LoginRequiredMixin, TemplateView):
    """A user's own page: who they are and for whom they act; whether reminders are emailed to
    them; their API tokens (made, listed, revoked); their password and second factor."""

    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        current, _ = UserSettings.objects.get_or_create(user=user)
        context.setdefault("form", ReminderSettingsForm(instance=current))
        context.setdefault("token_form", TokenForm())
        context["members"] = Member.objects.filter(pk__in=member_ids_for(user)).order_by("name")
        context["tokens"] = ApiToken.objects.filter(user=user).order_by("-created")
        context["second_factor_required"] = twofactor.required_for(user)
        context["enrolled"] = twofactor.enrolled(user)
        context["token_days"] = settings.API_TOKEN_TTL_DAYS
        return context

    def post(self, request):
        user = request.user
        if "make_token" in request.POST:
            form = TokenForm(request.POST)
            if form.is_valid():
                token, key = ApiToken.objects.create(user=user, name=form.cleaned_data["name"])
                # The token itself is shown this once: only its digest is kept.
                return self.render_to_response(self.get_context_data(new_token=key))
            return self.render_to_response(self.get_context_data(token_form=form))
        current, _ = UserSettings.objects.get_or_create(user=user)
        form = ReminderSettingsForm(request.POST, instance=current)
        if form.is_valid():
            form.save()
            messages.success(request, "Your settings are saved.")
            return redirect("accounts:account")
        return self.render_to_response(self.get_context_data(form=form))


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, token_id):
        token = get_object_or_404(ApiToken, id=token_id, user=request.user)
        token.delete()
        messages.success(request, f"The token {token.name or ''} is revoked.".replace("  ", " "))
        return redirect("accounts:account")


class TwoFactorView(LoginRequiredMixin, TemplateView):
    """Enrol an authenticator app (scan, then confirm with a code), get recovery codes, or
    make new ones."""

    template_name = "accounts/two_factor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["enrolled"] = twofactor.enrolled(user)
        context["required"] = twofactor.required_for(user)
        if not context["enrolled"] or self.request.GET.get("again"):
            device = twofactor.start_enrolment(user)
            context["qr"] = twofactor.qr_svg(device, user)
            context["secret"] = _base32(device)
        context.setdefault("form", ConfirmDeviceForm())
        return context

    def post(self, request):
        user = request.user
        if "new_codes" in request.POST and twofactor.enrolled(user):
            codes = twofactor.new_recovery_codes(user)
            return self.render_to_response(self.get_context_data(codes=codes))
        form = ConfirmDeviceForm(request.POST)
        if form.is_valid():
            codes = twofactor.confirm_enrolment(user, form.cleaned_data["code"])
            if codes is not None:
                from django_otp import login as otp_login
                from django_otp.plugins.otp_totp.models import TOTPDevice

                otp_login(request, TOTPDevice.objects.get(user=user, confirmed=True))
                log.info("second factor enrolled by %s", user.get_username())
                messages.success(request, "Your authenticator app is enrolled.")
                return self.render_to_response(self.get_context_data(codes=codes, form=form))
            form.add_error("code", "That code is not the one the app shows: try the next one.")
        return self.render_to_response(self.get_context_data(form=form))


def _base32(device):
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, "Your password is changed.")
        return super().form_valid(form)


class UserAccountsView(SecretariatRequiredMixin, TemplateView):
    """The secretariat's view of users' access: who is locked out after failed logins, who has
    a second factor; it unlocks an account and resets a lost second factor."""

    template_name = "accounts/users.html"

    def get_context_data(self, **kwargs):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        users = get_user_model().objects.order_by("username")
        if query:
            users = users.filter(Q(username__icontains=query) | Q(email__icontains=query))
        attempts = {
            a.username: a
            for a in AccessAttempt.objects.filter(failures_since_start__gt=0).order_by(
                "-attempt_time"
            )
        }
        enrolled = set(
            TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True)
        )
        rows = [
            (user, attempts.get(user.username), user.username in enrolled) for user in users[:200]
        ]
        context.update(
            rows=rows,
            q=query,
            limit=settings.AXES_FAILURE_LIMIT,
            locked=[
                a
                for a in attempts.values()
                if a.failures_since_start >= settings.AXES_FAILURE_LIMIT
            ],
        )
        return context

    def post(self, request):
        user = get_object_or_404(get_user_model(), username=request.POST.get("username", ""))
        if request.POST.get("action") == "unlock":
            reset_lockout(username=user.get_username())
            log.info("%s unlocked by %s", user.get_username(), request.user.get_username())
            messages.success(request, f"{user.get_username()} may log in again.")
        elif request.POST.get("action") == "reset_second_factor":
            twofactor.reset(user)
            log.info(
                "second factor of %s reset by %s", user.get_username(), request.user.get_username()
            )
            messages.success(
                request, f"{user.get_username()} enrols a new authenticator at the next login."
            )
        query = request.POST.get("q", "")
        return redirect(
            reverse("accounts:users") + (f"?{urlencode({'q': query})}" if query else "")
        )
