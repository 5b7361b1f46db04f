"""Reads of the notifications app: a person's own notifications (never anyone else's), the bell's count, and
what the ladder has sent for a record."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .choices import Audience
from .models import EscalationSent, Notification


def notifications_for(user) -> QuerySet[Notification]:
    if not (user and user.is_authenticated):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("council").order_by("-created_at", "-id")


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def escalation_summary(obj) -> dict:
    """How many reminders the ladder sent for a record, and when it first told the standing board and the
    party committee (one query)."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    rows = list(EscalationSent.objects.filter(content_type=content_type, object_id=obj.pk, notified=True)
                .order_by("as_of").values_list("as_of", "step__audience"))
    return {
        "count": len(rows),
        "standing_board_on": next((day for day, audience in rows if audience == Audience.STANDING_BOARD), None),
        "party_on": next((day for day, audience in rows if audience == Audience.PARTY), None),
    }
