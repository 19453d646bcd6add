"""The second factor, enforced: a secretariat or council user who must prove one (when
`REQUIRE_2FA` is on) and whose session has not goes to the enrolment page (no device yet) or
back to the login, before any other page. API requests with a token prove it when the token is
issued."""

from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import twofactor

OPEN_PATHS = ("/accounts/logout/", "/static/", "/healthz")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and twofactor.required_for(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PATHS)
        ):
            enrolment = reverse("accounts:two_factor")
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Prove your second factor in the browser first."}, status=403
                )
            if twofactor.enrolled(user):
                # A session opened before the second factor was required: log in again.
                logout(request)
                return redirect(f"{reverse('login')}?next={request.path}")
            if request.path != enrolment:
                return redirect(enrolment)
        return self.get_response(request)
