"""Reads that span apps: the home page's figures, the deputy's inbox, a deputy's activity record and the
overdue board. Each takes the acting user and applies the council scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import scoping
from councils.models import Council, Deputy, Membership, Session, SessionDocument, SessionDocumentRead
from oversight.choices import OPEN_FOLLOW_UP, FollowUpStatus, WorkItemStatus
from oversight.models import (
    Commitment,
    OversightActivity,
    Participant,
    Recommendation,
    TrainingAttendance,
    WorkItem,
)
from oversight.selectors import OPEN_ACTIVITY, OPEN_WORK, today
from voters.choices import PetitionStatus
from voters.models import CitizenReception, Petition, VoterMeeting

# --- the home page -------------------------------------------------------------------------------------------

def home_counts(user, council: Council) -> dict:
    """The figures on the home page for one council and its subtree, in a handful of queries."""
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    subtree = Q(council__path__startswith=council.path)
    petitions = Petition.objects.filter(subtree).aggregate(
        total=Count("id", filter=~Q(status=PetitionStatus.MERGED)),
        waiting=Count("id", filter=Q(status__in=[PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED])),
        forwarded=Count("id", filter=Q(status=PetitionStatus.FORWARDED)),
        answered=Count("id", filter=Q(status__in=[PetitionStatus.ANSWERED, PetitionStatus.REPORTED,
                                                  PetitionStatus.CLOSED])),
    )
    return {
        "councils": Council.objects.filter(path__startswith=council.path).count(),
        "deputies": Deputy.objects.filter(subtree, end_date__isnull=True).count(),
        "sessions_this_year": Session.objects.filter(subtree, start_date__gte=year_start).count(),
        "activities_this_year": OversightActivity.objects.filter(
            subtree, Q(actual_start__gte=year_start) | Q(actual_start__isnull=True, planned_start__gte=year_start)
        ).count(),
        "recommendations_overdue": Recommendation.objects.filter(
            activity__council__path__startswith=council.path,
            status__in=[FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS, FollowUpStatus.PARTLY_IMPLEMENTED],
            due_date__lt=today,
        ).count(),
        "work_items_late": WorkItem.objects.filter(
            subtree, due_date__lt=today, status__in=[WorkItemStatus.NOT_STARTED, WorkItemStatus.IN_PROGRESS]
        ).count(),
        "petitions": petitions,
    }


# --- the deputy's inbox ("Việc của tôi") -------------------------------------------------------------------

@dataclass(frozen=True)
class InboxEntry:
    kind: str  # work_item, recommendation, commitment, activity, petition, session_paper
    kind_label: str
    title: str
    due_date: datetime.date | None
    status: str
    status_label: str
    overdue: bool
    url_name: str
    pk: int
    council_name: str


def _sort_key(entry: InboxEntry):
    # Overdue first, then the nearest deadline; items without a deadline last.
    return (not entry.overdue, entry.due_date is None, entry.due_date or datetime.date.max, entry.title)


def inbox_for(user, as_of: datetime.date | None = None) -> list[InboxEntry]:
    """Everything assigned to the logged-in deputy, overdue first then by deadline, in six queries (and one
    for the user's roles if not loaded yet)."""
    as_of = as_of or today()
    mine = scoping.deputy_ids(user)
    entries: list[InboxEntry] = []

    work_items = WorkItem.objects.for_user(user).filter(status__in=OPEN_WORK).filter(
        Q(assignee_deputies__in=mine) | Q(assignee_users=user)).distinct().select_related("council")
    for item in work_items:
        entries.append(InboxEntry(
            "work_item", str(WorkItem._meta.verbose_name), item.title, item.due_date, item.status,
            item.get_status_display(), item.due_date < as_of, "oversight:workitem_detail", item.pk, item.council.name))

    if mine:
        recommendations = (Recommendation.objects.for_user(user)
                           .filter(followers__in=mine, status__in=OPEN_FOLLOW_UP).distinct()
                           .select_related("activity__council"))
        for rec in recommendations:
            entries.append(InboxEntry(
                "recommendation", str(Recommendation._meta.verbose_name), str(rec), rec.due_date, rec.status,
                rec.get_status_display(), bool(rec.due_date and rec.due_date < as_of),
                "oversight:recommendation_detail", rec.pk, rec.activity.council.name))

        commitments = (Commitment.objects.for_user(user)
                       .filter(followers__in=mine, status__in=OPEN_FOLLOW_UP).distinct()
                       .select_related("question__activity__council"))
        for com in commitments:
            entries.append(InboxEntry(
                "commitment", str(Commitment._meta.verbose_name), str(com), com.due_date, com.status,
                com.get_status_display(), bool(com.due_date and com.due_date < as_of),
                "oversight:commitment_detail", com.pk, com.question.activity.council.name))

        activities = (OversightActivity.objects.for_user(user)
                      .filter(Q(participations__deputy__in=mine) | Q(deputy__in=mine), status__in=OPEN_ACTIVITY)
                      .distinct().select_related("council"))
        for act in activities:
            due = act.planned_end or act.planned_start
            entries.append(InboxEntry(
                "activity", str(OversightActivity._meta.verbose_name), act.title, due, act.status,
                act.get_status_display(), bool(due and due < as_of),
                "oversight:activity_detail", act.pk, act.council.name))

        petitions = (Petition.objects.for_user(user).live()
                     .filter(meeting__deputies_present__in=mine).exclude(status=PetitionStatus.CLOSED)
                     .distinct().select_related("council"))
        waiting = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED)
        for pet in petitions:
            entries.append(InboxEntry(
                "petition", str(Petition._meta.verbose_name), str(pet), pet.forward_due, pet.status,
                pet.get_status_display(), bool(pet.forward_due and pet.forward_due < as_of and pet.status in waiting),
                "voters:petition_detail", pet.pk, pet.council.name))

        for paper in unopened_papers(user, mine, as_of):
            entries.append(InboxEntry(
                "session_paper", str(SessionDocument._meta.verbose_name), f"{paper.title} — {paper.session}",
                paper.session.start_date, "unopened", _("chưa mở"), False,
                "session_document_download", paper.pk, paper.session.council.name))

    entries.sort(key=_sort_key)
    return entries


