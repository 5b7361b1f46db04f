"""Writes of the portal app: a user's calendar feed address, issued, replaced and revoked by its owner.

The feed is the user's own, not a record of a council: its history lines have no council and tell no
listener (``data_changed=False``)."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from councils.audit import record_audit

from . import feeds
from .models import CalendarFeed


def _issue(feed: CalendarFeed) -> str:
    feed.nonce = secrets.token_hex(16)
    token = feeds.token_of(feed)
    feed.token_hash = feeds.hash_of(token)
    feed.revoked_at = None
    feed.save()
    return token


@transaction.atomic
def calendar_token(*, user) -> str | None:
    """The token of the user's feed: issued on first asking; None once the user has revoked it."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        try:
            with transaction.atomic():
                feed = CalendarFeed(user=user)
                token = _issue(feed)
        except IntegrityError:
            # Two first requests at once (two tabs): the other one issued it.
            return feeds.current_token(CalendarFeed.objects.get(user=user))
        record_audit(target=feed, action="create", actor=user, data_changed=False)
        return token
    return feeds.current_token(feed)


@transaction.atomic
def regenerate_calendar_token(*, user) -> str:
    """A new address; the old one stops working at once (a 404)."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first() or CalendarFeed(user=user)
    created = feed.pk is None
    token = _issue(feed)
    record_audit(target=feed, action="create" if created else "regenerate", actor=user, data_changed=False)
    return token


@transaction.atomic
def revoke_calendar_token(*, user) -> None:
    """No address at all until the user makes a new one."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is None or feed.revoked_at is not None:
        return
    feed.token_hash = None
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["token_hash", "revoked_at"])
    record_audit(target=feed, action="revoke", actor=user, data_changed=False)
