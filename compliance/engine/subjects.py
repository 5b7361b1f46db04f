"""Who a rule measures in each council: the council itself, its standing board, committees, deputy groups or
deputies, and why a council that has none of them is not applicable."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import BodyKind, CommitteeType
from councils.models import Body, Deputy

from ..choices import SubjectType
from ..metrics.base import Context, Subject
from ..models import Rule

SUBJECT_BODY_KIND = {
    SubjectType.STANDING_BOARD: BodyKind.STANDING_BOARD,
    SubjectType.COMMITTEE: BodyKind.COMMITTEE,
    SubjectType.DEPUTY_GROUP: BodyKind.DEPUTY_GROUP,
}

# How a missing body is named in a "not applicable" reason.
BODY_NOUNS = {
    SubjectType.STANDING_BOARD: _lazy("Thường trực HĐND"),
    SubjectType.COMMITTEE: _lazy("Ban"),
    SubjectType.DEPUTY_GROUP: _lazy("Tổ đại biểu"),
}


def subjects_for(rule: Rule, ctx: Context, council_ids: set[int]) -> tuple[list[Subject], dict[int, str]]:
    """The subjects of ``rule`` in these councils (one query), and a reason for councils that have none."""
    if rule.subject_type == SubjectType.COUNCIL:
        return [Subject(SubjectType.COUNCIL, cid, cid, ctx.councils[cid].name) for cid in sorted(council_ids)], {}
    term_q = Q(term__start_date__lte=ctx.as_of, term__end_date__gte=ctx.as_of)
    if rule.subject_type == SubjectType.DEPUTY:
        rows = (
            Deputy.objects.filter(ctx.council_q("council"), term_q)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=ctx.as_of))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=ctx.as_of))
            .order_by("council_id", "full_name", "id")
            .values_list("id", "council_id", "full_name")
        )
        missing_reason = _("HĐND chưa có đại biểu trong nhiệm kỳ.")
    else:
        body_q = Q(kind=SUBJECT_BODY_KIND[rule.subject_type])
        if rule.committee_type:
            body_q &= Q(committee_type=rule.committee_type)
        rows = (
            Body.objects.filter(ctx.council_q("council"), term_q, body_q)
            .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=ctx.as_of))
            .order_by("council_id", "name", "id")
            .values_list("id", "council_id", "name")
        )
        what = CommitteeType(rule.committee_type).label if rule.committee_type else BODY_NOUNS[rule.subject_type]
        missing_reason = _("HĐND không có %(body)s trong nhiệm kỳ.") % {"body": what}
    subjects = [Subject(rule.subject_type, pk, cid, name) for pk, cid, name in rows if cid in council_ids]
    having = {s.council_id for s in subjects}
    return subjects, {cid: missing_reason for cid in council_ids - having}
