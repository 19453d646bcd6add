"""The project's own middleware: a request id for every request, and its access log line."""

import contextlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished

from wco_platform.logs import current_request

access_log = logging.getLogger("wco_platform.access")

# An id a proxy or client may pass on: letters, digits and . _ - (UUIDs, hex, ULIDs), at most
# 128 characters. Anything else (spaces, control characters, a very long header) is replaced,
# so a log line can never be forged through it.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


class RequestIdMiddleware:
    """Gives every request an id: the incoming `X-Request-ID` if well-formed, else a new one.
    It is echoed in the response's `X-Request-ID` and put on every log line of the request.

    With `ACCESS_LOG` on (production), logs one line per request (method, path, status,
    duration, with the id and the user) in place of gunicorn's plain-text access log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Kept until the response is closed (request_finished, below), not just until this
        # returns: Django logs a 4xx answer ("Not Found: /x") after the middleware are done.
        current_request.set(request)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        if settings.ACCESS_LOG:
            user = getattr(request, "user", None)  # absent for WhiteNoise's static files
            if user is not None:
                # Look the user up now, for the line to name it, if the view did not; a
                # lookup that fails (the database is down) leaves the line without it.
                with contextlib.suppress(Exception):
                    user.is_authenticated  # noqa: B018
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status_code": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
        return response


def forget_the_request(**kwargs):
    """Once the response is sent, log lines belong to no request any more."""
    current_request.set(None)


request_finished.connect(forget_the_request, dispatch_uid="wco_platform.forget_the_request")
