"""Report rendering: seconds to gather a period's data and to render its PDF, pages, bytes, RSS.

A benchmark, not a test. It reads the database of the local settings (SQLite in var/, filled by
`make run` or `manage.py seed_demo`; DATABASE_URL points it elsewhere) and writes nothing: the
report it times is an unsaved `Report` of the default schedule's last complete period.

    .venv/bin/python bench/report_render.py --runs 3
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="times to gather and render (K)")
    parser.add_argument(
        "--schedule", type=int, default=None, help="schedule id (default: first active one)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 50:
        parser.error("--runs must be between 1 and 50")
    return args


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wco_platform.settings.local")
    # DEBUG would keep every query in memory and skew the RSS figure; say DJANGO_DEBUG=true
    # to measure with it.
    os.environ.setdefault("DJANGO_DEBUG", "false")
    import django

    django.setup()
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not Path(database["NAME"]).exists():
        raise SystemExit(
            f"report_render: no database at {database['NAME']}: run `make run` once, or "
            "`.venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo`."
        )
    return database


def peak_rss_mib():
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None):
    args = parse_args(argv)
    database = setup_django()

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import Measurement, Member
    from reports.models import Report, ReportSchedule
    from reports.rendering import gather, render_pdf

    schedules = ReportSchedule.objects.filter(is_active=True)
    schedule = schedules.get(pk=args.schedule) if args.schedule is not None else schedules.first()
    if schedule is None:
        raise SystemExit("report_render: no active report schedule (migrate loads the default).")
    start, end = schedule.last_complete_period()
    report = Report(schedule=schedule, period_start=start, period_end=end)  # never saved

    started = time.perf_counter()
    import weasyprint  # noqa: F401  (timed apart: a worker pays it once)

    import_seconds = time.perf_counter() - started
    print(
        f"report_render: schedule {schedule.pk} {schedule.name!r}, period {start} to {end}; "
        f"database {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']} "
        f"({Member.objects.count()} members, {Measurement.objects.count()} measurements); "
        f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}"
    )
    print(f"weasyprint import: {import_seconds:.2f} s; RSS after setup {peak_rss_mib():.0f} MiB")
    print(
        f"{'run':>3} {'gather s':>9} {'queries':>8} {'render s':>9} {'pages':>6} "
        f"{'bytes':>9} {'peak RSS MiB':>13}"
    )
    gathers, renders = [], []
    for run in range(1, args.runs + 1):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            data = gather(report)
        gathered = time.perf_counter()
        pdf, pages = render_pdf(data)
        rendered = time.perf_counter()
        gathers.append(gathered - started)
        renders.append(rendered - gathered)
        print(
            f"{run:>3} {gathers[-1]:>9.3f} {len(queries):>8} {renders[-1]:>9.3f} {pages:>6} "
            f"{len(pdf):>9} {peak_rss_mib():>13.0f}"
        )
    print(
        f"median: gather {statistics.median(gathers):.3f} s, render "
        f"{statistics.median(renders):.3f} s; first render {renders[0]:.3f} s; "
        f"peak RSS {peak_rss_mib():.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
