"""The test suite: PostgreSQL, the production database, unless TEST_DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, REST_FRAMEWORK, env

DATABASES["default"] = env.db_url_config(
    env("TEST_DATABASE_URL", default="") or "postgres://postgres@127.0.0.1:5432/wco_platform"
)
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Persistent connections keep the test database from being dropped after live-server tests.
DATABASES["default"]["CONN_MAX_AGE"] = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")
# Static files straight from the apps' folders, so browser tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
# Eager by default; the worker test starts a real worker against Redis.
CELERY_TASK_ALWAYS_EAGER = True
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "10000/minute",
        "user": "10000/minute",
        "login": "10000/minute",
    },
}
