"""GET /metrics: the Prometheus metrics (django-prometheus's request metrics, the Celery task
counters of wco_platform/prometheus.py), for a Prometheus server, never for the public.

404 unless `METRICS_ENABLED`. Then a request is let in when it comes from an address in
`METRICS_ALLOWED_IPS` (addresses or networks; the address of the connection itself, never
X-Forwarded-For, which a client writes) or carries `Authorization: Bearer <METRICS_TOKEN>`;
anything else is 403.
"""

import hmac
import ipaddress

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseForbidden, HttpResponseNotFound
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView


def from_allowed_address(request):
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_IPS
    )


def with_token(request):
    token = settings.METRICS_TOKEN
    if not token:
        return False
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


# No database: not inside the request's transaction either (ATOMIC_REQUESTS).
@transaction.non_atomic_requests
@never_cache
@require_GET
def metrics(request):
    if not settings.METRICS_ENABLED:
        return HttpResponseNotFound("Not found", content_type="text/plain")
    if not (from_allowed_address(request) or with_token(request)):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    return ExportToDjangoView(request)
