"""The daily reminders: each council's secretariat gets one email listing its overdue and due-soon items,
each item at most once a day."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from councils.models import Council

from .. import selectors
from ..models import Forwarding, Petition
from ._helpers import _today


def claim_reminder(model, pk: int, today: datetime.date) -> bool:
    """Mark one item as reminded today unless it already was. The conditional UPDATE makes two concurrent
    runs send once: only one of them changes the row."""
    return bool(model._base_manager.filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today), pk=pk)
                .update(last_reminded_on=today))


def send_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Email each council's secretariat a digest of its overdue and due-soon items not reminded today.
    Returns the number of emails sent. Safe to run twice: items already reminded today are skipped."""
    today = today or _today()
    sent = 0
    for council, digest in selectors.reminder_digests(today=today).items():
        recipients = selectors.secretariat_emails(council)
        if not recipients:
            continue
        with transaction.atomic():
            forwardings = [f for f in digest["forwardings"] if claim_reminder(Forwarding, f.pk, today)]
            petitions = [p for p in digest["petitions"] if claim_reminder(Petition, p.pk, today)]
            if not forwardings and not petitions:
                continue
            subject = _("[Cổng HĐND] Kiến nghị, đơn thư quá hạn và sắp đến hạn — %(council)s — %(date)s") % {
                "council": council, "date": today.strftime("%d/%m/%Y")}
            body = _reminder_body(council=council, today=today, forwardings=forwardings, petitions=petitions)
            messages = [EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email])
                        for email in recipients]
            # Sent inside the transaction: if the mail server refuses, the claims roll back and tomorrow's
            # (or a retried) run sends them.
            sent += get_connection().send_messages(messages) or 0
    return sent


def _reminder_body(*, council: Council, today: datetime.date, forwardings: list[Forwarding],
                   petitions: list[Petition]) -> str:
    def when(due: datetime.date) -> str:
        if due < today:
            return _("quá hạn %(days)s ngày") % {"days": (today - due).days}
        return _("đến hạn %(date)s") % {"date": due.strftime("%d/%m/%Y")}

    lines = [_("Kính gửi Văn phòng %(council)s,") % {"council": council}, ""]
    if petitions:
        lines.append(_("Kiến nghị, đơn thư chưa chuyển tới cơ quan có thẩm quyền:"))
        lines += [f"- {p.code or '#' + str(p.pk)}: {p.content[:120]} ({when(p.forward_due)})" for p in petitions]
        lines.append("")
    if forwardings:
        lines.append(_("Kiến nghị đã chuyển, cơ quan chưa trả lời:"))
        lines += [f"- {f.petition.code or '#' + str(f.petition_id)} → {f.agency}: {f.petition.content[:100]} "
                  f"({when(f.due_date)})" for f in forwardings]
        lines.append("")
    lines.append(_("Thư này được gửi tự động mỗi ngày làm việc; mỗi mục được nhắc tối đa một lần một ngày."))
    return "\n".join(lines)
