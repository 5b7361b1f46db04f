"""Creating notifications: only for people who may open the record, never for the one who acted, and their
immediate emails queued once the notifications are committed."""

from __future__ import annotations

from collections.abc import Iterable

from celery import current_app
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .. import permissions
from ..choices import EmailMode
from ..models import EmailPreference, Notification

SEND_EMAILS_TASK = "notifications.tasks.send_emails"


def notify(
    *, recipients: Iterable, kind: str, target: models.Model | None, title: str, body: str = "", url: str = "",
    council=None, entry=None, escalation=None, actor=None,
) -> list[Notification]:
    """One notification per recipient who may open ``target`` (each person once; the actor is left out)."""
    people = {user.pk: user for user in recipients if actor is None or user.pk != actor.pk}
    allowed = [user for user in people.values() if permissions.can_open(user, target)]
    if not allowed:
        return []
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True) if target is not None else None
    rows = [
        Notification(recipient=user, kind=kind, title=title[:300], body=body, url=url[:500], council=council,
                     content_type=content_type, object_id=target.pk if target is not None else None,
                     entry=entry, escalation=escalation)
        for user in allowed
    ]
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
        immediate = _immediate(created)
        if immediate:
            transaction.on_commit(lambda: queue_emails(immediate))
    return created


def _immediate(notifications: list[Notification]) -> list[int]:
    """The notifications whose recipients want each one by email (no choice made means at once)."""
    users = {n.recipient_id: n.recipient for n in notifications if n.recipient.email}
    not_now = set(EmailPreference.objects.filter(user__in=users).exclude(mode=EmailMode.IMMEDIATE)
                  .values_list("user_id", flat=True))
    return [n.pk for n in notifications if n.recipient_id in users and n.recipient_id not in not_now]


def queue_emails(notification_ids: list[int]) -> None:
    # By name: the task module sits above the services (it calls them), so it is not imported here. A
    # signature runs eagerly like a direct call when Celery is configured so (tests, no broker).
    current_app.signature(SEND_EMAILS_TASK, args=[notification_ids]).delay()
