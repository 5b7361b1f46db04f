"""The deadlines of a petition: by when the secretariat must forward it, and by when an agency must answer."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from councils.audit import audit_text, record_audit
from councils.choices import CalendarEvent, SessionKind
from councils.models import Council, DayOff, Session
from councils.workdays import add_working_days, deadline_setting, previous_working_day

from ..choices import ForwardingStatus
from ..models import Forwarding

# A forwarding waiting for its answer (or paused for a clarification, which resumes from its due date).
OPEN_FORWARDING_STATUSES = (ForwardingStatus.PENDING, ForwardingStatus.CLARIFICATION)


def forward_due_for(*, council: Council, received_on: datetime.date) -> datetime.date:
    """By when the secretariat must forward an item received on that day."""
    return add_working_days(received_on, deadline_setting("forward_working_days"), council=council)


def default_answer_due(*, council: Council, forwarded_on: datetime.date) -> datetime.date:
    """By when an agency must answer: the eve of the council's next regular session when one is
    scheduled far enough ahead, otherwise a fixed number of working days."""
    if deadline_setting("answer_before_next_session"):
        earliest = add_working_days(forwarded_on, deadline_setting("answer_min_working_days"), council=council)
        session = (Session.objects.filter(council=council, kind=SessionKind.REGULAR, start_date__gt=earliest)
                   .order_by("start_date").first())
        if session is not None:
            return session.start_date - datetime.timedelta(days=1)
    return add_working_days(forwarded_on, deadline_setting("answer_working_days"), council=council)


def move_for_day_off(*, day_off: DayOff, skip_council_ids: set, actor=None) -> int:
    """A day off declared after the fact: each open forwarding whose span (after the day it was sent, up to its
    due date) holds that day loses a working day, so its due date moves to the next working day after it;
    a history line on each says why. Returns how many moved."""
    moved = 0
    for forwarding in _spanning(day_off, skip_council_ids):
        old = forwarding.due_date
        forwarding.due_date = add_working_days(old, 1, council=forwarding.petition.council)
        forwarding.save(update_fields=["due_date", "updated_at"])
        record_audit(target=forwarding, action=CalendarEvent.DEADLINE_RECOMPUTED, actor=actor,
                     changes={"due_date": [audit_text(old), audit_text(forwarding.due_date)]},
                     note=_("Ngày nghỉ %(date)s (%(reason)s) được khai báo sau khi chuyển: hạn trả lời lùi một "
                            "ngày làm việc.") % {"date": day_off.date.strftime("%d/%m/%Y"), "reason": day_off.reason})
        moved += 1
    return moved


def move_back_for_day_off(*, day_off: DayOff, skip_council_ids: set, actor=None) -> int:
    """A day off taken back (already out of force): each open forwarding whose span holds that day gets the
    working day back, so its due date moves to the last working day before it — where the day off had moved it
    from, for a due date that was itself a working day. A history line on each says why."""
    moved = 0
    for forwarding in _spanning(day_off, skip_council_ids, due_after=True):
        old = forwarding.due_date
        forwarding.due_date = previous_working_day(old, council=forwarding.petition.council)
        forwarding.save(update_fields=["due_date", "updated_at"])
        record_audit(target=forwarding, action=CalendarEvent.DEADLINE_RESTORED, actor=actor,
                     changes={"due_date": [audit_text(old), audit_text(forwarding.due_date)]},
                     note=_("Ngày nghỉ %(date)s (%(reason)s) đã được bỏ: hạn trả lời sớm lại một ngày làm việc.")
                     % {"date": day_off.date.strftime("%d/%m/%Y"), "reason": day_off.reason})
        moved += 1
    return moved


def _spanning(day_off: DayOff, skip_council_ids: set, *, due_after: bool = False):
    """The open forwardings, locked, sent before ``day_off`` and due on or after it (strictly after: one it had
    moved), of its council (every council for a shared one) except those of ``skip_council_ids``."""
    due = {"due_date__gt" if due_after else "due_date__gte": day_off.date}
    forwardings = (Forwarding.objects.select_related("petition__council")
                   .filter(status__in=OPEN_FORWARDING_STATUSES, forwarded_on__lt=day_off.date, **due)
                   .exclude(council_id__in=[pk for pk in skip_council_ids if pk is not None]))
    if day_off.council_id is not None:
        forwardings = forwardings.filter(council_id=day_off.council_id)
    return forwardings.select_for_update(of=("self",)).order_by("pk")
