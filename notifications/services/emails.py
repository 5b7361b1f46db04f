"""Emails of notifications, in Vietnamese with absolute links: one per notification for those who want
them at once, one daily digest for those who chose it. Each notification is emailed at most once (claimed by
a conditional UPDATE; the claim rolls back if the mail server refuses, so a retry sends it)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..choices import EmailMode
from ..models import EmailPreference, Notification


def absolute(url: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + url if url.startswith("/") else url


def _footer() -> list[str]:
    return ["", "—", _("Thư gửi tự động từ Cổng HĐND. Thay đổi cách nhận thư: %(url)s")
            % {"url": absolute(reverse("notifications:preferences"))}]


def _lines(notification: Notification) -> list[str]:
    lines = [notification.title]
    if notification.body:
        lines.append(notification.body)
    if notification.url:
        lines.append(_("Xem chi tiết: %(url)s") % {"url": absolute(notification.url)})
    return lines


def _claim(ids: list[int]) -> list[Notification]:
    """Mark these as emailed now unless they already were; returns those this call claimed."""
    now = timezone.now()
    rows = list(Notification.objects.select_for_update().filter(pk__in=ids, emailed_at__isnull=True)
                .select_related("recipient").order_by("created_at", "pk"))
    Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
    return rows


def send_emails(*, notification_ids: list[int]) -> int:
    """Email each of these notifications to its recipient (immediate mode). Returns the number sent."""
    sent = 0
    with translation.override("vi"):
        for pk in notification_ids:
            with transaction.atomic():
                for notification in _claim([pk]):
                    user = notification.recipient
                    if not user.email:
                        continue
                    body = [_("Kính gửi %(name)s,") % {"name": user.get_full_name() or user.get_username()}, "",
                            *_lines(notification), *_footer()]
                    message = EmailMessage(subject=_("[Cổng HĐND] %(title)s") % {"title": notification.title[:150]},
                                           body="\n".join(body), from_email=settings.DEFAULT_FROM_EMAIL,
                                           to=[user.email])
                    sent += get_connection().send_messages([message]) or 0
    return sent


def send_digests(*, today: datetime.date | None = None) -> int:
    """One email per person who chose the daily digest, listing what they have not been emailed yet."""
    today = today or timezone.localdate()
    users = (EmailPreference.objects.filter(mode=EmailMode.DIGEST, user__is_active=True).exclude(user__email="")
             .values_list("user_id", flat=True))
    pending: dict[int, list[int]] = {}
    for user_id, pk in (Notification.objects.filter(recipient__in=users, emailed_at__isnull=True)
                        .order_by("recipient", "created_at", "pk").values_list("recipient", "pk")):
        pending.setdefault(user_id, []).append(pk)
    sent = 0
    with translation.override("vi"):
        for ids in pending.values():
            with transaction.atomic():
                claimed = _claim(ids)
                if not claimed:
                    continue
                user = claimed[0].recipient
                body = [_("Kính gửi %(name)s,") % {"name": user.get_full_name() or user.get_username()}, "",
                        _("Các thông báo mới trên Cổng HĐND:"), ""]
                for notification in claimed:
                    body += [f"- {line}" if i == 0 else f"  {line}" for i, line in enumerate(_lines(notification))]
                subject = _("[Cổng HĐND] %(count)s thông báo mới — %(date)s") % {
                    "count": len(claimed), "date": today.strftime("%d/%m/%Y")}
                message = EmailMessage(subject=subject, body="\n".join([*body, *_footer()]),
                                       from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
                sent += get_connection().send_messages([message]) or 0
    return sent
