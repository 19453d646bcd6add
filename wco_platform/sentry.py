"""Error tracking with Sentry, when SENTRY_DSN is set (nothing is sent otherwise)."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry(dsn, *, environment, traces_sample_rate):
    """Unhandled errors of the web processes and of Celery tasks go to Sentry, with no personal
    data: no user names, addresses, cookies or request bodies (send_default_pii=False)."""
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
    )
    return True
