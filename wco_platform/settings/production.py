"""Production: every setting that matters must come from the environment, or start-up fails.

Start-up fails with a message naming the variable (ImproperlyConfigured) rather than serving
with a guessable secret key, an open host list or debug pages.
"""

from django.core.exceptions import ImproperlyConfigured

from wco_platform.logs import logging_config

from .base import *  # noqa: F403
from .base import LOG_LEVEL, METRICS_ALLOWED_IPS, METRICS_ENABLED, METRICS_TOKEN, env

# Django's own deploy check asks for 50 characters; a shorter key is guessable.
SECRET_KEY_MIN_LENGTH = 50

PRODUCTION = True

if env.bool("DJANGO_DEBUG", default=False):
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is on: production never shows debug pages. Unset it or set it to false."
    )
DEBUG = False

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is {'empty' if not SECRET_KEY else f'{len(SECRET_KEY)} characters'}: "
        f"set it to a random string of at least {SECRET_KEY_MIN_LENGTH} characters, e.g. "
        'python -c "import secrets; print(secrets.token_urlsafe(60))"'
    )
if SECRET_KEY.startswith("change-me"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is still the example value of .env.example: set a random one."
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is empty: set the host names the site is served under, "
        "comma-separated (e.g. platform.wcoomd.example)."
    )

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
# Its own Redis database, not the broker's: clearing the cache must never drop queued tasks.
CACHES = {"default": env.cache("CACHE_URL")}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Asked over plain HTTP from inside the deployment (the compose health check, a load balancer,
# Prometheus): answered there, never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# The secretariat and the council prove a second factor (REQUIRE_2FA=false only for a trial).
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=True)
# EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587 (django-environ's email_url).
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))

# One JSON object per log line, and one access line per request (gunicorn's is off).
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="json")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
ACCESS_LOG = env.bool("DJANGO_ACCESS_LOG", default=True)

if METRICS_ENABLED and not (METRICS_ALLOWED_IPS or METRICS_TOKEN):
    raise ImproperlyConfigured(
        "METRICS_ENABLED is on but neither METRICS_ALLOWED_IPS nor METRICS_TOKEN is set: "
        "nobody could read /metrics. Set one of them (docs/operations.md, 'Metrics')."
    )
