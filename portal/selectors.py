"""Reads that span apps: the deputy's inbox and what is coming up for them, a deputy's activity record and the
overdue board. Each takes the acting user and applies the council scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from councils import scoping
from councils.models import Deputy, Membership, Session, SessionDocument, SessionDocumentRead
from oversight.choices import OPEN_FOLLOW_UP
from oversight.models import (
    Commitment,
    OversightActivity,
    Participant,
    Recommendation,
    TrainingAttendance,
    WorkItem,
)
from oversight.selectors import OPEN_ACTIVITY, OPEN_WORK, today
from voters.choices import ForwardingStatus, PetitionStatus
from voters.models import CitizenReception, Forwarding, Petition, VoterMeeting

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
    # What the deputy does next ("Đôn đốc Sở Xây dựng trả lời") and which deadline ``due_date`` is.
    next_action: str = ""
    due_label: str = ""


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
            item.get_status_display(), item.due_date < as_of, "oversight:workitem_detail", item.pk, item.council.name,
            next_action=_("Báo cáo tiến độ"), due_label=_("Hạn hoàn thành")))

    if mine:
        recommendations = (Recommendation.objects.for_user(user)
                           .filter(followers__in=mine, status__in=OPEN_FOLLOW_UP).distinct()
                           .select_related("activity__council", "agency"))
        for rec in recommendations:
            late = bool(rec.due_date and rec.due_date < as_of)
            entries.append(InboxEntry(
                "recommendation", str(Recommendation._meta.verbose_name), str(rec), rec.due_date, rec.status,
                rec.get_status_display(), late, "oversight:recommendation_detail", rec.pk, rec.activity.council.name,
                next_action=_follow_up_step(rec.agency, late), due_label=_("Hạn thực hiện")))

        commitments = (Commitment.objects.for_user(user)
                       .filter(followers__in=mine, status__in=OPEN_FOLLOW_UP).distinct()
                       .select_related("question__activity__council", "agency"))
        for com in commitments:
            late = bool(com.due_date and com.due_date < as_of)
            entries.append(InboxEntry(
                "commitment", str(Commitment._meta.verbose_name), str(com), com.due_date, com.status,
                com.get_status_display(), late, "oversight:commitment_detail", com.pk,
                com.question.activity.council.name, next_action=_follow_up_step(com.agency, late),
                due_label=_("Hạn thực hiện")))

        activities = (OversightActivity.objects.for_user(user)
                      .filter(Q(participations__deputy__in=mine) | Q(deputy__in=mine), status__in=OPEN_ACTIVITY)
                      .distinct().select_related("council"))
        for act in activities:
            due = act.planned_end or act.planned_start
            entries.append(InboxEntry(
                "activity", str(OversightActivity._meta.verbose_name), act.title, due, act.status,
                act.get_status_display(), bool(due and due < as_of),
                "oversight:activity_detail", act.pk, act.council.name,
                next_action=_("Tham gia hoạt động giám sát"), due_label=_("Thời gian dự kiến")))

        # A forwarded petition waits for the agencies: its deadline is the earliest answer still due, not the
        # forwarding deadline already met.
        pending = Forwarding.objects.filter(petition=OuterRef("pk"), status=ForwardingStatus.PENDING).order_by(
            "due_date", "pk")
        petitions = (Petition.objects.for_user(user).live()
                     .filter(meeting__deputies_present__in=mine).exclude(status=PetitionStatus.CLOSED)
                     .distinct().select_related("council")
                     .annotate(answer_due=Subquery(pending.values("due_date")[:1]),
                               answer_agency=Subquery(pending.values("agency__name")[:1])))
        for pet in petitions:
            due, overdue, action, due_label = _petition_step(pet, as_of)
            entries.append(InboxEntry(
                "petition", str(Petition._meta.verbose_name), str(pet), due, pet.status,
                pet.get_status_display(), overdue, "voters:petition_detail", pet.pk, pet.council.name,
                next_action=action, due_label=due_label))

        for paper in unopened_papers(user, mine, as_of):
            entries.append(InboxEntry(
                "session_paper", str(SessionDocument._meta.verbose_name), f"{paper.title} — {paper.session}",
                paper.session.start_date, "unopened", _("chưa mở"), False,
                "session_document_download", paper.pk, paper.session.council.name,
                next_action=_("Đọc tài liệu trước kỳ họp"), due_label=_("Khai mạc")))

    entries.sort(key=_sort_key)
    return entries


def _petition_step(petition, as_of: datetime.date) -> tuple[datetime.date | None, bool, str, str]:
    """A petition's deadline that matters now, whether it is past, and the deputy's next step."""
    if petition.status in (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED):
        late = bool(petition.forward_due and petition.forward_due < as_of)
        action = _("Đề nghị Văn phòng chuyển kiến nghị") if late else _("Theo dõi việc chuyển kiến nghị")
        return petition.forward_due, late, action, _("Hạn chuyển")
    if petition.status == PetitionStatus.FORWARDED and petition.answer_due:
        late = petition.answer_due < as_of
        action = (_("Đôn đốc %(agency)s trả lời") if late else _("Theo dõi trả lời của %(agency)s")) % {
            "agency": petition.answer_agency}
        return petition.answer_due, late, action, _("Hạn cơ quan trả lời")
    if petition.status in (PetitionStatus.ANSWERED, PetitionStatus.REPORTED):
        return None, False, _("Thông tin kết quả trả lời cho cử tri"), ""
    return None, False, _("Theo dõi kiến nghị"), ""


def _follow_up_step(agency, late: bool) -> str:
    if late:
        return _("Đôn đốc %(agency)s thực hiện") % {"agency": agency.name}
    return _("Theo dõi %(agency)s thực hiện") % {"agency": agency.name}


def upcoming_for(user, as_of: datetime.date | None = None, limit: int = 5) -> dict[str, list]:
    """The next sessions of the deputy's councils and the voter meetings they are down for: two queries."""
    as_of = as_of or today()
    mine = scoping.deputy_ids(user)
    if not mine:
        return {"sessions": [], "meetings": []}
    councils = Deputy.objects.filter(pk__in=mine).values("council")
    return {
        "sessions": list(Session.objects.for_user(user).filter(council__in=councils, end_date__gte=as_of)
                         .select_related("council").order_by("start_date", "pk")[:limit]),
        "meetings": list(VoterMeeting.objects.for_user(user).filter(deputies_present__in=mine, date__gte=as_of)
                         .distinct().select_related("council").order_by("date", "pk")[:limit]),
    }


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
    for key, queryset, lookup in (("petitions", petitions, "council"), ("forwardings", forwardings, "council"),
                                  ("recommendations", recommendations, "activity__council"),
                                  ("work_items", work_items, "council")):
        for row in queryset.order_by().values(lookup, f"{lookup}__name").annotate(n=Count("pk", distinct=True)):
            entry = rows.setdefault(row[lookup], {"name": row[f"{lookup}__name"], "petitions": 0, "forwardings": 0,
                                                  "recommendations": 0, "work_items": 0})
            entry[key] = row["n"]
    return sorted(rows.values(), key=lambda r: r["name"])
