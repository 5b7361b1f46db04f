"""Writes of the notifications app. Other apps never call these: notifications follow from their history
(``receivers``) and from the daily jobs (``tasks``)."""

from .compliance_watch import watch_compliance
from .emails import send_digests, send_emails
from .escalation import StepReport, run_escalations
from .notify import notify, queue_emails
from .preferences import email_preference, set_email_mode
from .reading import mark_all_read, mark_read

__all__ = [
    "StepReport", "email_preference", "mark_all_read", "mark_read", "notify", "queue_emails", "run_escalations",
    "send_digests", "send_emails", "set_email_mode", "watch_compliance",
]
