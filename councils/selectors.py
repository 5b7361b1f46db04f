"""Reads for the councils app. Every selector takes the acting user and applies the council scope."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from . import scoping
from .choices import Role
from .models import (
    AdministrativeLevel,
    Agency,
    AuditEntry,
    Body,
    Council,
    DayOff,
    Deputy,
    ElectoralUnit,
    Field,
    Membership,
    RoleAssignment,
    Session,
    Term,
)


def councils_for(user) -> QuerySet[Council]:
    return Council.objects.for_user(user).select_related("level", "parent")


def council_for(user, pk) -> Council:
    """One council the user may see, or a 404."""
    return get_object_or_404(councils_for(user), pk=pk)


def deputies_for(user) -> QuerySet[Deputy]:
    return Deputy.objects.for_user(user).select_related("council", "term", "electoral_unit")


def bodies_for(user) -> QuerySet[Body]:
    return Body.objects.for_user(user).select_related("council", "term")


def sessions_for(user) -> QuerySet[Session]:
    return Session.objects.for_user(user).select_related("council", "term")


def agencies_for(user) -> QuerySet[Agency]:
    """Central agencies, and agencies of the user's councils and the councils above them."""
    if scoping.sees_everything(user):
        return Agency.objects.all()
    paths = scoping.scope_paths(user)
    ancestor_codes = {code for path in paths for code in path.strip("/").split("/")}
    q = Q(council__isnull=True) | Q(council__code__in=ancestor_codes)
    for path in paths:
        q |= Q(council__path__startswith=path)
    return Agency.objects.filter(q).select_related("council")


def home_counts(user, council: Council) -> dict:
    """The figures on the home page for one council and its subtree, in a handful of queries."""
    from oversight.choices import FollowUpStatus, WorkItemStatus
    from oversight.models import OversightActivity, Recommendation, WorkItem
    from voters.choices import PetitionStatus
    from voters.models import Petition

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


def levels_for(user) -> QuerySet[AdministrativeLevel]:
    """Levels are a public catalogue: every signed-in user reads them all."""
    return AdministrativeLevel.objects.all()


def terms_for(user) -> QuerySet[Term]:
    return Term.objects.all()


def fields_for(user) -> QuerySet[Field]:
    return Field.objects.all()


def electoral_units_for(user) -> QuerySet[ElectoralUnit]:
    return ElectoralUnit.objects.for_user(user).select_related("council", "term")


def memberships_for(user) -> QuerySet[Membership]:
    return Membership.objects.for_user(user).select_related("body", "deputy")


def days_off_for(user) -> QuerySet[DayOff]:
    """Days off of the user's councils, and those declared for every council."""
    days = DayOff.objects.select_related("council")
    if scoping.sees_everything(user):
        # scope_q is then the empty Q, which an OR would silently drop.
        return days
    return days.filter(Q(council__isnull=True) | scoping.scope_q(user, DayOff.council_scope))


def role_assignments_for(user) -> QuerySet[RoleAssignment]:
    """The user's own roles; administrators also see the roles given in their subtree."""
    if not (user and user.is_authenticated):
        return RoleAssignment.objects.none()
    if scoping.sees_everything(user):
        return RoleAssignment.objects.select_related("user", "council", "deputy")
    admin_scope = scoping.scope_q(user, RoleAssignment.council_scope, roles=(Role.ADMINISTRATOR,))
    return RoleAssignment.objects.filter(Q(user=user) | admin_scope).select_related("user", "council", "deputy")


def audit_entries_for(user) -> QuerySet[AuditEntry]:
    """History of the user's councils, for the staff who maintain them (secretariat, administrators)."""
    return AuditEntry.objects.for_user(user, roles=(Role.SECRETARIAT, Role.ADMINISTRATOR)).select_related(
        "content_type", "actor", "council"
    )