def unopened_papers(user, mine: set[int], as_of: datetime.date):
    """Documents sent to the deputies ``mine`` for the sessions of their council and term not yet over, that
    none of them has opened: one query."""
    seated = Deputy.objects.filter(pk__in=mine, council=OuterRef("session__council"), term=OuterRef("session__term"))
    opened = SessionDocumentRead.objects.filter(document=OuterRef("pk"), deputy__in=mine)
    return (SessionDocument.objects.for_user(user)
            .filter(Exists(seated), sent_at__isnull=False, session__end_date__gte=as_of).exclude(file="")
            .exclude(Exists(opened)).select_related("session__council").order_by("session__start_date", "title"))


# --- a deputy's activity record -----------------------------------------------------------------------------

RECORD_LIMIT = 50


def activity_record_for(user, deputy) -> dict[str, list]:
    """What a deputy has done, as far as ``user`` may see it: bodies, oversight, voter meetings, citizen
    receptions, trainings.

    A deputy of a commune may sit on a mission of the province above: a clerk of the commune sees the
    deputy but not the province's activity, so every list is scoped to the user as well. Five queries
    whatever the number of records (each list is the latest ``RECORD_LIMIT``).
    """
    return {
        "memberships": list(Membership.objects.for_user(user).filter(deputy=deputy).select_related("body")
                            .order_by("-start_date")[:RECORD_LIMIT]),
        "oversight": list(Participant.objects.for_user(user).filter(deputy=deputy).select_related("activity")
                          .order_by(F("activity__actual_start").desc(nulls_last=True), "-pk")[:RECORD_LIMIT]),
        "meetings": list(VoterMeeting.objects.for_user(user).filter(deputies_present=deputy).select_related("body")
                         .order_by("-date", "-pk")[:RECORD_LIMIT]),
        "receptions": list(CitizenReception.objects.for_user(user).filter(deputy=deputy)
                           .order_by("-date", "-pk")[:RECORD_LIMIT]),
        "trainings": list(TrainingAttendance.objects.for_user(user).filter(deputy=deputy).select_related("training")
                          .order_by("-training__start_date", "-pk")[:RECORD_LIMIT]),
    }


# --- the overdue board ---------------------------------------------------------------------------------------

def overdue_by_council(petitions, forwardings, recommendations, work_items) -> list[dict]:
    """Four grouped counts, merged per council."""
    rows: dict[int, dict] = {}
    for key, queryset, lookup in (("petitions", petitions, "council"), ("forwardings", forwardings, "petition__council"),
                                  ("recommendations", recommendations, "activity__council"),
                                  ("work_items", work_items, "council")):
        for row in queryset.order_by().values(lookup, f"{lookup}__name").annotate(n=Count("pk", distinct=True)):
            entry = rows.setdefault(row[lookup], {"name": row[f"{lookup}__name"], "petitions": 0, "forwardings": 0,
                                                  "recommendations": 0, "work_items": 0})
            entry[key] = row["n"]
    return sorted(rows.values(), key=lambda r: r["name"])
