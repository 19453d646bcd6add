"""API load: requests/s and latency percentiles of read endpoints, as a member user.

A benchmark, not a test. It talks only to a server on this machine (127.0.0.1 / localhost),
sends a bounded number of requests and stops by itself (also at --max-seconds per endpoint).
Standard library only: http.client in threads, one connection per thread.

    .venv/bin/python bench/api_load.py --url http://127.0.0.1:8000 --requests 300 --concurrency 8
"""

import argparse
import http.client
import json
import math
import os
import statistics
import sys
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
ENDPOINTS = [
    "/api/v1/core/measurements/?page_size=50",
    "/api/v1/core/commitments/",
    "/api/v1/core/members/FRA/",
    "/api/v1/governance/mandates/?page_size=50",
    "/api/v1/governance/decisions/?page_size=50",
    "/api/v1/governance/participation/",
    "/api/v1/facilitation/tfa-notifications/?page_size=50",
    "/api/v1/facilitation/implementation/",
    "/api/v1/facilitation/summary/",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="server on this machine")
    parser.add_argument("--user", default="member-fra")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "demo-password"))
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--warmup", type=int, default=16, help="uncounted requests per endpoint")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="cap per endpoint")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 100_000:
        parser.error("--requests must be between 1 and 100000")
    if not 1 <= args.concurrency <= 64:
        parser.error("--concurrency must be between 1 and 64")
    return args


class Target:
    """Where to send requests: a plain-HTTP server on this machine, nowhere else."""

    def __init__(self, url):
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS:
            raise SystemExit(f"api_load: refusing {url!r}: only http://127.0.0.1 or localhost")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.prefix = parts.path.rstrip("/")

    def connect(self, timeout):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)


def obtain_token(target, user, password, timeout):
    conn = target.connect(timeout)
    body = json.dumps({"username": user, "password": password})
    try:
        conn.request(
            "POST",
            f"{target.prefix}/api/v1/auth/token/",
            body=body,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        response = conn.getresponse()
        payload = response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise SystemExit(
            f"api_load: no server answers at {target.host}:{target.port}: {exc}"
        ) from exc
    finally:
        conn.close()
    if response.status != 200:
        raise SystemExit(
            f"api_load: no token for {user!r} (HTTP {response.status}): {payload[:200]!r}. "
            "Is the demo data loaded (manage.py seed_demo)?"
        )
    return json.loads(payload)["token"]


class Client:
    """One thread's connection; reopened when the server closes it (gunicorn sync workers
    close after every response)."""

    def __init__(self, target, headers, timeout):
        self.target, self.headers, self.timeout = target, headers, timeout
        self.conn = None

    def get(self, path):
        """Returns (status or error name, seconds, body bytes)."""
        started = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = self.target.connect(self.timeout)
            self.conn.request("GET", self.target.prefix + path, headers=self.headers)
            response = self.conn.getresponse()
            body = response.read()
            if response.will_close:
                self.close()
            return response.status, time.perf_counter() - started, len(body)
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            return type(exc).__name__, time.perf_counter() - started, 0

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_endpoint(target, headers, path, args):
    """Send `args.requests` GETs to `path` from `args.concurrency` threads."""
    lock = threading.Lock()
    issued = 0
    results = []  # (status, seconds, bytes)
    deadline = time.monotonic() + args.max_seconds

    def take():
        nonlocal issued
        with lock:
            if issued >= args.requests or time.monotonic() > deadline:
                return False
            issued += 1
            return True

    def worker():
        client = Client(target, headers, args.timeout)
        mine = []
        try:
            while take():
                mine.append(client.get(path))
        finally:
            client.close()
            with lock:
                results.extend(mine)

    warm = Client(target, headers, args.timeout)
    for _ in range(args.warmup):
        warm.get(path)
    warm.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(args.max_seconds + args.timeout + 5)
    elapsed = time.perf_counter() - started
    return results, elapsed


def percentile(sorted_values, share):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(share * len(sorted_values))))
    return sorted_values[rank - 1]


def summarise(path, results, elapsed):
    statuses = Counter(status for status, _, _ in results)
    ok = sorted(seconds for status, seconds, _ in results if status == 200)
    sizes = [size for status, _, size in results if status == 200]
    return {
        "endpoint": path,
        "requests": len(results),
        "ok": len(ok),
        "other": {str(k): v for k, v in statuses.items() if k != 200},
        "seconds": elapsed,
        "rps": len(results) / elapsed if elapsed else float("nan"),
        "mean_ms": statistics.fmean(ok) * 1000 if ok else float("nan"),
        "p50_ms": percentile(ok, 0.50) * 1000,
        "p95_ms": percentile(ok, 0.95) * 1000,
        "p99_ms": percentile(ok, 0.99) * 1000,
        "max_ms": ok[-1] * 1000 if ok else float("nan"),
        "bytes": round(statistics.fmean(sizes)) if sizes else 0,
    }


def print_table(rows):
    header = (
        f"{'endpoint':42} {'req':>5} {'ok':>5} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7} {'bytes':>7}  other"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        other = ", ".join(f"{k}: {v}" for k, v in sorted(r["other"].items())) or "-"
        print(
            f"{r['endpoint']:42} {r['requests']:>5} {r['ok']:>5} {r['rps']:>7.1f} "
            f"{r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['p99_ms']:>7.1f} {r['max_ms']:>7.1f} "
            f"{r['bytes']:>7}  {other}"
        )


def main(argv=None):
    args = parse_args(argv)
    target = Target(args.url)
    token = obtain_token(target, args.user, args.password, args.timeout)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    print(
        f"api_load: {args.url} as {args.user}; {args.requests} requests per endpoint, "
        f"{args.concurrency} threads, {args.warmup} warm-up requests "
        f"({time.strftime('%Y-%m-%d %H:%M:%S %Z')})"
    )
    rows = []
    for path in ENDPOINTS:
        results, elapsed = run_endpoint(target, headers, path, args)
        rows.append(summarise(path, results, elapsed))
    print_table(rows)
    failed = [r for r in rows if r["ok"] < r["requests"]]
    if failed:
        if any("429" in r["other"] for r in failed):
            print(
                "note: HTTP 429 = the API's user throttle (API_THROTTLE_USER, default "
                "1200/minute per process); wait a minute or start the server with a higher rate."
            )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
