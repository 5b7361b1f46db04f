"""The petition export (.xlsx) at scale: time and memory growth for N petitions with their forwardings.

Usage: ``python benchmarks/export_petitions.py [--rows 2000,10000]``. With a PostgreSQL ``DATABASE_URL`` the
data goes into its own database (the configured name + ``_bench_export``, created if missing, kept between
runs); without one, a temporary SQLite file. Each size is exported from ``selectors.petitions_for`` as a
superuser, as the list page and the API do; prints the median time of 3 runs, the peak of memory allocated
during the export (tracemalloc) and the growth of the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_petitions import configure, content  # noqa: E402


def populate(n: int):
    import random

    from councils.models import AdministrativeLevel, Agency, Council
    from voters.choices import AnswerOutcome, ForwardingStatus, PetitionStatus
    from voters.models import Forwarding, Petition
    from voters.search import petition_search_text

    level, _ = AdministrativeLevel.objects.get_or_create(code="bench", defaults={"name": "Bench", "rank": 9})
    council, _ = Council.objects.get_or_create(code="BENCH", defaults={"name": "HĐND benchmark",
                                                                       "area_name": "Benchmark", "level": level})
    agencies = [Agency.objects.get_or_create(name=f"Sở benchmark {i}", council=council)[0] for i in range(8)]
    have = Petition.objects.filter(council=council).count()
    rng = random.Random(have)
    for start in range(have, n, 2000):
        batch = []
        for i in range(start, min(n, start + 2000)):
            text, sender = content(rng)
            received = datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 700)
            batch.append(Petition(council=council, content=text, sender_name=sender, received_on=received,
                                  status=PetitionStatus.FORWARDED, forwarded_on=received,
                                  forward_due=received + datetime.timedelta(days=7), code=f"B-{i}",
                                  search_text=petition_search_text(content=text, sender_name=sender)))
        created = Petition.objects.bulk_create(batch)
        forwardings = []
        for petition in created:
            for agency in rng.sample(agencies, rng.choice((1, 1, 2))):
                answered = rng.random() < 0.5
                forwardings.append(Forwarding(
                    petition=petition, council_id=petition.council_id, agency=agency, forwarded_on=petition.received_on,
                    due_date=petition.received_on + datetime.timedelta(days=30),
                    status=ForwardingStatus.ANSWERED if answered else ForwardingStatus.PENDING,
                    outcome=AnswerOutcome.RESOLVED if answered else "",
                    answered_on=petition.received_on + datetime.timedelta(days=20) if answered else None,
                    answer="Đã giải quyết" if answered else ""))
        Forwarding.objects.bulk_create(forwardings)
    return council


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="2000,10000")
    args, _unknown = parser.parse_known_args()
    sizes = [int(size) for size in args.rows.split(",")]
    where = configure(os.environ.get("DATABASE_URL"), "_bench_export")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.test")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from voters import excel, selectors

    call_command("migrate", verbosity=0)
    council = populate(max(sizes))
    user = get_user_model()(username="bench", is_superuser=True, is_active=True)
    print(f"export benchmark on {where}")
    print(f"{'rows':>8}{'median s':>10}{'alloc peak MB':>15}{'RSS growth MB':>15}{'bytes':>12}")
    for size in sizes:
        queryset = selectors.petitions_for(user).filter(council=council).order_by("-received_on", "-pk")[:size]
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            data = excel.export_petitions(queryset)
            runs.append(time.perf_counter() - start)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        excel.export_petitions(queryset)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        print(f"{size:>8}{statistics.median(runs):>10.2f}{peak / 2**20:>15.1f}{rss_growth:>15.1f}{len(data):>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
