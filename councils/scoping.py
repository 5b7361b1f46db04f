"""The one mechanism that scopes every queryset to the councils a user is assigned to, and those below.

Each council stores its materialized ``path`` ("/01/00004/"), so "this council and everything below"
is one indexed ``path LIKE '/01/%'`` condition joined into the same SQL query: no recursion in Python,
no extra query per node. Models say how they reach their council with ``council_scope`` (a lookup such
as ``"council"`` or ``"petition__council"``); ``ScopedQuerySet.for_user`` does the rest.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import BooleanField, Func, Q, Subquery

from .choices import Role

_CACHE_ATTR = "_hdnd_scope_cache"
# councils.selectors.primary_council keeps its answer here, beside the assignments it comes from.
PRIMARY_COUNCIL_ATTR = "_hdnd_primary_council"
# Roles that open a council's records. An agency's staff are assigned on the agency's council but see only
# what is addressed to their agency (voters' forwardings): their role never opens the council itself.
COUNCIL_ROLES = tuple(role for role in Role.values if role != Role.AGENCY_STAFF)


def _all_assignments(user) -> list[tuple[str, int, str, int | None, int | None]]:
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # Through the user's reverse relation, so this module needs no model and models can import it.
        cached = list(user.council_roles.values_list("council__path", "council_id", "role", "deputy_id", "agency_id"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def assignments(user) -> list[tuple[str, int, str, int | None]]:
    """(path, council id, role, deputy id) for each council role (agency staff roles left out), loaded once
    per user object."""
    return [(path, council, role, deputy) for path, council, role, deputy, _a in _all_assignments(user)
            if role != Role.AGENCY_STAFF]


def agency_ids(user) -> set[int]:
    """The agencies whose staff this user is (role ``agency_staff``)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return {agency for _p, _c, role, _d, agency in _all_assignments(user) if role == Role.AGENCY_STAFF and agency}


def forget(user) -> None:
    """Drop the cached assignments (after they change), and what was derived from them."""
    for attr in (_CACHE_ATTR, PRIMARY_COUNCIL_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def _minimal(paths: list[str]) -> list[str]:
    """Drop paths that lie below another path of the list: they add nothing to the OR."""
    out: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in out):
            out.append(path)
    return out


def sees_everything(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def scope_paths(user, roles: tuple[str, ...] | None = None) -> list[str]:
    if not (user and user.is_authenticated and user.is_active):
        return []
    return _minimal([path for path, _c, role, _d in assignments(user) if roles is None or role in roles])


def scope_q(user, lookup: str, roles: tuple[str, ...] | None = None) -> Q:
    """A Q that keeps rows whose council (reached through ``lookup``) lies in the user's subtrees."""
    if sees_everything(user):
        return Q()
    field = f"{lookup}__path__startswith" if lookup else "path__startswith"
    q = Q(pk__in=[])
    for path in scope_paths(user, roles):
        q |= Q(**{field: path})
    return q


def scope_within(user, path: str) -> bool:
    """Whether everything the user sees already lies in the subtree at ``path``, so that "this council and
    below" adds nothing to their scope. Callers then leave the condition out: the same ``path LIKE`` twice
    makes the planner square its estimate (3 councils for Hà Nội's 127) and choose a plan for a tiny subtree."""
    if sees_everything(user):
        return False
    paths = scope_paths(user)
    return bool(paths) and all(own.startswith(path) for own in paths)


class _AnyOfSubquery(Func):
    """``column = ANY(ARRAY(subquery))`` on PostgreSQL: the subquery runs once, before the rows are read, and
    the planner takes its result as a list of values; elsewhere a plain ``column IN (subquery)``."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)
        if connection.vendor == "postgresql":
            return f"{column_sql} = ANY(ARRAY{subquery_sql})", (*column_params, *subquery_params)
        return f"{column_sql} IN {subquery_sql}", (*column_params, *subquery_params)


def subtree_ids_q(user, lookup: str, roles: tuple[str, ...] | None = None) -> Q:
    """The same rows as ``scope_q``, stated as "the row's council id is one of the ids of the user's
    councils", ids read once by a subquery. Added beside ``scope_q`` where a condition has an index of its
    own (the trigram search): with only the join on ``path`` the planner may repeat that index scan once per
    council of the subtree (127 times for Hà Nội); with the ids it reads it once. ``Q()`` for a user who sees
    every council."""
    if sees_everything(user):
        return Q()
    if not scope_paths(user, roles):
        return Q(pk__in=[])
    council = apps.get_model("councils", "Council")
    ids = Subquery(council.objects.order_by().filter(scope_q(user, "", roles)).values("pk"))
    return Q(_AnyOfSubquery(models.F(lookup or "pk"), ids))


def roles_for(user, council) -> set[str]:
    """Roles the user holds on this council itself or on one of its ancestors."""
    if not (user and user.is_authenticated):
        return set()
    return {role for path, _c, role, _d in assignments(user) if council.path.startswith(path)}


def deputy_ids(user) -> set[int]:
    """The Deputy records linked to this user (a person can sit on councils of two levels)."""
    if not (user and user.is_authenticated):
        return set()
    return {deputy for _p, _c, role, deputy in assignments(user) if role == Role.DEPUTY and deputy}


class ScopedQuerySet(models.QuerySet):
    """A queryset of rows that belong to a council. The model names the lookup in ``council_scope``."""

    def for_user(self, user, roles: tuple[str, ...] | None = None):
        return self.filter(scope_q(user, self.model.council_scope, roles))

    def manageable_by(self, user):
        """Rows the user may change: their own council (secretariat) or subtree (administrator)."""
        if sees_everything(user):
            return self
        lookup = self.model.council_scope
        q = Q(pk__in=[])
        if user and user.is_authenticated:
            for path, council_id, role, _d in assignments(user):
                if role == Role.ADMINISTRATOR:
                    q |= Q(**{f"{lookup}__path__startswith" if lookup else "path__startswith": path})
                elif role == Role.SECRETARIAT:
                    q |= Q(**{f"{lookup}_id" if lookup else "pk": council_id})
        return self.filter(q)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def council_of(obj):
    """The council an object belongs to, following its model's ``council_scope`` lookup (or its own
    ``council`` field, for catalogues such as agencies that are not scoped)."""
    lookup = getattr(type(obj), "council_scope", None)
    if lookup is None:
        return obj.council if hasattr(obj, "council_id") else None
    if not lookup:
        return obj
    for part in lookup.split("__"):
        obj = getattr(obj, part)
        if obj is None:
            return None
    return obj
