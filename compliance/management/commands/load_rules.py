"""Load rule sets from JSON data files (by default every file in compliance/rulesets/). Idempotent."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from compliance.services import load_ruleset

RULESETS_DIR = Path(__file__).resolve().parents[2] / "rulesets"


class Command(BaseCommand):
    help = "Nạp các bộ chỉ tiêu từ tệp JSON (cập nhật theo mã, chạy lại nhiều lần không tạo bản trùng)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Tệp JSON; mặc định: mọi tệp trong compliance/rulesets/.")
        parser.add_argument("--skip-missing", action="store_true",
                            help="Bỏ qua bộ chỉ tiêu có HĐND chưa có trong danh mục thay vì báo lỗi.")

    def handle(self, *args, files, skip_missing, **options):
        paths = [Path(f) for f in files] or sorted(RULESETS_DIR.glob("*.json"))
        for path in paths:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            try:
                ruleset, count = load_ruleset(data=data)
            except ValidationError as exc:
                message = f"{path.name}: {'; '.join(exc.messages)}"
                if skip_missing:
                    self.stderr.write(self.style.WARNING(message))
                    continue
                raise CommandError(message) from exc
            self.stdout.write(f"{ruleset.code}: {count} chỉ tiêu")
