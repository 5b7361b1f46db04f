"""Celery tasks of the voters app (scheduled in hdnd_portal/celery.py)."""

import datetime

from celery import shared_task

from . import services


@shared_task(name="voters.tasks.send_deadline_reminders")
def send_deadline_reminders(today: str | None = None) -> int:
    """Daily digest of overdue and due-soon petitions to each council's secretariat. Safe to run twice:
    an item is reminded at most once per day (``last_reminded_on``, claimed by a conditional UPDATE)."""
    return services.send_deadline_reminders(today=datetime.date.fromisoformat(today) if today else None)
