"""The `login` throttle scope: password guessing is slowed per client address, more strictly
than the API's anonymous rate, on the token endpoint and on the browser login alike.

The rate is `API_THROTTLE_LOGIN` (REST_FRAMEWORK's DEFAULT_THROTTLE_RATES["login"]); the client
address is DRF's, so it honours `NUM_PROXIES` and never trusts a client's own X-Forwarded-For.
Lockout per username (after failed passwords) is another rule, kept by the authentication code.
"""

import functools

from django.template.response import TemplateResponse
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class LoginRateThrottle(SimpleRateThrottle):
    """For a DRF view: `throttle_classes = [LoginRateThrottle]`. Counts every attempt, right or
    wrong, from one address."""

    scope = "login"

    def get_rate(self):
        # Read when used rather than when DRF was imported, like the settings it comes from.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle_login(view):
    """For the browser's login view: a POST beyond the `login` rate is answered 429 (with
    Retry-After) without the password being checked."""

    @functools.wraps(view)
    def throttled(request, *args, **kwargs):
        if request.method == "POST":
            throttle = LoginRateThrottle()
            if not throttle.allow_request(request, None):
                wait = int(throttle.wait() or 60) + 1
                response = TemplateResponse(
                    request, "registration/throttled.html", {"wait": wait}, status=429
                )
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return throttled
