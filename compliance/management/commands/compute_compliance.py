"""Evaluate the compliance rules now, synchronously, and print a summary table per rule."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q

from compliance.choices import COMPLIANT_STATUSES, EVALUATED_STATUSES, ResultStatus
from compliance.models import Result
from compliance.services import EvaluationBusy, default_as_of, run_evaluation
from councils.models import Council


class Command(BaseCommand):
    help = "Tính chỉ tiêu ngay (không qua hàng đợi) và in bảng tổng hợp theo chỉ tiêu."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", dest="as_of", help="Tính đến ngày YYYY-MM-DD (mặc định: hôm nay).")
        parser.add_argument("--council", help="Mã HĐND: chỉ tính HĐND này và các HĐND cấp dưới.")

    def handle(self, *args, as_of, council, **options):
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else default_as_of()
        except ValueError as exc:
            raise CommandError("Ngày không hợp lệ, dùng dạng YYYY-MM-DD.") from exc
        scope = None
        if council:
            scope = Council.objects.filter(code=council).first()
            if scope is None:
                raise CommandError(f"Không tìm thấy HĐND mã {council}.")
        started = time.perf_counter()
        try:
            run = run_evaluation(as_of=day, council=scope, trigger="command")
        except EvaluationBusy as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started

        results = Result.objects.filter(run=run)
        rows = (
            results.values("rule__code").order_by("rule__ruleset__code", "rule__order", "rule__code")
            .annotate(**{status: Count("id", filter=Q(status=status)) for status in ResultStatus.values})
        )
        # Whole words as headers (the statuses' own labels), each column as wide as its header.
        columns = [(status, str(ResultStatus(status).label)) for status in ResultStatus.values]
        code_width = max([len("Chỉ tiêu"), *(len(row["rule__code"]) for row in rows)]) + 2
        header = "Chỉ tiêu".ljust(code_width) + "".join(f"{label:>{len(label) + 2}}" for _s, label in columns)
        header += f"{'Tỷ lệ đạt':>12}"
        self.stdout.write(f"Tính đến {day:%d/%m/%Y} — {scope or 'mọi HĐND'} (số HĐND theo kết quả của từng chỉ tiêu)")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for row in rows:
            evaluated = sum(row[s] for s in EVALUATED_STATUSES)
            good = sum(row[s] for s in COMPLIANT_STATUSES)
            share = f"{100 * good / evaluated:.1f} %" if evaluated else "—"
            cells = "".join(f"{row[status]:>{len(label) + 2}}" for status, label in columns)
            self.stdout.write(f"{row['rule__code']:<{code_width}}{cells}{share:>12}")
        self.stdout.write("Tỷ lệ đạt = (Đạt + Đúng tiến độ) / số HĐND được đánh giá (không tính “Không áp dụng”).")
        self.stdout.write(
            f"Lượt tính #{run.pk}: {sum(run.counts.values())} kết quả, {run.query_count} truy vấn, {elapsed:.2f} giây."
        )
