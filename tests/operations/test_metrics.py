"""GET /metrics: Prometheus metrics, off unless enabled, then only for the listed addresses or
the bearer token; Celery task outcomes counted by task and state."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from celery import shared_task
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from prometheus_client import REGISTRY

from tests.production_settings import load_production

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "a-long-random-scrape-token-0123456789"


def enabled(**settings):
    return override_settings(
        METRICS_ENABLED=True,
        **{"METRICS_ALLOWED_IPS": [], "METRICS_TOKEN": "", **settings},
    )


def test_metrics_are_not_found_unless_enabled(client):
    assert client.get("/metrics").status_code == 404


def test_metrics_are_served_to_an_allowed_address(client):
    # The test client's address is 127.0.0.1.
    client.get("/healthz")
    with enabled(METRICS_ALLOWED_IPS=["127.0.0.1"]):
        response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert "django_http_responses_total_by_status_total" in text


def test_an_allowed_network_lets_its_addresses_in(client):
    with enabled(METRICS_ALLOWED_IPS=["10.0.0.0/8", "127.0.0.0/8"]):
        assert client.get("/metrics").status_code == 200


def test_metrics_are_forbidden_to_any_other_address(client):
    with enabled(METRICS_ALLOWED_IPS=["10.1.2.3"]):
        assert client.get("/metrics").status_code == 403
        # X-Forwarded-For is written by the client: it never lets anyone in.
        assert client.get("/metrics", HTTP_X_FORWARDED_FOR="10.1.2.3").status_code == 403


def test_the_bearer_token_lets_a_scraper_in_and_nothing_else_does(client):
    with enabled(METRICS_TOKEN=TOKEN):
        assert client.get("/metrics").status_code == 403
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
        assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 403
        assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ünïcode").status_code == 403
        assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_a_signed_in_user_is_no_scraper(client, secretariat_user):
    client.force_login(secretariat_user)
    with enabled(METRICS_TOKEN=TOKEN):
        assert client.get("/metrics").status_code == 403


def test_production_refuses_metrics_that_nobody_could_read(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="METRICS_ALLOWED_IPS nor METRICS_TOKEN"):
        load_production(monkeypatch, METRICS_ENABLED="true")
    assert load_production(monkeypatch, METRICS_ENABLED="true", METRICS_TOKEN=TOKEN)
    production = load_production(
        monkeypatch, METRICS_ENABLED="true", METRICS_ALLOWED_IPS="10.0.0.5"
    )
    assert production.METRICS_ALLOWED_IPS == ["10.0.0.5"]


@shared_task
def succeeds():
    return 1


@shared_task
def fails():
    raise ValueError("bad input")


@shared_task(bind=True, max_retries=1, default_retry_delay=0)
def retries_once(self):
    if self.request.retries == 0:
        raise self.retry()
    return 1


def count(task, state):
    return REGISTRY.get_sample_value("celery_tasks_total", {"task": task.name, "state": state}) or 0


def test_celery_task_outcomes_are_counted_by_task_and_state(client):
    before = {
        (succeeds, "succeeded"): count(succeeds, "succeeded"),
        (fails, "failed"): count(fails, "failed"),
        (retries_once, "retried"): count(retries_once, "retried"),
        (retries_once, "succeeded"): count(retries_once, "succeeded"),
    }
    succeeds.delay()
    succeeds.delay()
    fails.delay()
    retries_once.delay()
    assert count(succeeds, "succeeded") == before[(succeeds, "succeeded")] + 2
    assert count(fails, "failed") == before[(fails, "failed")] + 1
    assert count(retries_once, "retried") == before[(retries_once, "retried")] + 1
    assert count(retries_once, "succeeded") == before[(retries_once, "succeeded")] + 1
    assert count(succeeds, "failed") == 0
    with enabled(METRICS_ALLOWED_IPS=["127.0.0.1"]):
        text = client.get("/metrics").content.decode()
    assert f'celery_tasks_total{{state="failed",task="{fails.name}"}} ' in text


COUNT_ONE_TASK = textwrap.dedent(
    """
    from wco_platform.prometheus import TASKS
    TASKS.labels(task="reports.tasks.make_report", state="succeeded").inc()
    """
)
READ_ALL = textwrap.dedent(
    """
    from prometheus_client import CollectorRegistry, multiprocess
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    print(registry.get_sample_value(
        "celery_tasks_total", {"task": "reports.tasks.make_report", "state": "succeeded"}
    ))
    """
)


def test_with_a_shared_metrics_directory_the_counts_of_every_process_add_up(tmp_path):
    # As in docker-compose.yml: web and worker processes write to one directory, and /metrics
    # (in any of them) reads the sum. Here, two processes count a task each.
    environment = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-c", COUNT_ONE_TASK], cwd=ROOT, env=environment, check=True
        )
    read = subprocess.run(
        [sys.executable, "-c", READ_ALL], cwd=ROOT, env=environment, check=True, capture_output=True
    )
    assert read.stdout.decode().strip() == "2.0"
    # Files are named by host and process, so two containers' process 7 never share one.
    import socket

    files = sorted(path.name for path in tmp_path.iterdir())
    assert len(files) == 2
    assert all(name.startswith(f"counter_{socket.gethostname()}-") for name in files)
