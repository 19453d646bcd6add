"""Seconds and queries of each area's summary (the figures of `/api/v1/<area>/summary/` and of
the report's chapters), in-process, one call at a time, on the database the settings point at.

    .venv/bin/python bench/summaries.py --runs 10

A benchmark, not a test: it prints the median, minimum and maximum of `--runs` calls per area,
after one uncounted call, and the number of queries of one call. It writes nothing.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wco_platform.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from core.registry import Period  # noqa: E402

AREAS = ["governance", "facilitation", "security", "capacity", "cooperation"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    today = date.today()
    period = Period(date(today.year, 1, 1), today)
    print(f"period {period.start} to {period.end}, {args.runs} runs each")
    print(f"{'area':<14}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'queries':>9}")
    for area in AREAS:
        summary = __import__(f"{area}.report", fromlist=["summary"]).summary
        summary(period)
        with CaptureQueriesContext(connection) as queries:
            summary(period)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            summary(period)
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{area:<14}{statistics.median(timings):>10.1f}{min(timings):>9.1f}"
            f"{max(timings):>9.1f}{len(queries):>9}"
        )


if __name__ == "__main__":
    main()
