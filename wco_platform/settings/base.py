"""Settings shared by every environment, read from the environment with django-environ.

With no DATABASE_URL the platform runs on SQLite in var/; with no CELERY_BROKER_URL, tasks run
in-process. Production sets both (see production.py, which refuses to start without them).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from wco_platform.logs import logging_config
from wco_platform.sentry import init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-key-change-me")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    # Kept only for the keys issued before tokens expired and were hashed: a migration moved
    # them to accounts.ApiToken.
    "rest_framework.authtoken",
    "knox",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "django_celery_beat",
    "csp",
    "core",
    "governance",
    "facilitation",
    "security",
    "capacity",
    "cooperation",
    "reports",
    "accounts",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id.
    "wco_platform.middleware.RequestIdMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectControlCharactersMiddleware",
    # Security headers on every answer, static files included (WhiteNoise answers below them).
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Gives the audit history the acting user of each request (browser and API alike).
    "simple_history.middleware.HistoryRequestMiddleware",
    # It answers the lockout of a login that failed too often (django-axes).
    "axes.middleware.AxesMiddleware",
    # Last: it times the view and names it.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "wco_platform.urls"
WSGI_APPLICATION = "wco_platform.wsgi.application"
ASGI_APPLICATION = "wco_platform.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wco_platform.sqlite3'}"),
}
# One transaction per request: a request that fails leaves nothing half-written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Guardian's anonymous user is not used: anonymous visitors see published public data only.
ANONYMOUS_USER_NAME = None

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:dashboard"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="platform@wcoomd.example")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.ScopedPermission"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    # JSON bodies; endpoints that take files or CSV say so themselves.
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
        # The token endpoint and the browser login, per client address (core/throttling.py).
        "login": env("API_THROTTLE_LOGIN", default="20/minute"),
    },
    # Proxies in front of the platform that append the client's address to X-Forwarded-For:
    # the throttles key a client on the address that many hops from the end. 0 = no proxy: the
    # connection's address; X-Forwarded-For, which any client can write, is never trusted.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WCO Reform Programme Platform API",
    "DESCRIPTION": (
        "Programme data, member registers and transparency reports of the WCO reform programme. "
        "Members write only their own administration's data."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from our own static files: no CDN on a closed network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several registers have a `status`: each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "WorkflowStatusEnum": "core.choices.WorkflowStatus",
        "CommitmentStatusEnum": "core.choices.CommitmentStatus",
        "ReportStatusEnum": "reports.choices.ReportStatus",
        # AEO programmes and passenger-data access share one scale: none/planned/pilot/operational.
        "ProgrammeStatusEnum": "security.choices.AEOStatus",
        "RecognitionStatusEnum": "security.choices.RecognitionStatus",
        # An exchange's `classification` takes the confidentiality levels.
        "ConfidentialityEnum": "core.choices.Confidentiality",
        "AgreementStatusEnum": "cooperation.choices.AgreementStatus",
        # Dialogue follow-up actions and diagnostic recommendations share one scale:
        # open/in_progress/done/dropped.
        "FollowUpStatusEnum": "cooperation.choices.ActionStatus",
    },
}

# Celery: with no broker configured, tasks run in-process (the embedded default of `make run`).
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
REPORT_TIME_LIMIT_SECONDS = env.int("REPORT_TIME_LIMIT_SECONDS", default=600)
# Longer than the longest task (a report's hard time limit), so a message is never handed to a
# second worker while the first still works on it (docs/operations.md: "Tasks that survive
# failures").
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": max(3600, 2 * REPORT_TIME_LIMIT_SECONDS)}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

DEMO_PASSWORD = env("DEMO_PASSWORD", default="demo-password")

# SQLite (make run's embedded default) cannot enforce a unique constraint whose columns may be
# null; the models check those rules themselves, and PostgreSQL enforces the constraints too.
# django-axes warns when lockouts are not by address too; the platform locks a username whatever
# the address, which no rotation of addresses or browsers escapes.
SILENCED_SYSTEM_CHECKS = ["models.W047", "axes.W006"]

# Accounts: API tokens expire; a username is locked after repeated failed logins; the
# secretariat and the council prove a second factor when REQUIRE_2FA is on (on in production).
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)
REST_KNOX = {
    "TOKEN_MODEL": "accounts.ApiToken",
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
}
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# Knox's own token table is never made: accounts.ApiToken takes its place.
MIGRATION_MODULES = {"knox": None}
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
# Failures during a lockout do not extend it: it ends when the window passes.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "WCO Reform Programme Platform"

# The reporting cycle: members owe records from the period containing this day on.
REPORTING_CYCLE_START = env("REPORTING_CYCLE_START", default="2022-01-01")
# Reminders: days before a due date the first one is sent.
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=14)
# Evidence files: the largest accepted, in bytes.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=20 * 1024 * 1024)

# Logs: the readable text of `make run` and the tests, or one JSON object per line
# (production's default). wco_platform/logs.py adds the request id, user and task id.
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="text")
LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="INFO")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
# With JSON logs the worker keeps the handlers above instead of installing its own plain ones.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
# One log line per request with its id and user (production; `make run` has runserver's).
ACCESS_LOG = env.bool("DJANGO_ACCESS_LOG", default=False)

# Security headers (docs/operations.md, "Security headers"). A Content-Security-Policy that
# allows our own files and nothing inline but what carries the request's nonce
# (`nonce="{{ request.csp_nonce }}"`); the charts are inline SVG elements with presentation
# attributes (fill, stroke), which the policy does not restrict.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browser features the platform never uses, turned off for every page (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Prometheus metrics at /metrics (wco_platform/metrics.py): off unless enabled, and then only
# for the addresses or networks listed, or a request with the bearer token.
METRICS_ENABLED = env.bool("METRICS_ENABLED", default=False)
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=[])
METRICS_TOKEN = env("METRICS_TOKEN", default="")

# Error tracking: only with a DSN; no personal data is sent (wco_platform/sentry.py).
SENTRY_DSN = env("SENTRY_DSN", default="")
init_sentry(
    SENTRY_DSN,
    environment=env("SENTRY_ENVIRONMENT", default="production"),
    traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)

# `manage.py backup` writes here unless given --output (docs/operations.md, "Backups").
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")

# Production settings set this; `seed_demo` then refuses to run without --force.
PRODUCTION = False
