"""Handovers and term changeovers of oversight (councils.handovers, councils.term_changeover).

A retired council's open oversight and work programme go to its successor: the activities still under way or
with recommendations or commitments still being carried out, and the work items not yet done; the same rows and
history, now the successor's, its bodies taking over the retired ones'. A new term's bodies take over the open
activities and work items of the old term's."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.audit import audit_text
from councils.handovers import ItemKind, body_matcher, record_moved
from councils.models import Council, Handover
from councils.term_changeover import record_carried

from ..choices import OPEN_FOLLOW_UP, ActivityStatus, WorkItemStatus
from ..models import Commitment, OversightActivity, Recommendation, WorkItem

OPEN_ACTIVITY_STATUSES = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)
OPEN_WORK_STATUSES = (WorkItemStatus.NOT_STARTED, WorkItemStatus.IN_PROGRESS)

KINDS = (
    ItemKind("activities", _("Hoạt động giám sát còn việc đang theo dõi"), "oversight:activity_detail"),
    ItemKind("recommendations", _("Kiến nghị giám sát đang thực hiện"), "oversight:recommendation_detail"),
    ItemKind("commitments", _("Cam kết sau chất vấn đang thực hiện"), "oversight:commitment_detail"),
    ItemKind("work_items", _("Công việc trong chương trình công tác chưa xong"), "oversight:workitem_detail"),
)


def _open_activities(council: Council):
    # An activity is the council's record its recommendations and commitments hang on: one that is still
    # followed moves whole (its concluded parts too), so its follow-up keeps one council.
    followed = Q(recommendations__status__in=OPEN_FOLLOW_UP, recommendations__archived_at__isnull=True) | Q(
        questions__commitments__status__in=OPEN_FOLLOW_UP, questions__commitments__archived_at__isnull=True)
    ids = (OversightActivity.objects.filter(council=council, archived_at__isnull=True)
           .filter(Q(status__in=OPEN_ACTIVITY_STATUSES) | followed).values("pk"))
    return OversightActivity.objects.filter(pk__in=ids)


def _open_recommendations(activities):
    return Recommendation.objects.filter(activity__in=activities, status__in=OPEN_FOLLOW_UP, archived_at__isnull=True)


def _open_commitments(activities):
    return Commitment.objects.filter(question__activity__in=activities, status__in=OPEN_FOLLOW_UP,
                                     archived_at__isnull=True)


def _open_work(council: Council):
    return WorkItem.objects.filter(council=council, status__in=OPEN_WORK_STATUSES, archived_at__isnull=True)


def count_open(council: Council) -> dict[str, int]:
    activities = _open_activities(council)
    return {"activities": activities.count(), "recommendations": _open_recommendations(activities).count(),
            "commitments": _open_commitments(activities).count(), "work_items": _open_work(council).count()}


def move_open(*, handover: Handover, actor) -> dict[str, list[tuple[int, str]]]:
    """Each moved activity and work item changes council, and its body becomes the successor's matching one
    (``body_matcher``); an activity leaves the retired council's oversight programme. Refused whole (a
    ValidationError) when the successor has no body to take them."""
    match = body_matcher(handover.to_council, handover.on_date)
    moved: dict[str, list[tuple[int, str]]] = {kind.code: [] for kind in KINDS}
    activities = list(_open_activities(handover.from_council).select_for_update(of=("self",))
                      .select_related("body", "programme").order_by("pk"))
    recommendations = list(_open_recommendations([a.pk for a in activities]).order_by("activity_id", "pk"))
    commitments = list(_open_commitments([a.pk for a in activities]).order_by("pk"))
    for activity in activities:
        changes = {}
        if activity.body_id is not None:
            body = match(activity.body)
            changes["body"] = [audit_text(activity.body), audit_text(body)]
            activity.body = body
        if activity.programme_id is not None:
            changes["programme"] = [audit_text(activity.programme), None]
            activity.programme = None
        activity.council = handover.to_council
        activity.full_clean()
        activity.save(update_fields=["council", "body", "programme", "updated_at"])
        record_moved(target=activity, handover=handover, actor=actor, changes=changes)
        moved["activities"].append((activity.pk, str(activity)))
    for code, items in (("recommendations", recommendations), ("commitments", commitments)):
        for item in items:
            record_moved(target=item, handover=handover, actor=actor)
            moved[code].append((item.pk, str(item)))
    for item in _open_work(handover.from_council).select_for_update(of=("self",)).select_related(
            "responsible_body").order_by("due_date", "pk"):
        body = match(item.responsible_body)
        changes = {"responsible_body": [audit_text(item.responsible_body), audit_text(body)]}
        item.council, item.responsible_body = handover.to_council, body
        item.full_clean()
        item.save(update_fields=["council", "responsible_body", "updated_at"])
        record_moved(target=item, handover=handover, actor=actor, changes=changes)
        moved["work_items"].append((item.pk, str(item)))
    return moved


# --- term changeover (councils.term_changeover): the open items of the old term's bodies go to the new ones --

CARRIED_KINDS = (
    ItemKind("activities", _("Hoạt động giám sát đang tiến hành"), "oversight:activity_detail"),
    ItemKind("work_items", _("Công việc trong chương trình công tác chưa xong"), "oversight:workitem_detail"),
)


def _activities_of(body_ids):
    # A concluded activity is the old term's record and keeps its body; only one still under way moves on.
    return OversightActivity.objects.filter(body_id__in=body_ids, status__in=OPEN_ACTIVITY_STATUSES,
                                            archived_at__isnull=True)


def _work_of(body_ids):
    return WorkItem.objects.filter(responsible_body_id__in=body_ids, status__in=OPEN_WORK_STATUSES,
                                   archived_at__isnull=True)


def count_carried(body_ids: list[int]) -> dict[str, int]:
    return {"activities": _activities_of(body_ids).count(), "work_items": _work_of(body_ids).count()}


def carry_over(*, bodies: dict, changeover, actor) -> dict[str, list[tuple[int, str]]]:
    moved: dict[str, list[tuple[int, str]]] = {"activities": [], "work_items": []}
    for code, queryset, field in (("activities", _activities_of(list(bodies)), "body"),
                                  ("work_items", _work_of(list(bodies)), "responsible_body")):
        for item in queryset.select_for_update(of=("self",)).select_related(field).order_by("pk"):
            old, new = getattr(item, field), bodies[getattr(item, f"{field}_id")]
            setattr(item, field, new)
            item.full_clean()
            item.save(update_fields=[field, "updated_at"])
            record_carried(target=item, changeover=changeover, actor=actor,
                           changes={field: [f"{old} ({old.term})", f"{new} ({new.term})"]})
            moved[code].append((item.pk, str(item)))
    return moved
