"""Logging: who and which request (or task) each log line belongs to, in JSON in production.

`RequestIdMiddleware` (wco_platform/middleware.py) puts the request being served in a context
variable; `ContextFilter` copies its id and user, and the running Celery task's id and name, onto
every record, so a JSON line can be traced back to one request or one task.
"""

import contextvars
import logging

from celery._state import get_current_task
from django.utils.functional import empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# The request this thread (or coroutine) is serving, if any.
current_request = contextvars.ContextVar("current_request", default=None)


def _username(request):
    """The request's user if it is already known, without looking it up for the log's sake: a
    lookup would query the database from inside logging (and recurse with the DB's debug log)."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", None)
    if wrapped is empty:  # AuthenticationMiddleware's lazy user, not looked up yet
        user = getattr(request, "_cached_user", None)
    if user is None:
        return "-"
    if not user.is_authenticated:
        return "anonymous"
    return user.get_username()


class ContextFilter(logging.Filter):
    """Adds `request_id` and `user` (of the request being served) and `task_id` and `task_name`
    (of the Celery task running) to every record; "-" where there is none."""

    def filter(self, record):
        request = current_request.get()
        record.request_id = getattr(request, "request_id", "-") if request is not None else "-"
        record.user = _username(request) if request is not None else "-"
        task = get_current_task()
        task_id = getattr(task.request, "id", None) if task is not None else None
        record.task_id = task_id or "-"
        record.task_name = task.name if task_id else "-"
        return True


class NoTracebackFor4xx(logging.Filter):
    """Keeps Django's warning for a client error (403, 404, 400) but drops its traceback: an
    ordinary "Forbidden" is not a fault of the platform, and a traceback makes it look like one.
    Server errors (5xx) keep theirs."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: time, level, logger, message, request id, user, task id and
    name, then any extra fields of the record (Django's `status_code`, for one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            ["levelname", "name", "message", "request_id", "user", "task_id", "task_name"],
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            # Django attaches the request object to its records: not JSON, and its fields (the
            # user, the id) are already there.
            reserved_attrs=[*RESERVED_ATTRS, "request"],
        )


def logging_config(log_format, level):
    """The LOGGING setting: `json` (production) or `text` (the readable default of `make run`
    and the tests: the message alone, as Django prints it)."""
    if log_format not in ("json", "text"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or text, not {log_format!r}")
    handler = {
        "class": "logging.StreamHandler",
        "filters": ["context", "no_traceback_for_4xx"],
    }
    if log_format == "json":
        handler["formatter"] = "json"
    config = {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "wco_platform.logs.ContextFilter"},
            "no_traceback_for_4xx": {"()": "wco_platform.logs.NoTracebackFor4xx"},
        },
        "formatters": {"json": {"()": "wco_platform.logs.JsonFormatter"}},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
    }
    if log_format == "json":
        # Celery gives its task logger a plain-text handler of its own unless it already has one
        # (CELERY_WORKER_HIJACK_ROOT_LOGGER is off with JSON logs, so the root keeps ours).
        config["loggers"]["celery.task"] = {"handlers": ["console"], "propagate": False}
    return config
