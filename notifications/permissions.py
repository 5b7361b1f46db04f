"""Who may be told about a record, and who may read a notification.

A notification never reaches someone who cannot open its record: the record's own scope decides
(``Model.objects.for_user``), and an agency's staff open only the forwardings addressed to their agency.
"""

from __future__ import annotations

from django.db import models

from councils import scoping
from voters.models import Forwarding


def can_open(user, target: models.Model | None) -> bool:
    if not (user and user.is_active):
        return False
    if target is None:
        return True
    if isinstance(target, Forwarding) and target.agency_id in scoping.agency_ids(user):
        return True
    manager = getattr(type(target), "objects", None)
    if manager is None or not hasattr(manager, "for_user"):
        return scoping.sees_everything(user)
    return manager.for_user(user).filter(pk=target.pk).exists()


def can_read_notification(user, notification) -> bool:
    """Each person reads only their own notifications (an administrator too: they are personal)."""
    return bool(user and user.is_authenticated) and notification.recipient_id == user.pk


def can_set_email_mode(user) -> bool:
    return bool(user and user.is_authenticated)
