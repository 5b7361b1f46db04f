"""Marking one's notifications read (bookkeeping of the person, not a change of a council's records)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import Notification


def mark_read(*, notification: Notification, user) -> Notification:
    if not permissions.can_read_notification(user, notification):
        raise PermissionDenied(_("Đây không phải thông báo của bạn."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_all_read(*, user) -> int:
    """Returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
