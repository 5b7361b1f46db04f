"""Reads for the councils app. Every selector takes the acting user and applies the council scope."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from . import agencies, scoping
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
    Term,
)


def primary_council(user) -> Council | None:
    """The highest council the user is assigned to: where their home page starts. Read once per user object
    (a request asks 1–3 times: the page, the navigation, the filters), as the assignments are."""
    if hasattr(user, scoping.PRIMARY_COUNCIL_ATTR):
        return getattr(user, scoping.PRIMARY_COUNCIL_ATTR)
    paths = scoping.scope_paths(user)
    if scoping.sees_everything(user) and not paths:
        council = Council.objects.filter(parent__isnull=True).order_by("code").first()
    else:
        council = Council.objects.filter(path=paths[0]).first() if paths else None
    if user is not None and user.is_authenticated:
        setattr(user, scoping.PRIMARY_COUNCIL_ATTR, council)
    return council


def ancestors_for(user, council: Council) -> list[Council]:
    """The councils above ``council`` that the user may see, from the top down, in one query."""
    codes = council.path.strip("/").split("/")[:-1]
    paths = ["/" + "/".join(codes[:i]) + "/" for i in range(1, len(codes) + 1)]
    if not paths:
        return []
    return list(councils_for(user).filter(path__in=paths).order_by("depth"))


def councils_for(user) -> QuerySet[Council]:
    return Council.objects.for_user(user).select_related("level", "parent")


def council_for(user, pk) -> Council:
    """One council the user may see, or a 404."""
    return get_object_or_404(councils_for(user), pk=pk)


def deputies_for(user) -> QuerySet[Deputy]:
    return Deputy.objects.for_user(user).select_related("council", "term", "electoral_unit")


def bodies_for(user) -> QuerySet[Body]:
    return Body.objects.for_user(user).select_related("council", "term")


def agencies_for(user) -> QuerySet[Agency]:
    """The agencies the user's councils may address: central ones, and those of their areas, above and below."""
    if scoping.sees_everything(user):
        return Agency.objects.all()
    return Agency.objects.filter(agencies.area_q(scoping.scope_paths(user))).select_related("council")


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


def accounts_for(user) -> QuerySet:
    """Accounts that hold a role on a council the user maintains (the secretariat its own council, an
    administrator their subtree), with their roles and temporary-password state, in a fixed number of queries."""
    users = get_user_model().objects.all()
    if not scoping.sees_everything(user):
        users = users.filter(pk__in=RoleAssignment.objects.manageable_by(user).values("user_id"))
    roles = RoleAssignment.objects.select_related("council", "deputy", "agency").order_by("council__path", "role")
    return (users.select_related("temporary_password")
            .prefetch_related(Prefetch("council_roles", queryset=roles)).order_by("username"))


def manageable_councils_for(user) -> QuerySet[Council]:
    """Councils the user gives roles on: their own (secretariat) and, for an administrator, those below."""
    return Council.objects.manageable_by(user).select_related("level").order_by("path")
