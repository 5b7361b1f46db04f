"""Celery tasks of the notifications app (scheduled in hdnd_portal/celery.py). Each calls a service and is
safe to run twice: the ladder sends each step once per item, an email is claimed before it is sent."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@shared_task(name="notifications.tasks.send_emails")
def send_emails(notification_ids: list[int]) -> int:
    return services.send_emails(notification_ids=notification_ids)


@shared_task(name="notifications.tasks.send_digests")
def send_digests(today: str | None = None) -> int:
    return services.send_digests(today=_day(today))


@shared_task(name="notifications.tasks.run_escalations")
def run_escalations(today: str | None = None) -> dict[str, int]:
    """The morning run of the ladder, then the compliance watch (after the nightly evaluation)."""
    report = services.run_escalations(as_of=_day(today))
    sent = {str(row.step): row.notifications for row in report.values()}
    sent["compliance"] = services.watch_compliance(today=_day(today))
    logger.info("escalations as_of=%s sent=%s", today, sent)
    return sent
