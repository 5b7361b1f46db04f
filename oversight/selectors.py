"""Reads of the oversight app. Every selector takes the acting user and applies the council scope once;
lists come with what their pages and serializers show, so they cost a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.utils import timezone

from .choices import OPEN_FOLLOW_UP, ActivityStatus, WorkItemStatus
from .models import (
    ActivityDocument,
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Participant,
    Question,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)

OPEN_WORK = (WorkItemStatus.NOT_STARTED, WorkItemStatus.IN_PROGRESS)
OPEN_ACTIVITY = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)


def today() -> datetime.date:
    """Deadlines are days in Việt Nam: "today" is the date in Asia/Ho_Chi_Minh, not UTC."""
    return timezone.localdate()


def follow_up_overdue_q(as_of: datetime.date | None = None, prefix: str = "") -> Q:
    """Overdue: the deadline passed (a deadline of today is not yet overdue) and it is still open."""
    as_of = as_of or today()
    return Q(**{f"{prefix}due_date__lt": as_of, f"{prefix}status__in": OPEN_FOLLOW_UP})


def work_item_overdue_q(as_of: datetime.date | None = None, prefix: str = "") -> Q:
    as_of = as_of or today()
    return Q(**{f"{prefix}due_date__lt": as_of, f"{prefix}status__in": OPEN_WORK})


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=BooleanField())


def _rate(numerator: int, denominator: int) -> float | None:
    """A percentage with one decimal, as reports print it (248 of 273 → 90.8); None when nothing was due."""
    return round(numerator * 100 / denominator, 1) if denominator else None


# ---------------------------------------------------------------------------------------------------------
# Lists


def programmes_for(user) -> QuerySet[OversightProgramme]:
    return (OversightProgramme.objects.for_user(user).select_related("council")
            .annotate(activities_count=Count("activities")).order_by("council__path", "-year"))


def activities_for(user) -> QuerySet[OversightActivity]:
    return (
        OversightActivity.objects.for_user(user)
        .select_related("council", "body", "deputy", "programme", "field", "session")
        .prefetch_related("subject_agencies", Prefetch("participations",
                                                       queryset=Participant.objects.select_related("deputy")))
    )


def participants_for(user) -> QuerySet[Participant]:
    return Participant.objects.for_user(user).select_related("deputy", "activity")


def documents_for(user) -> QuerySet[ActivityDocument]:
    """Documents of the activities the user may see: nobody else is ever served the file."""
    return ActivityDocument.objects.for_user(user).select_related("activity", "uploaded_by")


def recommendations_for(user, as_of: datetime.date | None = None) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.for_user(user)
        .select_related("activity", "activity__council", "activity__body", "agency")
        .prefetch_related("followers")
        .annotate(is_overdue=_flag(follow_up_overdue_q(as_of)))
    )


def questions_for(user) -> QuerySet[Question]:
    return (Question.objects.for_user(user)
            .select_related("activity", "activity__council", "asked_by", "answering_agency")
            .annotate(commitments_count=Count("commitments")).order_by("activity_id", "id"))


def commitments_for(user, as_of: datetime.date | None = None) -> QuerySet[Commitment]:
    return (
        Commitment.objects.for_user(user)
        .select_related("question", "question__activity", "question__activity__council", "question__asked_by",
                        "agency")
        .prefetch_related("followers")
        .annotate(is_overdue=_flag(follow_up_overdue_q(as_of)))
    )


def work_items_for(user, as_of: datetime.date | None = None) -> QuerySet[WorkItem]:
    return (
        WorkItem.objects.for_user(user)
        .select_related("council", "responsible_body")
        .prefetch_related("assignee_deputies", "assignee_users")
        .annotate(is_overdue=_flag(work_item_overdue_q(as_of)))
    )


def trainings_for(user) -> QuerySet[Training]:
    return (Training.objects.for_user(user).select_related("council")
            .annotate(attended_count=Count("attendances", filter=Q(attendances__attended=True)))
            .order_by("council__path", "-start_date", "id"))


def attendances_for(user) -> QuerySet[TrainingAttendance]:
    return TrainingAttendance.objects.for_user(user).select_related("deputy", "training")


def briefings_for(user) -> QuerySet[Briefing]:
    return Briefing.objects.for_user(user).select_related("council").prefetch_related("participating_councils")


# ---------------------------------------------------------------------------------------------------------
# Rates: each is one aggregate query grouped in the database


def recommendation_rates(user, *, as_of: datetime.date | None = None, by_body: bool = True,
                         queryset: QuerySet[Recommendation] | None = None) -> list[dict]:
    """Implementation rate = implemented / due, per council (and per overseeing body).

    A recommendation is due once its deadline has arrived (or it was implemented early).
    """
    as_of = as_of or today()
    qs = queryset if queryset is not None else Recommendation.objects.for_user(user)
    keys = ["activity__council", "activity__council__name"]
    if by_body:
        keys += ["activity__body", "activity__body__name"]
    rows = (
        qs.values(*keys)
        .annotate(
            total=Count("id"),
            due=Count("id", filter=Q(due_date__lte=as_of) | Q(status="implemented")),
            implemented=Count("id", filter=Q(status="implemented")),
            overdue=Count("id", filter=follow_up_overdue_q(as_of)),
        )
        .order_by(*keys)
    )
    out = []
    for row in rows:
        entry = {
            "council_id": row["activity__council"], "council_name": row["activity__council__name"],
            "total": row["total"], "due": row["due"], "implemented": row["implemented"], "overdue": row["overdue"],
            "rate": _rate(row["implemented"], row["due"]),
        }
        if by_body:
            entry.update(body_id=row["activity__body"], body_name=row["activity__body__name"])
        out.append(entry)
    return out


def work_item_on_time_rates(user, *, year: int | None = None, as_of: datetime.date | None = None,
                            queryset: QuerySet[WorkItem] | None = None) -> list[dict]:
    """On-time rate per responsible body and year = done by the deadline / items due.

    Items due are those whose deadline has arrived, plus those already done; cancelled items do not count.
    """
    as_of = as_of or today()
    qs = queryset if queryset is not None else WorkItem.objects.for_user(user)
    if year is not None:
        qs = qs.filter(year=year)
    keys = ["council", "council__name", "responsible_body", "responsible_body__name", "year"]
    counted = ~Q(status=WorkItemStatus.CANCELLED) & (Q(due_date__lte=as_of) | Q(status=WorkItemStatus.DONE))
    on_time = Q(status=WorkItemStatus.DONE, done_on__lte=F("due_date"))
    rows = (
        qs.values(*keys)
        .annotate(
            total=Count("id"),
            due=Count("id", filter=counted),
            on_time=Count("id", filter=on_time),
            done=Count("id", filter=Q(status=WorkItemStatus.DONE)),
            overdue=Count("id", filter=work_item_overdue_q(as_of)),
        )
        .order_by("year", "council__name", "responsible_body__name")
    )
    return [
        {
            "council_id": row["council"], "council_name": row["council__name"],
            "body_id": row["responsible_body"], "body_name": row["responsible_body__name"], "year": row["year"],
            "total": row["total"], "due": row["due"], "done": row["done"], "on_time": row["on_time"],
            "overdue": row["overdue"], "rate": _rate(row["on_time"], row["due"]),
        }
        for row in rows
    ]
