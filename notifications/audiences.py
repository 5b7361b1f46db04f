"""Who is who for a notification: the users behind a council's secretariat, its standing board, its party
committee viewers, an agency's staff, a set of deputies. Each function is one query."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from councils.choices import BodyKind, Role

from .choices import Audience


def active_users() -> QuerySet:
    return get_user_model().objects.filter(is_active=True)


def with_role(council_id: int, role: str) -> QuerySet:
    return active_users().filter(council_roles__council_id=council_id, council_roles__role=role).distinct()


def secretariat(council_id: int) -> QuerySet:
    return with_role(council_id, Role.SECRETARIAT)


def party_viewers(council_id: int) -> QuerySet:
    return with_role(council_id, Role.PARTY_VIEWER)


def agency_staff(agency_id: int) -> QuerySet:
    return active_users().filter(council_roles__role=Role.AGENCY_STAFF, council_roles__agency_id=agency_id).distinct()


def deputies(deputy_ids: Iterable[int]) -> QuerySet:
    """The users linked to these deputies (RoleAssignment.deputy)."""
    return active_users().filter(council_roles__role=Role.DEPUTY, council_roles__deputy_id__in=list(deputy_ids)).distinct()


def standing_board(council_id: int, on: datetime.date) -> QuerySet:
    """Users of the deputies who sit on the council's standing board on that day."""
    current = (Q(council_roles__deputy__memberships__end_date__isnull=True)
               | Q(council_roles__deputy__memberships__end_date__gte=on))
    return active_users().filter(
        current,
        council_roles__role=Role.DEPUTY,
        council_roles__deputy__memberships__body__council_id=council_id,
        council_roles__deputy__memberships__body__kind=BodyKind.STANDING_BOARD,
        council_roles__deputy__memberships__start_date__lte=on,
    ).distinct()


def of_council(audience: str, council_id: int, on: datetime.date) -> QuerySet:
    """The users of one council-wide audience (the responsible ones depend on the item, not the council)."""
    if audience == Audience.SECRETARIAT:
        return secretariat(council_id)
    if audience == Audience.STANDING_BOARD:
        return standing_board(council_id, on)
    if audience == Audience.PARTY:
        return party_viewers(council_id)
    raise ValueError(audience)
