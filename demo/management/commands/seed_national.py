"""manage.py seed_national: the whole country at national scale, for measuring. Refused under production
settings, and on a database that already holds deputies or petitions (use a new, migrated database)."""

import resource
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from councils.models import Deputy
from demo.national import build
from voters.models import Petition


class Command(BaseCommand):
    help = ("Nạp dữ liệu toàn quốc (34 tỉnh, 3.321 xã, ~100.000 đại biểu, 1.000.000 kiến nghị) để đo hiệu năng; "
            "chỉ chạy trên cơ sở dữ liệu mới.")

    def add_arguments(self, parser):
        parser.add_argument("--petitions", type=int, default=1_000_000, help="Số kiến nghị, đơn thư (mặc định 1.000.000).")
        parser.add_argument("--seed", type=int, default=2026, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).")
        parser.add_argument("--scale", type=float, default=1.0,
                            help="Tỷ lệ số HĐND cấp xã được nạp (0 < F ≤ 1; mọi tỉnh luôn được nạp).")
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến trình.")

    def handle(self, *args, petitions, seed, scale, no_progress, **options):
        if getattr(settings, "HDND_ENV", "") == "production":
            raise CommandError("Không được nạp dữ liệu toàn quốc khi đang chạy cấu hình production.")
        if petitions < 0:
            raise CommandError("--petitions phải là số không âm.")
        if not 0 < scale <= 1:
            raise CommandError("--scale phải lớn hơn 0 và không quá 1.")
        if Deputy.objects.exists() or Petition.objects.exists():
            raise CommandError("Cơ sở dữ liệu đã có đại biểu hoặc kiến nghị: hãy chạy trên một cơ sở dữ liệu mới "
                               "(createdb, migrate), không trộn với dữ liệu đang có.")
        started = time.monotonic()
        result = build(petitions_total=petitions, seed=seed, scale=scale, password=settings.HDND_DEMO_PASSWORD,
                       show_progress=not no_progress)
        elapsed = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp {result['councils']} HĐND trong {elapsed:.1f} giây, bộ nhớ đỉnh {peak:.0f} MiB."))
        for name, seconds in result["phases"].items():
            self.stdout.write(f"  {name:<40} {seconds:7.1f} s")
        for table, count in result["counts"].items():
            self.stdout.write(f"  {table:<32} {count:>10,}".replace(",", "."))
        self.stdout.write("")
        for username, role in result["accounts"]:
            self.stdout.write(f"{username:<11} {settings.HDND_DEMO_PASSWORD:<16} {role}")
