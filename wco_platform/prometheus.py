"""Prometheus, in every process (web, worker, beat): per-process metric files, and the counters
of Celery task outcomes.

Imported by the Celery app (wco_platform/celery.py), so before any metric is created. Nothing
here imports Django: this runs while the settings are being loaded.

Several processes (gunicorn workers, Celery pool processes) each count on their own; with
`PROMETHEUS_MULTIPROC_DIR` set, prometheus_client writes each process's counts to files in that
directory and `/metrics` adds them up. docker-compose.yml shares one directory between the web and
worker containers, so `/metrics` also shows the worker's task counters. Containers have process
ids of their own (each container's gunicorn may be pid 7), so a file is named by host name and
pid, not pid alone: two processes must never write the same file.
"""

import os
import socket

from celery import signals
from prometheus_client import Counter, values

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _HOST = socket.gethostname().replace("_", "-")  # "_" separates the parts of a file name

    def process_identifier():
        return f"{_HOST}-{os.getpid()}"

    values.ValueClass = values.MultiProcessValue(process_identifier=process_identifier)


TASKS = Counter(
    "celery_tasks",
    "Celery tasks finished, by task name and outcome (succeeded, failed, retried).",
    ["task", "state"],
)


@signals.task_success.connect
def count_success(sender=None, **kwargs):
    TASKS.labels(task=sender.name, state="succeeded").inc()


@signals.task_failure.connect
def count_failure(sender=None, **kwargs):
    TASKS.labels(task=sender.name, state="failed").inc()


@signals.task_retry.connect
def count_retry(sender=None, **kwargs):
    TASKS.labels(task=sender.name, state="retried").inc()
