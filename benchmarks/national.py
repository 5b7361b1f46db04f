"""The national benchmark (issue 13 §2): every figure of the issue's table on a database made by ``seed_national``.

Usage (on a COPY of the national database — the compliance runs replace its results)::

    createdb -h 127.0.0.1 -U postgres -T hdnd_national hdnd_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hdnd_bench
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py compute_compliance
    make bench-national                       # = python benchmarks/national.py --load
    .venv/bin/python benchmarks/national.py --repeat 5 --only dashboard --no-compliance

Pages and API calls go through Django's test Client with ``force_login``, as the seed's accounts: admin
(national view), capuy, vanphong (Hà Nội clerk), vanphongxa (a commune clerk); each run once to warm up, then
``--repeat`` times (median, slowest), then under CaptureQueriesContext for its query count. The full run is
``manage.py compute_compliance`` in a subprocess (its printed time; peak RSS by getrusage), the ratio to
hand-written SQL ``benchmarks/_compliance_sql.time_both`` (in this process). ``--load`` also starts gunicorn
(``--workers``, default the core count) and Locust headless (``benchmarks/locustfile.py``, 20 users, 60 s after
they signed in), sampling the workers' RSS. Prints ONE table: measure | median | p95 / max | queries | target.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
SETTINGS = os.environ.get("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.local")


@dataclass
class Row:
    measure: str
    median: str
    spread: str  # p95 under load, else the slowest of the runs
    queries: str
    target: str
    ok: bool | None

    def cells(self):
        verdict = "—" if self.ok is None else ("pass" if self.ok else "FAIL")
        return [self.measure, self.median, self.spread, self.queries, self.target, verdict]


ROWS: list[Row] = []


def add(measure, median, spread, queries, target, ok):
    ROWS.append(Row(measure, median, spread, str(queries), target, ok))
    print(f"  {measure}: {median} ({spread}), {queries} queries — {target}: "
          f"{'—' if ok is None else ('pass' if ok else 'FAIL')}", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# ---------------------------------------------------------------------------------------------------------
# Pages and API calls through the test Client.

def timed_get(client, path, params, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path, params)  # warm-up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path, params)
        runs.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, params)
    return runs, len(queries.captured_queries), response


def page(label, user, path, params, target_ms, repeat):
    from django.test import Client

    client = Client()
    client.force_login(user)
    runs, queries, response = timed_get(client, path, params, repeat)
    median = statistics.median(runs)
    ok = response.status_code == 200 and median * 1000 <= target_ms
    status = "" if response.status_code == 200 else f" [HTTP {response.status_code}]"
    add(f"{label} ({user.username}){status}", ms(median), f"max {ms(max(runs))}", queries,
        f"≤ {target_ms} ms", ok)
    return response


def users():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    found = {u.username: u for u in User.objects.filter(username__in=["admin", "capuy", "vanphong", "vanphongxa"])}
    missing = {"admin", "capuy", "vanphong", "vanphongxa"} - set(found)
    if missing:
        raise SystemExit(f"accounts missing (not a seed_national database?): {sorted(missing)}")
    return found


def bench_pages(args, who):
    admin, vanphong = who["admin"], who["vanphong"]
    if want(args, "dashboard"):
        for name in ("admin", "capuy", "vanphong", "vanphongxa"):
            label = "dashboard, national view" if name == "admin" else "dashboard"
            page(label, who[name], "/tuan-thu/", {}, 100, args.repeat)
        from councils.models import Council
        hanoi = Council.objects.filter(name__icontains="Hà Nội", parent__isnull=True).order_by("pk").first()
        if hanoi:
            page("dashboard, drill-down to Hà Nội", admin, "/tuan-thu/", {"council": hanoi.pk}, 100, args.repeat)
        # The figures above are kept from the first view after a run (compliance.selectors.dashboard_figures):
        # the first view computes them (here: every view, as if nothing were kept).
        from compliance import selectors as compliance_selectors

        keep = compliance_selectors._kept

        def computed(kind, user, council, parts, compute):
            compliance_selectors.results_state()
            return compute()

        compliance_selectors._kept = computed
        try:
            for name in ("capuy", "vanphong"):
                page("dashboard, first view after a run", who[name], "/tuan-thu/", {}, 100, args.repeat)
        finally:
            compliance_selectors._kept = keep
    if want(args, "result"):
        result_id, evidence = largest_result()
        if result_id:
            page(f"result detail, {evidence:,} evidence rows", admin, f"/tuan-thu/ket-qua/{result_id}/", {}, 150,
                 args.repeat)
    if want(args, "list"):
        for user in (vanphong, admin):
            for q in ("", "dat dai", "duong"):
                params = {"q": q} if q else {}
                suffix = f" q={q}" if q else ""
                page(f"petition list page 1{suffix}", user, "/cu-tri/kien-nghi/", params, 150, args.repeat)
                page(f"API petitions page 1{suffix}", user, "/api/v1/voters/petitions/", params, 150, args.repeat)
    if want(args, "deep"):
        for user in (vanphong, admin):
            page("petition list page 400", user, "/cu-tri/kien-nghi/", {"page": 400}, 300, args.repeat)
            page("API petitions page 2000", user, "/api/v1/voters/petitions/", {"page": 2000}, 300, args.repeat)
    if want(args, "admin"):
        page("admin petition list", admin, "/admin/voters/petition/", {}, 250, args.repeat)


def largest_result():
    from django.db.models import Count

    from compliance.models import EvaluationRun, Evidence

    run = EvaluationRun.objects.filter(status="finished", council__isnull=True).order_by("-pk").first()
    evidence = Evidence.objects.order_by()
    if run:
        evidence = evidence.filter(result__run=run)
    row = evidence.values("result_id").annotate(n=Count("id")).order_by("-n").first()
    return (row["result_id"], row["n"]) if row else (None, 0)


# ---------------------------------------------------------------------------------------------------------
# Compliance: the full run (subprocess, time + peak RSS), the ratio to hand-written SQL, one council.

def bench_compliance(args, as_of):
    if not want(args, "compliance"):
        return
    times = []
    for _ in range(args.repeat):
        out = subprocess.run([PY, "manage.py", "compute_compliance", "--as-of", as_of.isoformat()], cwd=ROOT,
                             capture_output=True, text=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS})
        found = re.search(r"(\d+) truy vấn, ([\d.]+) giây", out.stdout)
        if out.returncode or not found:
            print(out.stdout[-2000:], out.stderr[-2000:])
            add("full compliance run", "error", "", "", "≤ 5 s", False)
            return
        queries = int(found.group(1))
        times.append(float(found.group(2)))
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median(times)
    add("full compliance run (compute_compliance)", f"{median:.2f} s", f"max {max(times):.2f} s", queries,
        "≤ 5 s", median <= 5)
    add("full compliance run, peak RSS (subprocess)", f"{rss_mb:.0f} MB", "", "", "≤ 300 MB", rss_mb <= 300)

    from benchmarks._compliance_sql import time_both

    figures = time_both(as_of, args.repeat)
    same = "same figures" if not figures["differences"] else f"{len(figures['differences'])} figures DIFFER"
    add(f"ratio to hand-written SQL (engine {figures['engine_s']:.2f} s / SQL {figures['sql_s']:.2f} s; {same})",
        f"{figures['ratio']:.1f}×", "", figures["queries"], "≤ 3×", figures["ratio"] <= 3 and not figures["differences"])
    for line in figures["differences"][:5]:
        print("    differs:", line)
    add(f"  the figures alone (engine.evaluate {figures['evaluate_s']:.2f} s, nothing stored) to the same SQL",
        f"{figures['evaluate_ratio']:.1f}×", "", "", "—", None)
    from benchmarks._compliance_sql import time_rewrites

    rewrites = time_rewrites(as_of)
    for name, key in (("writing every result and evidence row (nothing stored before it)", "everything_s"),
                      ("the next day (pro-rata targets and rolling windows move)", "next_day_s")):
        add(f"full run {name}", f"{rewrites[key]:.2f} s", f"{rewrites[key] / figures['sql_s']:.1f}× the SQL", "",
            "≤ 5 s", rewrites[key] <= 5)

    from django.db import connection

    from compliance.runs import run_evaluation
    from councils.models import Council

    with connection.cursor() as cursor:  # the dozen runs above, some writing everything, left dead rows behind
        cursor.execute("VACUUM ANALYZE compliance_evidence")
        cursor.execute("VACUUM ANALYZE compliance_result")
    hanoi = Council.objects.filter(name__icontains="Hà Nội", parent__isnull=True).order_by("pk").first()
    commune = Council.objects.filter(parent=hanoi).order_by("pk").first()
    for council in (hanoi, commune):
        if council is None:
            continue
        run_evaluation(as_of=as_of, council=council, include_subtree=False, trigger="benchmark")
        runs, queries = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            run = run_evaluation(as_of=as_of, council=council, include_subtree=False, trigger="benchmark")
            runs.append(time.perf_counter() - start)
            queries = run.query_count
        median = statistics.median(runs)
        add(f"re-evaluate one council ({council.name})", ms(median), f"max {ms(max(runs))}", queries, "≤ 150 ms",
            median <= 0.150)


# ---------------------------------------------------------------------------------------------------------
# The .xlsx export of 10,000 petitions.

def bench_export(args, admin):
    if not want(args, "export"):
        return
    from voters import excel, selectors

    queryset = selectors.petitions_for(admin).order_by("-received_on", "-pk")[:10_000]
    excel.export_petitions(queryset)
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        excel.export_petitions(queryset)
        runs.append(time.perf_counter() - start)
    peaks = {}
    for size in (2_000, 10_000):
        tracemalloc.start()
        excel.export_petitions(selectors.petitions_for(admin).order_by("-received_on", "-pk")[:size])
        peaks[size] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    median = statistics.median(runs)
    add(".xlsx export of 10,000 petitions", f"{median:.2f} s", f"max {max(runs):.2f} s", "", "≤ 2 s", median <= 2)
    add(".xlsx export memory peak (tracemalloc) 2,000 → 10,000 rows", f"{peaks[10_000]:.0f} MB",
        f"2k: {peaks[2_000]:.0f} MB", "", "≤ 30 MB, flat", peaks[10_000] <= 30)


# ---------------------------------------------------------------------------------------------------------
# Under load: gunicorn + Locust headless.

def worker_rss_mb(master_pid: int) -> list[float]:
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return []
    sizes = []
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return sizes


def bench_load(args):
    # Persistent connections, as the production settings have them (settings.local keeps Django's 0).
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DJANGO_ALLOWED_HOSTS": "*",
           "DJANGO_CONN_MAX_AGE": os.environ.get("DJANGO_CONN_MAX_AGE", "60")}
    gunicorn = subprocess.Popen([str(Path(PY).parent / "gunicorn"), "hdnd_portal.wsgi", "-w", str(args.workers),
                                 "-b", f"127.0.0.1:{args.port}", "--timeout", "120", "--log-level", "warning"],
                                cwd=ROOT, env=env, start_new_session=True)
    peak_rss, stop = [0.0], threading.Event()

    def sample():
        while not stop.wait(1):
            sizes = worker_rss_mb(gunicorn.pid)
            if sizes:
                peak_rss[0] = max(peak_rss[0], max(sizes))

    try:
        time.sleep(4)
        threading.Thread(target=sample, daemon=True).start()
        prefix = Path(tempfile.mkdtemp(prefix="hdnd-locust-")) / "run"
        subprocess.run([str(Path(PY).parent / "locust"), "-f", str(ROOT / "benchmarks/locustfile.py"), "--headless",
                        "-u", str(args.users), "-r", str(args.users), "-t", f"{args.duration + 180}s",
                        "--measure-seconds", str(args.duration),
                        "--host", f"http://127.0.0.1:{args.port}", "--csv", str(prefix), "--only-summary"],
                       cwd=ROOT, env=env, check=False)
        stop.set()
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
        rps, p95 = float(total["Requests/s"]), float(total["95%"])
        median, errors, count = float(total["Median Response Time"]), int(total["Failure Count"]), int(total["Request Count"])
        add(f"{args.users} users {args.duration} s, Locust vs gunicorn -w {args.workers}: throughput",
            f"{rps:.1f} req/s", "", "", "≥ 20 req/s", rps >= 20)
        add(f"  response time under load ({count} requests)", f"{median:.0f} ms", f"p95 {p95:.0f} ms", "",
            "p95 ≤ 800 ms", p95 <= 800)
        add("  errors under load", str(errors), "", "", "0", errors == 0)
        add("  gunicorn worker peak RSS", f"{peak_rss[0]:.0f} MiB", "", "", "≤ 250 MiB", 0 < peak_rss[0] <= 250)
    finally:
        stop.set()
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)


# ---------------------------------------------------------------------------------------------------------
def want(args, name: str) -> bool:
    return not args.only or name in args.only.split(",")


def print_table(header):
    rows = [["measure", "median", "p95 / max", "queries", "target", "result"], *(r.cells() for r in ROWS)]
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    print("\n" + header)
    for n, row in enumerate(rows):
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    failed = sum(1 for r in ROWS if r.ok is False)
    print(f"\n{sum(1 for r in ROWS if r.ok)} pass, {failed} fail")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)
    parser.add_argument("--only", default="", help="comma-separated: compliance,dashboard,result,list,deep,admin,"
                                                   "export,load")
    parser.add_argument("--load", action="store_true", help="also gunicorn + Locust (20 users, 60 s)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    # One worker per core: PostgreSQL and Locust share the cores here (2 cores: -w 2 gave 20-22 req/s, p95
    # 670-920 ms; -w 3 16-19 req/s, p95 0.86-1.3 s, alternating runs on 03/12/2026).
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL copy of the seed_national database.")
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.db import connection

    logging.getLogger("hdnd.security").setLevel(logging.WARNING)  # one "signed in" line per force_login

    from compliance.runs import default_as_of

    settings.ALLOWED_HOSTS = ["*"]
    as_of = args.as_of or default_as_of()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    load = os.getloadavg()[0]
    header = (f"National benchmark — {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, "
              f"database {connection.settings_dict['NAME']}, {os.cpu_count()} cores, load {load:.1f} at start, "
              f"median of {args.repeat}, as of {as_of:%d/%m/%Y}")
    print(header, flush=True)
    # Fresh statistics first (the results and evidence a compute_compliance just wrote, and any table of a
    # database whose autovacuum is off): the plans measured are the ones an analysed database gets. VACUUM
    # too: every run rewrites ~100,000 evidence rows, and without autovacuum (off on these machines, on in
    # production) their dead copies pile up: after 15 runs, 1.7 million, and Hà Nội's re-evaluation 188 ms.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    who = users()
    bench_compliance(args, as_of)
    bench_pages(args, who)
    bench_export(args, who["admin"])
    if args.load or "load" in args.only.split(","):
        connection.close()
        bench_load(args)
    print_table(header + f", load {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
