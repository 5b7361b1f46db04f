"""manage.py seed_demo: demo data for a newcomer or a demonstration. Refused under production settings."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.builder import seed


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (HĐND thành phố Hà Nội, một số phường, xã, HĐND tỉnh Thanh Hóa) và tài khoản dùng thử."

    def handle(self, *args, **options):
        # Production settings set HDND_ENV = "production": demo users with a published password must never
        # exist there.
        if getattr(settings, "HDND_ENV", "") == "production":
            raise CommandError("Không được nạp dữ liệu mẫu khi đang chạy cấu hình production.")
        started = time.monotonic()
        result = seed(password=settings.HDND_DEMO_PASSWORD)
        elapsed = time.monotonic() - started
        if result["created"]:
            self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu ({elapsed:.1f} giây)."))
        else:
            self.stdout.write(f"Dữ liệu mẫu đã có; chỉ cập nhật danh mục và tài khoản ({elapsed:.1f} giây).")
        self.stdout.write("")
        self.stdout.write(f"{'Tài khoản':<11} {'Mật khẩu':<16} Vai trò")
        for username, role in result["accounts"]:
            self.stdout.write(f"{username:<11} {settings.HDND_DEMO_PASSWORD:<16} {role}")
