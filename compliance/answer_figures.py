"""What each figure of the agency scorecard counts, as a condition on one annotated forwarding queryset: the
scorecard's table counts rows by these conditions, its drill-down lists the rows matching one, and the metric
``agency_answers_on_time`` judges the same rows, so the three always agree."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from councils.models import AuditEntry, Council
from voters.choices import ForwardingStatus
from voters.models import Forwarding

# History actions the figures read (names agreed between the apps that write them).
RETURN_ANSWER = "return_answer"
REOPEN = "reopen"
VOTER_FEEDBACK = "voter_feedback"


def _history(model: str, **filters) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(content_type__app_label="voters", content_type__model=model, **filters)


def _answered(as_of: datetime.date) -> Q:
    return Q(answered_on__isnull=False, answered_on__lte=as_of)


def figure_conditions(as_of: datetime.date) -> dict[str, Q]:
    """What each figure counts, as a condition on ``annotate_figures`` rows, judged on ``as_of``."""
    answered = _answered(as_of)
    # Past its due date and not answered; one paused for clarification is not late (its deadline moves).
    overdue = ~answered & Q(due_date__lt=as_of) & ~Q(status=ForwardingStatus.CLARIFICATION)
    on_time = answered & Q(answered_on__lte=F("due_date"))
    return {
        "received": Q(),
        "answered": answered,
        "on_time": on_time,
        # The on-time rate's denominator: answered, or overdue (those not yet due are not judged).
        "due": answered | overdue,
        "late": (answered & Q(answered_on__gt=F("due_date"))) | overdue,
        "overdue": overdue,
        "returned": Q(returned_count__gt=0),
        "reopened": Q(reopened=True),
    }



def annotate_figures(queryset: QuerySet[Forwarding]) -> QuerySet[Forwarding]:
    """Add what the figures read from the history: answers returned (lines), and whether the petition was
    reopened after a voters' feedback saying it was not resolved."""
    returns = (_history("forwarding", object_id=OuterRef("pk"), action=RETURN_ANSWER)
               .order_by().values("object_id").annotate(n=Count("id")).values("n"))
    unresolved_before = _history("petition", object_id=OuterRef("object_id"), action=VOTER_FEEDBACK,
                                 changes__resolved=False, id__lt=OuterRef("id"))
    reopens = _history("petition", object_id=OuterRef("petition_id"), action=REOPEN).filter(Exists(unresolved_before))
    return queryset.annotate(
        returned_count=Coalesce(Subquery(returns, output_field=IntegerField()), 0),
        reopened=Exists(reopens),
    )


def with_figure(queryset: QuerySet[Forwarding], figure: str, as_of: datetime.date) -> QuerySet[Forwarding]:
    """The annotated rows one figure counts (the drill-down of a cell)."""
    return annotate_figures(queryset).filter(figure_conditions(as_of)[figure])


def in_subtree(queryset: QuerySet[Forwarding], council: Council) -> QuerySet[Forwarding]:
    return queryset.filter(council__path__startswith=council.path)


def received_in(queryset: QuerySet[Forwarding], start: datetime.date, end: datetime.date) -> QuerySet[Forwarding]:
    """A period's forwardings are those the agency received in it (forwarded on a day of the period)."""
    return queryset.filter(forwarded_on__gte=start, forwarded_on__lte=end)


# The figures a drill-down may list, in the order of the scorecard's columns.
FIGURE_LABELS = (
    ("received", _("Đã nhận")),
    ("answered", _("Đã trả lời")),
    ("on_time", _("Trả lời đúng hạn")),
    ("due", _("Đã đến hạn hoặc đã trả lời")),
    ("late", _("Trả lời trễ hạn hoặc quá hạn")),
    ("overdue", _("Đang quá hạn")),
    ("returned", _("Có câu trả lời bị trả lại")),
    ("reopened", _("Mở lại sau ý kiến cử tri")),
)
