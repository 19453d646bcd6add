"""The Celery app: configured from Django settings (CELERY_*), tasks found in every app."""

import os

from celery import Celery

# The task outcome counters (and per-process metric files) of every worker.
from wco_platform import prometheus  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wco_platform.settings.local")

app = Celery("wco_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
