"""Accent-insensitive petition search at scale: time it with and without the trigram index.

Usage: ``python benchmarks/search_petitions.py [--rows N]``. With a PostgreSQL ``DATABASE_URL`` the data
goes into its own database (the configured name + ``_bench_search``, created if missing) and N defaults
to 100,000; without one, a temporary SQLite file and 20,000 rows. Rows are kept between runs, so a second
run only tops them up. Prints timings per query and the plan PostgreSQL chooses (EXPLAIN).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INDEX = "voters_petition_search_trgm"
QUERIES = ["duong", "DAT DAI", "ô nhiễm môi trường", "le loi", "nguyen van binh", "trường mầm non tổ 37"]

SUBJECTS = ["đường giao thông", "đất đai", "ô nhiễm môi trường", "trường mầm non", "trạm y tế", "chiếu sáng công cộng",
            "thoát nước", "cấp giấy chứng nhận quyền sử dụng đất", "bồi thường giải phóng mặt bằng", "nước sạch",
            "an ninh trật tự", "chợ dân sinh", "nhà văn hóa", "bảo hiểm y tế", "trợ cấp người có công"]
ACTIONS = ["đề nghị sửa chữa", "đề nghị sớm giải quyết", "phản ánh tình trạng", "kiến nghị xem xét",
           "đề nghị đầu tư", "đề nghị kiểm tra, xử lý"]
PLACES = ["tổ dân phố", "thôn", "khu phố", "ngõ", "xóm"]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Hùng Vương"]
NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam", "Oanh", "Phúc"]


def configure(url: str | None, suffix: str = "_bench_search") -> str:
    """Point Django at the benchmark's own database; return a label for the output."""
    if url and url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + suffix
        import psycopg

        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path="/" + name))
        return f"PostgreSQL database {name}"
    path = Path(tempfile.gettempdir()) / f"hdnd{suffix}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return f"SQLite {path}"


def content(rng: random.Random) -> tuple[str, str]:
    text = (f"Cử tri {rng.choice(PLACES)} {rng.randint(1, 60)} {rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} "
            f"tại đường {rng.choice(STREETS)}, đoạn số {rng.randint(1, 500)}")
    return text, f"{rng.choice(NAMES)} {rng.choice(GIVEN)}"


def populate(n: int):
    from councils.models import AdministrativeLevel, Council
    from voters.models import Petition
    from voters.search import petition_search_text

    level, _ = AdministrativeLevel.objects.get_or_create(code="bench", defaults={"name": "Bench", "rank": 9})
    council, _ = Council.objects.get_or_create(code="BENCH", defaults={"name": "HĐND benchmark",
                                                                       "area_name": "Benchmark", "level": level})
    have = Petition.objects.filter(council=council).count()
    rng = random.Random(have)
    start = time.perf_counter()
    batch = []
    for i in range(have, n):
        text, sender = content(rng)
        received = datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 700)
        batch.append(Petition(council=council, content=text, sender_name=sender, received_on=received,
                              forward_due=received + datetime.timedelta(days=7),
                              search_text=petition_search_text(content=text, sender_name=sender)))
        if len(batch) == 5000:
            Petition.objects.bulk_create(batch)
            batch = []
    if batch:
        Petition.objects.bulk_create(batch)
    if n > have:
        print(f"created {n - have} petitions in {time.perf_counter() - start:.1f}s (total {n})")
    return council


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def measure(council, label: str) -> None:
    from voters.models import Petition
    from voters.search import search_petitions

    print(f"\n-- {label}")
    print(f"{'query':<28}{'matches':>10}{'count ms':>12}{'first page ms':>16}")
    for query in QUERIES:
        qs = search_petitions(Petition.objects.filter(council=council), query)
        total = qs.count()
        count_ms = timed(qs.count)
        page_ms = timed(lambda qs=qs: list(qs.order_by("-received_on", "-id").values_list("pk", flat=True)[:25]))
        print(f"{query!r:<28}{total:>10}{count_ms:>12.1f}{page_ms:>16.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=None)
    args, _unknown = parser.parse_known_args()
    where = configure(os.environ.get("DATABASE_URL"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from voters.models import Petition
    from voters.search import search_petitions

    postgres = connection.vendor == "postgresql"
    rows = args.rows or (100_000 if postgres else 20_000)
    print(f"search benchmark on {where}, {rows} petitions")
    call_command("migrate", verbosity=0)
    council = populate(rows)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE voters_petition")

    measure(council, "with the trigram index" if postgres else "SQLite (no trigram index: full scan)")
    if not postgres:
        return 0
    plan = search_petitions(Petition.objects.filter(council=council), "le loi").explain()
    print("\nEXPLAIN (with index):\n  " + "\n  ".join(plan.splitlines()))
    print(f"index used: {INDEX in plan}")

    class Rollback(Exception):
        pass

    # DDL is transactional in PostgreSQL: drop the index inside a transaction, measure, roll back.
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP INDEX {INDEX}")
            measure(council, "without the index (sequential scan)")
            plan = search_petitions(Petition.objects.filter(council=council), "le loi").explain()
            print("\nEXPLAIN (without index):\n  " + "\n  ".join(plan.splitlines()))
            raise Rollback
    except Rollback:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
