"""``manage.py run_escalations [--as-of YYYY-MM-DD]``: the morning ladder run, synchronously, printing what it
sent by step. A second run the same day sends nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from notifications import services


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--as-of must be YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = "Run the escalation ladder (and the compliance watch) now."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=_date, default=None, help="the day to run for (default today)")

    def handle(self, *args, as_of=None, **options):
        report = services.run_escalations(as_of=as_of)
        if not report:
            self.stdout.write("Nothing to send.")
        for row in sorted(report.values(), key=lambda r: (r.step.council_id or 0, r.step.days)):
            scope = row.step.council or "national"
            self.stdout.write(f"{scope} | {row.step}: {row.items} item(s), {row.notifications} notification(s)")
        fell = services.watch_compliance(today=as_of)
        self.stdout.write(f"Compliance results fallen: {fell} notification(s)")
