"""Writes of the councils app: the council tree, roles, electoral units, bodies, deputies and memberships."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import scoping
from .audit import apply_changes, record_audit
from .models import Body, Council, Deputy, ElectoralUnit, Membership, RoleAssignment, Term


@transaction.atomic
def create_council(*, name: str, area_name: str, code: str, level, parent: Council | None = None,
                   valid_from=None, valid_to=None, actor=None) -> Council:
    council = Council(name=name, area_name=area_name, code=code, level=level, parent=parent,
                      valid_from=valid_from, valid_to=valid_to)
    council.path = council.compute_path()
    council.full_clean()
    council.save()
    record_audit(target=council, council=council, action="create", actor=actor)
    return council


@transaction.atomic
def move_council(*, council: Council, new_parent: Council | None, actor=None) -> Council:
    """Re-parent a council and rewrite the paths of its whole subtree."""
    if new_parent is not None and new_parent.path.startswith(council.path):
        raise ValidationError({"parent": _("Không thể chuyển một HĐND vào dưới chính nó.")})
    old_path = council.path
    council.parent = new_parent
    council.save()
    descendants = list(Council.objects.filter(path__startswith=old_path).exclude(pk=council.pk))
    for child in descendants:
        child.path = council.path + child.path[len(old_path):]
        child.depth = child.path.count("/") - 2
    Council.objects.bulk_update(descendants, ["path", "depth"], batch_size=500)
    record_audit(target=council, council=council, action="move", actor=actor,
                 changes={"from_path": old_path, "to_path": council.path})
    return council


@transaction.atomic
def assign_role(*, user, council: Council, role: str, deputy=None, actor=None) -> RoleAssignment:
    assignment = RoleAssignment(user=user, council=council, role=role, deputy=deputy)
    assignment.full_clean()
    assignment.save()
    scoping.forget(user)
    record_audit(target=assignment, council=council, action="assign_role", actor=actor,
                 changes={"user": user.get_username(), "role": role})
    return assignment


def check_same_council(council: Council, **related) -> None:
    """Records a council's record links to must belong to that same council (a ValidationError per name)."""
    errors = {
        name: _("Phải thuộc cùng HĐND %(council)s.") % {"council": council}
        for name, obj in related.items()
        if obj is not None and scoping.council_of(obj).pk != council.pk
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_electoral_unit(*, council: Council, term: Term, number: int, name: str, area: str = "",
                          seats: int = 1, actor=None) -> ElectoralUnit:
    unit = ElectoralUnit(council=council, term=term, number=number, name=name, area=area, seats=seats)
    unit.full_clean()
    unit.save()
    record_audit(target=unit, action="create", actor=actor)
    return unit


@transaction.atomic
def update_electoral_unit(*, unit: ElectoralUnit, data: dict, actor=None) -> ElectoralUnit:
    """Change the number, name, area or seats of an electoral unit (never its council or term)."""
    editable = ("number", "name", "area", "seats")
    changed = apply_changes(unit, {k: v for k, v in data.items() if k in editable}, editable=editable)
    unit.full_clean()
    unit.save()
    record_audit(target=unit, action="update", actor=actor, changes=changed)
    return unit


@transaction.atomic
def create_body(*, council: Council, term: Term, kind: str, name: str, committee_type: str = "",
                electoral_units: Iterable[ElectoralUnit] = (), dissolved_on=None, actor=None) -> Body:
    electoral_units = list(electoral_units)
    for unit in electoral_units:
        check_same_council(council, electoral_units=unit)
    body = Body(council=council, term=term, kind=kind, name=name, committee_type=committee_type or "",
                dissolved_on=dissolved_on)
    body.full_clean()
    body.save()
    body.electoral_units.set(electoral_units)
    record_audit(target=body, action="create", actor=actor)
    return body


@transaction.atomic
def update_body(*, body: Body, data: dict, actor=None) -> Body:
    """Rename, re-type, dissolve a body or change its electoral units (never its council or term)."""
    allowed = ("kind", "committee_type", "name", "dissolved_on")
    changed = apply_changes(body, {k: v for k, v in data.items() if k in allowed}, editable=allowed)
    body.full_clean()
    body.save()
    if "electoral_units" in data:
        units = list(data["electoral_units"])
        for unit in units:
            check_same_council(body.council, electoral_units=unit)
        body.electoral_units.set(units)
        changed["electoral_units"] = [str(u.pk) for u in units]
    record_audit(target=body, action="update", actor=actor, changes=changed)
    return body


_DEPUTY_FIELDS = ("full_name", "gender", "birth_date", "is_full_time", "is_party_member", "electoral_unit",
                  "position", "email", "phone", "start_date", "end_date")


@transaction.atomic
def create_deputy(*, council: Council, term: Term, full_name: str, actor=None, **details) -> Deputy:
    """Add a deputy's seat. ``details`` are the other Deputy fields (gender, electoral_unit, dates...)."""
    unknown = set(details) - set(_DEPUTY_FIELDS)
    if unknown:
        raise TypeError(f"create_deputy() got unexpected fields: {sorted(unknown)}")
    check_same_council(council, electoral_unit=details.get("electoral_unit"))
    deputy = Deputy(council=council, term=term, full_name=full_name, **details)
    deputy.full_clean()
    deputy.save()
    record_audit(target=deputy, action="create", actor=actor)
    return deputy


@transaction.atomic
def update_deputy(*, deputy: Deputy, data: dict, actor=None) -> Deputy:
    """Change a deputy's details or end their seat (``end_date``); never their council or term."""
    changed = apply_changes(deputy, {k: v for k, v in data.items() if k in _DEPUTY_FIELDS}, editable=_DEPUTY_FIELDS)
    check_same_council(deputy.council, electoral_unit=deputy.electoral_unit)
    deputy.full_clean()
    deputy.save()
    record_audit(target=deputy, action="update", actor=actor, changes=changed)
    return deputy


@transaction.atomic
def create_membership(*, body: Body, deputy: Deputy, start_date, role: str = "member", end_date=None,
                      actor=None) -> Membership:
    check_same_council(body.council, deputy=deputy)
    membership = Membership(body=body, deputy=deputy, role=role, start_date=start_date, end_date=end_date)
    membership.full_clean()
    membership.save()
    record_audit(target=membership, council=body.council, action="create", actor=actor)
    return membership


@transaction.atomic
def update_membership(*, membership: Membership, data: dict, actor=None) -> Membership:
    """Change the role or dates of a membership (a move to another body is a new membership)."""
    editable = ("role", "start_date", "end_date")
    changed = apply_changes(membership, {k: v for k, v in data.items() if k in editable}, editable=editable)
    membership.full_clean()
    membership.save()
    record_audit(target=membership, council=membership.body.council, action="update", actor=actor,
                 changes=changed)
    return membership
