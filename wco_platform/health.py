"""GET /healthz: is this process able to serve? For load balancers and the compose health check.

Cheap on purpose (it runs every few seconds): `SELECT 1`, one cache write and read, one broker
connection. No login, no HTTPS redirect (SECURE_REDIRECT_EXEMPT), no throttle (a plain Django
view, outside DRF). The answer names each part, "ok" or "error" (the cause is logged, never
shown: the page is public); 503 when any configured part fails.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)

# Seconds to wait for the broker: a health check must answer before its own timeout.
BROKER_TIMEOUT = 3


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, value = "healthz", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was just stored")


def broker_configured():
    """No broker (`make run`'s default) means tasks run in-process: nothing to check."""
    url = settings.CELERY_BROKER_URL
    return bool(url) and not url.startswith("memory://")


def check_broker():
    with Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=BROKER_TIMEOUT,
        transport_options={"socket_timeout": BROKER_TIMEOUT, "max_retries": 0},
    ) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT)


def run(name, check):
    try:
        check()
    except Exception:
        logger.warning("health check: the %s is unavailable", name, exc_info=True)
        return "error"
    return "ok"


# Outside the request's transaction (ATOMIC_REQUESTS): opening it needs the database, and a
# database that is down must be answered with 503, not with a 500 before the view runs.
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    parts = {
        "database": run("database", check_database),
        "cache": run("cache", check_cache),
        "broker": run("broker", check_broker) if broker_configured() else "not_configured",
    }
    healthy = all(state in ("ok", "not_configured") for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **parts}, status=200 if healthy else 503
    )
