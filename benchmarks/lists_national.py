"""Lists, search, deep pages, the admin list and the export on a national database (``seed_national``).

Usage: ``DATABASE_URL=postgres://…/<a copy of the national database> python benchmarks/lists_national.py
[--repeat 5]``. Requests go through Django's test Client as a superuser and as a secretariat clerk of Hà Nội
(created on first run: ``bench_hanoi``), so they cost what a page or API call costs minus the network.
Prints the median and the slowest of ``--repeat`` runs and the queries of one run, then EXPLAIN ANALYZE of
the search's count and first page for the clerk.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = [
    ("petition list page", "/cu-tri/kien-nghi/", {}),
    ("petition list page q=dat dai", "/cu-tri/kien-nghi/", {"q": "dat dai"}),
    ("petition list page q=duong", "/cu-tri/kien-nghi/", {"q": "duong"}),
    ("petition list, deepest page", "/cu-tri/kien-nghi/", {"page": 400}),
    ("API petitions page 1", "/api/v1/voters/petitions/", {}),
    ("API petitions q=dat dai", "/api/v1/voters/petitions/", {"q": "dat dai"}),
    ("API petitions q=duong", "/api/v1/voters/petitions/", {"q": "duong"}),
    ("API petitions page=19000", "/api/v1/voters/petitions/", {"page": 19000}),
    ("API forwardings page=19000", "/api/v1/voters/forwardings/", {"page": 19000}),
    ("admin petition list", "/admin/voters/petition/", {}),
]


def clerk_of_hanoi():
    from django.contrib.auth import get_user_model

    from councils.choices import Role
    from councils.models import Council, RoleAssignment

    hanoi = Council.objects.filter(name__icontains="Hà Nội", parent__isnull=True).order_by("pk").first()
    user, created = get_user_model().objects.get_or_create(username="bench_hanoi", defaults={"is_staff": True})
    if created:
        RoleAssignment.objects.create(user=user, council=hanoi, role=Role.SECRETARIAT)
    return user, hanoi


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    root, _ = get_user_model().objects.get_or_create(username="bench_root", defaults={"is_superuser": True,
                                                                                      "is_staff": True})
    clerk, hanoi = clerk_of_hanoi()
    print(f"Hà Nội: {hanoi} ({hanoi.path}); repeat {args.repeat}")
    print(f"{'measure':<34}{'user':<8}{'median ms':>10}{'max ms':>9}{'queries':>9}{'status':>7}")
    for label, path, params in CASES:
        if args.only and args.only not in label:
            continue
        for name, user in (("root", root), ("hanoi", clerk)):
            if path.startswith("/admin/") and name == "hanoi":
                continue
            client = Client()
            client.force_login(user)
            client.get(path, params)
            runs = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = client.get(path, params)
                runs.append((time.perf_counter() - start) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path, params)
            print(f"{label:<34}{name:<8}{statistics.median(runs):>10.0f}{max(runs):>9.0f}"
                  f"{len(queries.captured_queries):>9}{response.status_code:>7}")
    from utilities.pagination import COUNT_LIMIT
    from voters import filtersets, selectors

    for query in ("dat dai", "duong"):
        qs = filtersets.PetitionFilterSet({"q": query}, queryset=selectors.petitions_for(clerk)).qs
        print(f"\nEXPLAIN ANALYZE count q={query!r} (Hà Nội clerk):")
        print(qs.order_by().values("pk")[: COUNT_LIMIT + 1].explain(analyze=True))
        print(f"\nEXPLAIN ANALYZE first page q={query!r} (Hà Nội clerk):")
        print(qs.order_by("-received_on", "-pk").values("pk")[:25].explain(analyze=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
