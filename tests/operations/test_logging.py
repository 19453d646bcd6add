"""Logs: a request id on every request and its log lines, JSON lines in production with time,
level, logger, message, request id and user, the task id in a Celery task's lines, and no
traceback for an ordinary client error."""

import io
import json
import logging
import re
from contextlib import contextmanager

import pytest
from celery import shared_task
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotFound
from django.test import override_settings
from django.urls import path

from tests.production_settings import load_production
from wco_platform.logs import ContextFilter, JsonFormatter, NoTracebackFor4xx, logging_config
from wco_platform.urls import urlpatterns as platform_urls  # noqa: E402

logger = logging.getLogger("tests.operations")


def forbidden(request):
    raise PermissionDenied("Only the secretariat may do that.")


def broken(request):
    raise RuntimeError("a fault of the platform")


def speaks(request):
    # As every page and API view does before it works: who is asking? (The log filter shows the
    # user once known and never looks it up itself, which would query from inside logging.)
    request.user.is_authenticated  # noqa: B018
    logger.info("something worth knowing")
    return HttpResponse("ok")


def answers_not_found(request):
    request.user.is_authenticated  # noqa: B018
    return HttpResponseNotFound("no such thing")


urlpatterns = [
    path("forbidden/", forbidden),
    path("not-found/", answers_not_found),
    path("broken/", broken),
    path("speaks/", speaks),
    # The site's own pages: the error pages link to them.
    *platform_urls,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@contextmanager
def json_lines(logger_name):
    """What `logger_name` writes through production's JSON formatter and context filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    handler.addFilter(NoTracebackFor4xx())
    target = logging.getLogger(logger_name)
    level = target.level
    target.addHandler(handler)
    target.setLevel(logging.INFO)
    lines = []
    try:
        yield lines
    finally:
        target.removeHandler(handler)
        target.setLevel(level)
        lines.extend(json.loads(line) for line in stream.getvalue().splitlines())


@contextmanager
def console_output():
    """What the configured console handler prints (the settings' LOGGING)."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    output = []
    try:
        yield output
    finally:
        handler.setStream(previous)
        output.append(stream.getvalue())


def test_every_response_carries_a_new_request_id(client):
    first = client.get("/speaks/")["X-Request-ID"]
    second = client.get("/speaks/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_well_formed_incoming_request_id_is_kept(client):
    response = client.get("/speaks/", HTTP_X_REQUEST_ID="3f2b9c1e-proxy.id_42")
    assert response["X-Request-ID"] == "3f2b9c1e-proxy.id_42"


@pytest.mark.parametrize(
    "incoming", ["two words", "x" * 129, "line\nbreak", 'quote"d', ""], ids=repr
)
def test_a_malformed_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/speaks/", HTTP_X_REQUEST_ID=incoming)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_json_log_line_has_time_level_logger_message_request_id_and_user(client, fra_user):
    client.force_login(fra_user)
    with json_lines("tests.operations") as lines:
        response = client.get("/speaks/", HTTP_X_REQUEST_ID="trace-me-1")
    (line,) = lines
    assert line["message"] == "something worth knowing"
    assert line["level"] == "INFO"
    assert line["logger"] == "tests.operations"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", line["time"])
    assert line["request_id"] == response["X-Request-ID"] == "trace-me-1"
    assert line["user"] == "member-fra"
    assert line["task_id"] == "-"


def test_an_anonymous_request_is_logged_as_anonymous(client):
    with json_lines("tests.operations") as lines:
        client.get("/speaks/")
    assert lines[0]["user"] == "anonymous"


def test_a_line_outside_any_request_or_task_says_so():
    with json_lines("tests.operations") as lines:
        logger.info("at start-up")
    assert lines[0]["request_id"] == lines[0]["user"] == lines[0]["task_id"] == "-"


def test_a_forbidden_request_is_a_json_warning_with_its_status_and_no_traceback(client):
    with json_lines("django.request") as lines:
        response = client.get("/forbidden/")
    assert response.status_code == 403
    (line,) = lines
    assert line["level"] == "WARNING"
    assert line["message"].startswith("Forbidden")
    assert line["status_code"] == 403
    assert line["request_id"] == response["X-Request-ID"]
    assert "exc_info" not in line
    assert "request" not in line  # Django's request object is not dumped into the line


def test_a_4xx_answer_logged_after_the_middleware_still_names_its_request(client, fra_user):
    # Django logs an answer of 400 and more once the middleware have returned it.
    client.force_login(fra_user)
    with json_lines("django.request") as lines:
        response = client.get("/not-found/")
    (line,) = lines
    assert line["message"] == "Not Found: /not-found/"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user"] == "member-fra"
    with json_lines("tests.operations") as after:
        logger.info("after the response")
    assert after[0]["request_id"] == "-"


def test_the_console_keeps_the_forbidden_warning_without_a_traceback(client):
    with console_output() as output:
        assert client.get("/forbidden/").status_code == 403
    assert "Forbidden (Permission denied): /forbidden/" in output[0]
    assert "Traceback" not in output[0]


def test_a_server_error_keeps_its_traceback_on_the_console(client):
    client.raise_request_exception = False
    with console_output() as output:
        assert client.get("/broken/").status_code == 500
    assert "Internal Server Error: /broken/" in output[0]
    assert "Traceback" in output[0]
    assert "RuntimeError: a fault of the platform" in output[0]


@shared_task
def task_that_logs():
    logger.info("inside a task")
    return "done"


def test_a_celery_tasks_log_lines_carry_its_id_and_name():
    with json_lines("tests.operations") as lines:
        result = task_that_logs.delay()
    (line,) = lines
    assert line["task_id"] == result.id
    assert line["task_name"] == "tests.operations.test_logging.task_that_logs"
    assert line["request_id"] == "-"


@override_settings(ACCESS_LOG=True)
def test_with_the_access_log_on_each_request_is_one_line_with_status_and_duration(client, fra_user):
    client.force_login(fra_user)
    with json_lines("wco_platform.access") as lines:
        response = client.get("/speaks/?page=2")
    (line,) = lines
    assert line["message"] == "GET /speaks/ 200"
    assert (line["method"], line["path"], line["status_code"]) == ("GET", "/speaks/", 200)
    assert line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user"] == "member-fra"


@override_settings(ACCESS_LOG=True)
def test_the_access_log_names_the_user_even_when_the_view_did_not_ask(client, fra_user):
    client.force_login(fra_user)
    with json_lines("wco_platform.access") as lines:
        client.get("/forbidden/")
    assert lines[0]["user"] == "member-fra"
    assert lines[0]["status_code"] == 403


def test_the_access_log_is_off_outside_production(client):
    with json_lines("wco_platform.access") as lines:
        client.get("/speaks/")
    assert lines == []


def test_production_logs_json_and_the_tests_and_make_run_read_text(monkeypatch, settings):
    production = load_production(monkeypatch)
    assert production.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert production.ACCESS_LOG is True
    # Celery keeps the JSON handler instead of installing its own plain one.
    assert production.CELERY_WORKER_HIJACK_ROOT_LOGGER is False
    assert "formatter" not in settings.LOGGING["handlers"]["console"]
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is True
    text = load_production(monkeypatch, DJANGO_LOG_FORMAT="text")
    assert "formatter" not in text.LOGGING["handlers"]["console"]


def test_an_unknown_log_format_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="json or text"):
        logging_config("xml", "INFO")
