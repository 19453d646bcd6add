"""Run the benchmarks: report rendering always; API load when a server answers at --url.

    .venv/bin/python bench/run_all.py [--url http://127.0.0.1:8000] [--runs 3] [--requests 300]

`make bench` runs this against `make run`'s database (var/) and server. Each benchmark runs in its
own process, so that one's memory does not count in the other's peak RSS.
"""

import argparse
import http.client
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

HOW_TO_SERVE = """\
No server answers at {url}: API load skipped. To measure it the way bench/README.md does
(2 gunicorn sync workers, DEBUG off, static files collected):

  cd {root}
  export DJANGO_SETTINGS_MODULE=wco_platform.settings.local DJANGO_DEBUG=false
  .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo   # once
  .venv/bin/python manage.py collectstatic --noinput                            # once
  .venv/bin/gunicorn wco_platform.wsgi -w 2 -b {host}:{port}

then run this again (or .venv/bin/python bench/api_load.py --url {url}).
`make run` also serves, but with Django's development server: slower, one request at a time."""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=3, help="report renders")
    parser.add_argument("--requests", type=int, default=300, help="API requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--user", default="member-fra")
    return parser.parse_args(argv)


def server_answers(url, timeout=2.0):
    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return False  # api_load refuses anything else anyway
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", parts.path.rstrip("/") + "/api/v1/core/commitments/")
        conn.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def run(script, *args):
    print(f"\n$ {Path(sys.executable).name} bench/{script} {' '.join(args)}", flush=True)
    return subprocess.call([sys.executable, str(HERE / script), *args], cwd=ROOT, env=os.environ)


def main(argv=None):
    args = parse_args(argv)
    failures = 0
    failures += run("report_render.py", "--runs", str(args.runs)) != 0
    if server_answers(args.url):
        failures += (
            run(
                "api_load.py",
                "--url",
                args.url,
                "--user",
                args.user,
                "--requests",
                str(args.requests),
                "--concurrency",
                str(args.concurrency),
            )
            != 0
        )
    else:
        parts = urlsplit(args.url)
        print(
            "\n"
            + HOW_TO_SERVE.format(
                url=args.url, root=ROOT, host=parts.hostname, port=parts.port or 80
            )
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
