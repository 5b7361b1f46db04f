"""The one Celery app: configured from Django settings (CELERY_ namespace), every periodic job listed here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.local")

app = Celery("hdnd_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic job in one place. Times are Asia/Ho_Chi_Minh (CELERY_TIMEZONE).
app.conf.beat_schedule = {
    # Full compliance evaluation after the working day, when secretariats have entered the day's records
    # and before party committees open their dashboards in the morning. It judges the day that just ended
    # (as of yesterday), so a period's last day closes it as met or missed the night after.
    "compliance-nightly-full-evaluation": {
        "task": "compliance.tasks.evaluate_all_by_province",
        "schedule": crontab(hour=1, minute=30),
    },
    # Re-evaluations of single councils are queued on commit and coalesced; this sweep runs the ones
    # whose debounce window has passed (a hundred edits in a minute give one run).
    "compliance-flush-pending-councils": {
        "task": "compliance.tasks.flush_pending_councils",
        "schedule": 60.0,
    },
    # A run whose worker was killed stays "running" until someone says otherwise; each minute, runs past
    # their time limit (their lock expired) are marked failed, so the dashboard and the API never show a
    # run in progress that nothing is running. The killed task itself runs again once Redis hands it out.
    "compliance-fail-abandoned-runs": {
        "task": "compliance.tasks.fail_abandoned_runs",
        "schedule": 60.0,
    },
    # The escalation ladder (notifications/services/escalation.py) replaces the old petition reminders and
    # overdue flags: at the start of the office day, every item with a deadline that reached a step of its
    # council's ladder is sent that step, once per item; then the compliance results that fell since the
    # nightly evaluation are announced.
    "notifications-daily-escalations": {
        "task": "notifications.tasks.run_escalations",
        "schedule": crontab(hour=7, minute=0),
    },
    # The daily digest for those who chose it, after the ladder so it includes the morning's reminders.
    "notifications-daily-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=30),
    },
}
