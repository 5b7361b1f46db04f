"""Time every list endpoint of API v1 with N rows of every model, through the Django test client.

Usage: ``python benchmarks/api_lists.py [--rows N] [--repeat R]``. Rows come from the apps' factories
(tests/api/bulk.py: every model, every council reachable), in a temporary SQLite file, or with a PostgreSQL
``DATABASE_URL`` in its own database (the configured name + ``_bench_api``, recreated each run). The caller
is a superuser, so every row is visible; each list is fetched with ``page_size=100``. Prints, per
endpoint, the rows, the queries per request and the p50/p95 time over R requests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(url: str | None) -> str:
    """Point Django at a fresh database of the benchmark's own; return a label for the output."""
    if url and url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_bench_api"
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
        return f"PostgreSQL database {name}"
    path = Path(tempfile.gettempdir()) / "hdnd_bench_api.sqlite3"
    path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"SQLite {path}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100, help="rows per factory (default 100)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per endpoint (default 20)")
    args = parser.parse_args()

    label = configure(os.environ.get("DATABASE_URL"))
    # Test settings: fast hashing, in-memory file storage, no throttling of the benchmark's own requests.
    os.environ["DJANGO_SETTINGS_MODULE"] = "hdnd_portal.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from councils.tests.factories import UserFactory
    from tests.api.bulk import all_factories, grow, list_endpoints

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    broken = grow(all_factories(), args.rows)
    print(f"{label}: {args.rows} rows per factory built in {time.perf_counter() - started:.1f} s")
    for problem in broken:
        print(f"  not built: {problem}")

    client = Client()
    client.force_login(UserFactory(username="bench-root", is_superuser=True, is_staff=True))
    print(f"{'endpoint':48} {'rows':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for path in list_endpoints():
        client.get(path, {"page_size": 100})  # warm caches (content types, the user's roles)
        timings = []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path, {"page_size": 100})
                timings.append((time.perf_counter() - start) * 1000)
        rows = response.json().get("count", "?") if response.status_code == 200 else f"HTTP {response.status_code}"
        print(f"{path:48} {rows:>6} {len(queries.captured_queries):>7} "
              f"{statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
