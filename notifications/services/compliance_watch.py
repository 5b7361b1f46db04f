"""The compliance watch: a run replaces the results it recomputes, so the last status of each result (rule,
subject, period) is kept in ResultSeen; a result that fell from met / on track to at risk / missed tells the
council's party committee viewers and standing board. A result seen for the first time tells nobody."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.choices import ResultStatus
from compliance.models import Result

from .. import audiences
from ..choices import NotificationKind
from ..models import ResultSeen
from .notify import notify

FELL_FROM = (ResultStatus.MET, ResultStatus.ON_TRACK)
FELL_TO = (ResultStatus.AT_RISK, ResultStatus.MISSED)


def watch_compliance(*, today: datetime.date | None = None) -> int:
    """Compare the current results with those seen last time; returns the number of notifications sent."""
    today = today or timezone.localdate()
    seen = {(r.rule_id, r.subject_type, r.subject_id, r.period_start): r for r in ResultSeen.objects.all()}
    new, changed, fell = [], [], []
    for pk, rule_id, subject_type, subject_id, period_start, status in Result.objects.values_list(
            "pk", "rule_id", "subject_type", "subject_id", "period_start", "status").order_by("pk"):
        key = (rule_id, subject_type, subject_id, period_start)
        previous = seen.get(key)
        if previous is None:
            new.append(ResultSeen(rule_id=rule_id, subject_type=subject_type, subject_id=subject_id,
                                  period_start=period_start, status=status))
        elif previous.status != status:
            if previous.status in FELL_FROM and status in FELL_TO:
                fell.append(pk)
            previous.status = status
            changed.append(previous)
    sent = 0
    with transaction.atomic():
        ResultSeen.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        ResultSeen.objects.bulk_update(changed, ["status"], batch_size=1000)
        for result in Result.objects.filter(pk__in=fell).select_related("rule", "council"):
            recipients = [*audiences.party_viewers(result.council_id),
                          *audiences.standing_board(result.council_id, today)]
            title = _("Chỉ tiêu %(code)s của %(subject)s chuyển sang “%(status)s” (%(period)s)") % {
                "code": result.rule.code, "subject": result.subject_name, "status": result.get_status_display(),
                "period": result.period_label}
            sent += len(notify(
                recipients=recipients, kind=NotificationKind.COMPLIANCE_FELL, target=result, title=title,
                body=result.rule.title, council=result.council,
                url=reverse("compliance:rule_detail", args=[result.rule_id]) + f"?council={result.council_id}"))
    return sent
