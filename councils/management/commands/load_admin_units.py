"""manage.py load_admin_units: the 34 provinces and 3,321 communes in force since 1/7/2025, as councils."""

import time

from django.core.management.base import BaseCommand

from councils.admin_units import load_admin_units


class Command(BaseCommand):
    help = "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (từ 1/7/2025) từ gói vietnam-provinces."

    def handle(self, *args, **options):
        started = time.monotonic()
        report = load_admin_units()
        self.stdout.write(self.style.SUCCESS(
            f"Đơn vị hành chính: {report} ({time.monotonic() - started:.1f} giây)."
        ))
